import pytest

from appeals.models import SmsMessage
from appeals.sms.templates import SmsTemplate

pytestmark = pytest.mark.django_db


def test_town_admin_edits_the_wording_of_an_event_and_the_outbox_uses_it(client, appeals_town, other_town, enable_plugin,
                                                                          make_user, new_case):
    from cunwu.towns.models import Role

    first = new_case()
    default = SmsMessage.objects.get(event="appeal_submitted")
    assert default.template_code == "appeal_submitted"
    assert default.text == f"您的诉求已受理登记，编号 {first.number}，可凭编号和手机号后四位查询进度。"

    enable_plugin(other_town, "appeals")
    SmsTemplate.objects.create(town=other_town, event="appeal_submitted", text="柳河镇：{number}")
    client.force_login(make_user("townadmin", appeals_town, Role.TOWN_ADMIN))
    listing = client.get("/admin/appeals/smstemplate/")
    assert listing.status_code == 200 and "柳河镇" not in listing.content.decode()
    created = client.post("/admin/appeals/smstemplate/create/", {
        "town": appeals_town.pk, "event": "appeal_submitted", "template_code": "SMS_2481",
        "text": "西湖镇已收到您的诉求（{number}），{unknown} 保持原样。",
    })
    assert created.status_code == 302
    theirs = client.post("/admin/appeals/smstemplate/create/", {
        "town": other_town.pk, "event": "appeal_accepted", "text": "x",
    })
    assert theirs.status_code in (200, 400, 403) and not SmsTemplate.objects.filter(event="appeal_accepted").exists()

    second = new_case()
    message = SmsMessage.objects.filter(event="appeal_submitted").order_by("-pk").first()
    assert message.template_code == "SMS_2481" and message.params == {"number": second.number}
    assert message.text == f"西湖镇已收到您的诉求（{second.number}），{{unknown}} 保持原样。"
