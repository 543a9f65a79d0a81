"""Admin screens of a payment list: import households from CSV/XLSX, and publish (after which it is frozen)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cunwu.plugins import api

from .admin_views import refuse
from .import_views import ImportForm
from .importer import ImportRefused, read_rows
from .payment_import import COLUMNS, import_payments, template_workbook
from .payment_models import PaymentList
from .search import reindex_later

INDEX = "disclosure_paymentlist_modeladmin_index"
MAX_BYTES = 10 * 1024 * 1024


def _payment_list(request, pk):
    """The list if the user may edit it; else None (the caller answers 403)."""
    payment_list = get_object_or_404(
        PaymentList.objects.select_related("village__town").filter(
            village__town__in=api.towns_with_perm(request.user, "disclosure.view_paymentlist")
        ), pk=pk
    )
    town = payment_list.village.town
    village_ok = api.user_villages(request.user, town).filter(pk=payment_list.village_id).exists()
    if not (api.has_town_perm(request.user, town, "disclosure.change_paymentlist") and (village_ok or request.user.is_superuser)):
        return None
    return payment_list


def _exportable(request, pk):
    """The list if the user may read it in its town (village staff: only their villages' lists); else None."""
    payment_list = get_object_or_404(
        PaymentList.objects.select_related("village__town").filter(
            village__town__in=api.towns_with_perm(request.user, "disclosure.view_paymentlist")
        ), pk=pk
    )
    if request.user.is_superuser or api.user_villages(request.user, payment_list.village.town).filter(pk=payment_list.village_id).exists():
        return payment_list
    return None


def export(request, pk):
    """The households of a list as Excel, for the village's payment office; recorded in the town's audit trail."""
    from openpyxl import Workbook

    payment_list = _exportable(request, pk)
    if payment_list is None:
        return refuse(request, _("You do not work for this village."))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(payment_list.year))
    sheet.append([str(label) for _name, label, *_rest in COLUMNS])
    count = 0
    for payment in payment_list.payments.order_by("id").iterator(chunk_size=2000):
        sheet.append([payment.household_head, payment.id_last4, payment.bank_last4, payment.amount, payment.paid_on])
        count += 1
    # Who took the names out, and how many: never the names or digits themselves.
    api.audit(request, payment_list.village.town, "disclosure.export_payments", target=str(payment_list),
              payment_list=payment_list.pk, households=count)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="payments-{payment_list.pk}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    book.save(response)
    return response


def template(request):
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="payments-template.xlsx"'
    template_workbook().save(response)
    return response


def upload(request, pk):
    payment_list = _payment_list(request, pk)
    if payment_list is None:
        return refuse(request, _("You do not work for this village."))
    if payment_list.is_locked:
        return refuse(request, _("A published payment list cannot be changed."), status=409)
    form = ImportForm(request.POST or None, request.FILES or None, columns=COLUMNS)
    context = {"target": payment_list, "subtitle": gettext_lazy("Import households"), "form": form, "errors": [],
               "template_url": reverse("disclosure_payment_template")}
    if request.method != "POST":
        return TemplateResponse(request, "disclosure/admin/import.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    upload_file = form.cleaned_data["file"]
    if upload_file.size > MAX_BYTES:
        form.add_error("file", _("The file is larger than 10 MB."))
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    try:
        result = import_payments(payment_list, read_rows(upload_file.name, upload_file.read()), form.mapping())
    except ImportRefused as refused:
        context["refused"] = str(refused)
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    if not result.ok:
        context.update(errors=result.errors, total=result.total)
        return TemplateResponse(request, "disclosure/admin/import.html", context, status=400)
    log(payment_list, "disclosure.import_payments", user=request.user, data={"rows": result.created})
    messages.success(request, _("%(n)s households imported.") % {"n": result.created})
    return redirect(INDEX)


def publish(request, pk):
    payment_list = _payment_list(request, pk)
    if payment_list is None:
        return refuse(request, _("You do not work for this village."))
    if payment_list.is_locked:
        return refuse(request, _("This payment list is already published."), status=409)
    count = payment_list.payments.count()
    if request.method != "POST":
        return TemplateResponse(request, "disclosure/admin/publish_payments.html", {"payment_list": payment_list, "count": count})
    if count == 0:
        return refuse(request, _("The list has no households; import or add them first."), status=400)
    with transaction.atomic():
        updated = PaymentList.objects.filter(pk=pk, published_at__isnull=True).update(published_at=timezone.now())
        if updated:
            log(payment_list, "disclosure.publish_payments", user=request.user, data={"households": count})
            reindex_later(payment_list.village.town)
    messages.success(request, _("Published: %(list)s.") % {"list": payment_list})
    return redirect(INDEX)
