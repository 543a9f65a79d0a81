""""反映问题" on a power record: a short form, guarded like every public form (api.FormGuard), whose report goes to
the village supervision committee as a case (record_reports.file_report). The villager is told, in Chinese, what
happens next and the number to follow it by."""

import re

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from phonenumber_field.formfields import PhoneNumberField

from cunwu.plugins import api

from .record_reports import file_report

# One villager reports once or twice; a village office helping elders a few more. The picture challenge comes after
# three in an hour from one address; ten attempts an hour is the hard limit, five reports a day per mobile number.
LIMITS = api.GuardLimits(per_ip="10/h", per_phone="5/d", challenge_after=3, challenge_window="1h")
WRONG_PHONE = _("Please enter a valid mainland China mobile number (11 digits).")
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")


class RecordReportForm(forms.Form):
    content = forms.CharField(label=_("What is wrong?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": _("Please say what is wrong."),
                                              "max_length": _("Please keep it under 1000 characters.")})
    name = forms.CharField(label=_("Your name (optional)"), max_length=30, required=False)
    phone = PhoneNumberField(label=_("Mobile number (optional, to hear the result)"), region="CN", required=False,
                             max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
                             error_messages={"invalid": WRONG_PHONE, "invalid_phone_number": WRONG_PHONE})

    def clean_content(self):
        content = INVISIBLE.sub("", self.cleaned_data["content"]).strip()
        if not content:
            raise forms.ValidationError(_("Please say what is wrong."))
        return content

    def clean_name(self):
        return INVISIBLE.sub("", self.cleaned_data["name"]).strip()


def guard(request):
    return api.FormGuard(request, "disclosure-record-report", LIMITS)


def report_form(request, data=None):
    return guard(request).protect(RecordReportForm(data))


@require_POST
def report_view(request, code):
    from .record_views import record_context, record_page

    context = record_context(request, code)  # 404 before counting anything for another town's code
    checker = guard(request)
    if refused := checker.refused():
        return refused
    form = checker.protect(RecordReportForm(request.POST))
    if not form.is_valid():
        return record_page(request, code, form=form, status=400)
    data = {**form.cleaned_data, "phone": str(form.cleaned_data["phone"] or "")}  # E.164, "" when not given
    if refused := checker.refused(phone=data["phone"]):
        return refused
    filed = file_report(context["record"], data["content"], data["name"], data["phone"])
    checker.passed(phone=data["phone"])
    return render(request, "disclosure/records/reported.html", {**context, "filed": filed,
                                                                   "masked_phone": api.mask_phone(data["phone"])})
