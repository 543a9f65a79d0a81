from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from appeals.deadlines import sweep

pytestmark = pytest.mark.django_db

WARNING = "截止时间巡检"


@pytest.fixture
def handler(appeals_town, make_user):
    from cunwu.towns.models import Role

    return make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村"))


def test_admin_warns_in_chinese_when_the_deadline_sweep_has_not_run_for_5_minutes(client, handler):
    client.force_login(handler)
    never = client.get("/admin/").content.decode()
    assert "截止时间巡检从未运行" in never

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sweep()
    with time_machine.travel(start + timedelta(minutes=4, seconds=50), tick=False):
        assert WARNING not in client.get("/admin/").content.decode()
        assert WARNING not in client.get("/admin/appeals/dashboard/").content.decode()
    with time_machine.travel(start + timedelta(minutes=5, seconds=10), tick=False):
        home = client.get("/admin/").content.decode()
        assert "截止时间巡检已超过 5 分钟未运行" in home and "预警" in home
        assert "截止时间巡检已超过 5 分钟未运行" in client.get("/admin/appeals/dashboard/").content.decode()
        sweep()  # the beat is back
        assert WARNING not in client.get("/admin/").content.decode()

