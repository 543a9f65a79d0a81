"""The demo's power records (issue 12): every village of both demo towns has one record in each state a villager or
supervisor should see, made through the step gate; a villager reaches them from the village's page."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from cunwu.pages.models import VillagePage
from cunwu.towns.models import Town
from disclosure import record_demo
from disclosure.models import PowerRecord
from disclosure.record_warning_models import RecordWarning

STATES = re.compile(r'data-step-state="(\w+)"')


def states(html):
    return STATES.findall(html)


@pytest.mark.django_db
def test_every_demo_village_has_a_record_in_every_state_reached_from_its_page(client):
    call_command("load_demo", verbosity=0)
    towns = list(Town.objects.order_by("pk"))
    assert len(towns) == 2
    for town in towns:
        record_demo.load(town, list(town.villages.all()))  # again: nothing is added twice
        for village in town.villages.all():
            records = {record.matter.code: record for record in PowerRecord.objects.filter(village=village)}
            assert sorted(records) == ["CG-01", "GC-01", "JC-01", "MS-05"], village
            blocked, overdue, rectified, refused = (records[code] for code in ("JC-01", "GC-01", "CG-01", "MS-05"))
            # Blocked at the villagers' representative meeting: the resolution is missing, the gate warned.
            assert [s.state for s in blocked.steps.all()][:4] == ["done", "done", "done", "current"]
            warning = RecordWarning.objects.get(record=blocked)
            assert warning.kind == "document_missing" and warning.step.number == 4
            # Overdue at the town's review, its warning sent by SMS to the committee's director.
            assert overdue.steps.get(number=2).state == "overdue"
            told = RecordWarning.objects.get(record=overdue, kind="overdue").recipients.filter(channel="sms").get()
            assert told.role == "village_supervisor_director" and "*" in told.masked_phone
            # Closed, and rectified after a villager's report.
            assert rectified.status == "closed" and rectified.closed_at < timezone.now() - timedelta(days=30)
            assert rectified.steps.get(number=5).closed_at == rectified.closed_at  # moved back as one
            assert list(rectified.rectifications.values_list("state", flat=True)) == ["closed"]
            assert rectified.opinions.count() == 1
            # Sent back by the village committee's review, on time.
            assert [s.state for s in refused.steps.all()][:3] == ["current", "pending", "refused"]

    xihu = towns[0] if towns[0].site.hostname == "localhost" else towns[1]
    beigou = xihu.villages.get(name="北沟村")
    village_page = client.get(urlsplit(VillagePage.objects.get(village=beigou).url).path, HTTP_HOST="localhost")
    assert village_page.status_code == 200
    links = re.findall(r'href="(/p/disclosure/records/QL-\w+/)"', village_page.content.decode())
    assert len(set(links)) == 4
    pages = {}
    for link in set(links):
        html = client.get(link, HTTP_HOST="localhost").content.decode()
        pages[re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1)] = html
    assert states(pages["北沟村2027年道路硬化工程决策"])[:4] == ["done", "done", "done", "current"]
    assert "overdue" in states(pages["北沟村村委会办公用房维修"])
    purchase = pages["北沟村村内路灯采购（20盏）"]
    assert states(purchase) == ["done"] * 5
    assert 'data-rectification-state="closed"' in purchase and "补装缺少的4盏路灯" in purchase
    assert "申报面积与土地承包台账不符" in pages["北沟村2027年耕地地力保护补贴申报"]
    # The villager who reported is nowhere on the page; the proposer's name is masked.
    assert "刘桂兰" not in purchase and "13912345678" not in purchase and "张建国" not in purchase
