"""The text messages this plugin sends through the `sms` service; a town maps each to its provider's template."""

from django.utils.translation import gettext_lazy as _

from cunwu.plugins.api import MessageEvent

EVENTS = [
    MessageEvent("appeal_submitted", _("Case received (to the villager)"), ("number",),
                 "您的诉求已受理登记，编号 {number}，可凭编号和手机号后四位查询进度。"),
    MessageEvent("appeal_accepted", _("Case accepted (to the villager)"), ("number",), "您的诉求 {number} 已受理，正在办理。"),
    MessageEvent("appeal_rejected", _("Case rejected (to the villager)"), ("number",),
                 "您的诉求 {number} 未予受理，原因请凭编号查询。"),
    MessageEvent("appeal_resolved", _("Case resolved (to the villager)"), ("number",),
                 "您的诉求 {number} 已办结，请凭编号查询答复并评价。"),
    MessageEvent("appeal_new_case", _("New case (to the handlers)"), ("number", "village"), "新诉求 {number}（{village}），请及时受理。"),
    MessageEvent("appeal_escalation_digest", _("Escalation digest (to staff)"), ("count", "numbers"),
                 "您有 {count} 件诉求需要处理：{numbers}。请登录村务平台查看。"),
]
