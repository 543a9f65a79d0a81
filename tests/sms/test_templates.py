"""What a message says and which template carries it: the declaring plugin's default, else the town's mapping."""

import pytest

from sms.models import SmsMessage, SmsTemplate

pytestmark = pytest.mark.django_db


def test_an_event_of_appeals_gets_its_default_text_and_a_town_mapping_changes_code_and_text(
    appeals_town, other_town, enable_plugin, new_case
):
    first = new_case()
    default = SmsMessage.objects.get(event="appeal_submitted")
    assert default.template_code == "appeal_submitted"
    assert default.text == f"您的诉求已受理登记，编号 {first.number}，可凭编号和手机号后四位查询进度。"

    SmsTemplate.objects.create(town=other_town, event="appeal_submitted", template_code="SMS_9", text="柳河镇：{number}")
    SmsTemplate.objects.create(town=appeals_town, event="appeal_submitted", template_code="SMS_2481",
                               text="西湖镇已收到您的诉求（{number}），{unknown} 保持原样。")
    second = new_case()
    message = SmsMessage.objects.filter(event="appeal_submitted").order_by("-pk").first()
    assert message.template_code == "SMS_2481" and message.params == {"number": second.number}
    assert message.text == f"西湖镇已收到您的诉求（{second.number}），{{unknown}} 保持原样。"
