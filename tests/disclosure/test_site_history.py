"""Wagtail's site history (报告 → 网站历史) shows a town's staff the history of their own town's power records, never
another town's: model permissions are global, so Wagtail alone listed every town's records to anyone who may view one."""

import re
from decimal import Decimal

import pytest

from cunwu.towns.models import Role
from disclosure import record_gate

from .test_record_gate import make_matter


@pytest.mark.django_db
def test_site_history_lists_the_towns_own_records_and_people_only(client, dtown, beigou, make_town, enable_plugin,
                                                                   make_user):
    other = make_town("柳河镇", "liuhe.localhost", ("柳河村",), slug="liuhe")
    enable_plugin(other, "disclosure")
    shuji = make_user("shuji", dtown, Role.VILLAGE_EDITOR, beigou)
    liuhe_shuji = make_user("liuhe-shuji", other, Role.VILLAGE_EDITOR, other.villages.get())
    record_gate.open_record(make_matter(dtown), beigou, shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    record_gate.open_record(make_matter(other, code="GC-98"), other.villages.get(), liuhe_shuji, "柳河村河堤加固")
    client.force_login(make_user("bianji", dtown, Role.TOWN_EDITOR))  # the reports menu is for page editors

    home = client.get("/admin/", HTTP_HOST="localhost").text
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', home, re.S).group(1)
    history = next(url for url in re.findall(r'"url":\s*"(/admin/[^"]*)"', props) if "site-history" in url)
    html = client.get(history, HTTP_HOST="localhost").text
    assert "北沟村 2027 年道路硬化" in html
    assert "柳河村河堤加固" not in html and "liuhe-shuji" not in html
    # the superuser, who runs the platform, still reads both
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    both = client.get(history, HTTP_HOST="localhost").text
    assert "北沟村 2027 年道路硬化" in both and "柳河村河堤加固" in both
