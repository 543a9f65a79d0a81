"""With Redis stopped, a villager's appeal is taken, saved and its SMS sent once Redis is back; the lookup's rate
limits keep counting (per process) instead of allowing everything or failing. gunicorn, own Redis, fake provider."""

import re

import requests

from appeals.models import Case, Category
from appeals.staff import StaffPhone
from tests.support.site_server import own_redis, site_server  # noqa: F401  (fixtures)

HOST = {"Host": "localhost"}


def csrf_token(session, url):
    page = session.get(url, headers=HOST, timeout=30)
    assert page.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_an_appeal_made_while_redis_is_down_is_kept_and_its_sms_goes_out_once_redis_is_back(
    appeals_town, make_user, sms_http, own_redis, site_server,
):
    from cunwu.towns.models import Role
    from sms.models import SmsMessage
    from sms.tasks import sms_sweep

    beigou = appeals_town.villages.get(name="北沟村")
    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, beigou)
    StaffPhone.objects.create(town=appeals_town, user=handler, phone="+8613900001111")
    server = site_server()
    own_redis.stop()

    with requests.Session() as session:
        form = {
            "csrfmiddlewaretoken": csrf_token(session, server.url + "/p/appeals/submit/"),
            "kind": "application", "village": beigou.pk, "category": Category.objects.get(town=appeals_town, name="低保救助").pk,
            "content": "家里老人生病，申请临时救助", "name": "李四", "phone": "138 1234 5678",
        }
        submitted = session.post(server.url + "/p/appeals/submit/", data=form, headers=HOST, timeout=30)
        assert submitted.status_code == 200 and "/p/appeals/c/" in submitted.url  # the case page, after the redirect
        case = Case.objects.get(town=appeals_town)
        assert case.number in submitted.text

        lookup = {"csrfmiddlewaretoken": csrf_token(session, server.url + "/p/appeals/lookup/"), "number": case.number, "last4": "0000"}
        statuses = [session.post(server.url + "/p/appeals/lookup/", data=lookup, headers=HOST, timeout=30).status_code for _ in range(7)]
    # Still counted, in the web process: five wrong checks, then the picture challenge (400 without it).
    assert statuses == [404] * 5 + [400] * 2

    [message] = SmsMessage.objects.filter(event="appeal_new_case")
    assert message.phone == "+8613900001111" and message.status == "pending"
    assert not sms_http.messages  # the broker was down: nothing could be sent yet

    own_redis.start()
    sms_sweep()
    sms_sweep()
    assert len(sms_http.on_phone("+8613900001111")) == 1
