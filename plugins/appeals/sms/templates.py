"""SMS wording per event, editable per town. The provider gets TemplateCode + params (its approved template);
the text is what console/file backends print and what the admin shows, and what a text-based provider would send."""

import string

from django.db import models
from django.utils.translation import gettext_lazy as _

# event: (label, default template code, default text). Placeholders in {braces} come from the message's params.
EVENTS = {
    "appeal_submitted": (_("Case received (to the villager)"), "appeal_submitted",
                         "您的诉求已受理登记，编号 {number}，可凭编号和手机号后四位查询进度。"),
    "appeal_accepted": (_("Case accepted (to the villager)"), "appeal_accepted", "您的诉求 {number} 已受理，正在办理。"),
    "appeal_rejected": (_("Case rejected (to the villager)"), "appeal_rejected", "您的诉求 {number} 未予受理，原因请凭编号查询。"),
    "appeal_resolved": (_("Case resolved (to the villager)"), "appeal_resolved",
                        "您的诉求 {number} 已办结，请凭编号查询答复并评价。"),
    "appeal_new_case": (_("New case (to the handlers)"), "appeal_new_case", "新诉求 {number}（{village}），请及时受理。"),
    "appeal_escalation_digest": (_("Escalation digest (to staff)"), "appeal_escalation_digest",
                                 "您有 {count} 件诉求需要处理：{numbers}。请登录村务平台查看。"),
}


class SmsTemplate(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    event = models.CharField(_("event"), max_length=60, choices=[(key, label) for key, (label, _c, _t) in EVENTS.items()])
    template_code = models.CharField(
        _("template code"), max_length=60, blank=True, help_text=_("The code the SMS provider approved; empty: the event's name."),
    )
    text = models.TextField(
        _("text"), max_length=500, help_text=_("Placeholders in braces, e.g. {number}, are filled in for each message."),
    )

    class Meta:
        app_label = "appeals"
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")
        constraints = [models.UniqueConstraint(fields=["town", "event"], name="appeals_one_sms_template_per_event")]

    def __str__(self):
        return str(EVENTS.get(self.event, (self.event,))[0])


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(text, params):
    """Fill {placeholders}; unknown ones stay as written rather than failing a send."""
    try:
        return string.Formatter().vformat(text, (), _Keep({k: str(v) for k, v in params.items()}))
    except (ValueError, IndexError):  # a stray brace in a town's text: send it as written
        return text


def render(town, event, params):
    """(template code, text) of `event` for `town`: the town's own template, else the default."""
    _label, code, text = EVENTS.get(event, ("", event, ""))
    own = SmsTemplate.objects.filter(town=town, event=event).values_list("template_code", "text").first()
    if own:
        code, text = own[0] or code, own[1]
    return code, fill(text, params)
