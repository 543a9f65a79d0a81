"""Admin screens to import a month's lines: template download, upload with column mapping, progress of big files."""

import string

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cunwu.plugins import api

from . import workflow
from .admin_views import refuse
from .importer import COLUMNS, ImportRefused, check_content, import_lines, read_rows, template_workbook
from .models import ImportJob, LedgerMonth

ASYNC_BYTES = 200_000  # bigger files (a few thousand rows) go to Celery so the request stays short
MAX_BYTES = 30 * 1024 * 1024
LETTERS = [("", gettext_lazy("(by heading)"))] + [(letter, letter) for letter in string.ascii_uppercase]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or Excel file"))

    def __init__(self, *args, columns=COLUMNS, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = columns
        for name, label, _aliases, _required in columns:
            self.fields[f"col_{name}"] = forms.ChoiceField(label=label, choices=LETTERS, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 30 MB."))
        try:
            check_content(upload)
        except ImportRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return upload

    def mapping(self):
        return {
            name: string.ascii_uppercase.index(self.cleaned_data[f"col_{name}"])
            for name, *_rest in self.columns if self.cleaned_data.get(f"col_{name}")
        }


def _ledger(request, pk):
    ledger = get_object_or_404(
        LedgerMonth.objects.select_related("village__town").filter(
            village__town__in=api.towns_with_perm(request.user, "disclosure.view_ledgermonth")
        ), pk=pk
    )
    if not workflow.can_edit(request.user, ledger):
        raise NotYours
    return ledger


class NotYours(Exception):
    pass


def _refuse_others(view):
    def wrapped(request, pk):
        try:
            return view(request, pk)
        except NotYours:
            return refuse(request, _("You do not work for this village."))

    return wrapped


def template(request):
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="ledger-template.xlsx"'
    template_workbook().save(response)
    return response


@_refuse_others
def upload(request, pk):
    ledger = _ledger(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"ledger": ledger, "target": ledger, "form": form, "errors": [], "jobs": ledger.import_jobs.all()[:5],
               "template_url": reverse("disclosure_import_template")}
    if request.method != "POST":
        return TemplateResponse(request, "disclosure/admin/import.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    upload_file = form.cleaned_data["file"]
    if upload_file.size > ASYNC_BYTES:
        job = ImportJob.objects.create(
            ledger=ledger, upload=upload_file, filename=upload_file.name, mapping=form.mapping(), created_by=request.user
        )
        from .tasks import queue_import

        transaction.on_commit(lambda: queue_import(job.pk))
        return redirect("disclosure_import_job", pk=job.pk)
    try:
        result = import_lines(ledger, read_rows(upload_file.name, upload_file.read()), form.mapping())
    except ImportRefused as refused:
        context["refused"] = str(refused)
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    if not result.ok:
        context["errors"] = result.errors
        context["total"] = result.total
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    log(ledger, "disclosure.import", user=request.user, data={"rows": result.created, "file": upload_file.name})
    messages.success(request, _("%(n)s lines imported.") % {"n": result.created})
    return redirect("disclosure_ledger_review", pk=ledger.pk)


@_refuse_others
def job(request, pk):
    job = get_object_or_404(ImportJob.objects.select_related("ledger__village__town"), pk=pk)
    _ledger(request, job.ledger_id)
    return TemplateResponse(request, "disclosure/admin/import_job.html", {"job": job, "ledger": job.ledger})
