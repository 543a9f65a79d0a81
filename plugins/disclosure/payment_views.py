"""Public payment lists with masked names, and a household's own check by name plus the last 4 ID digits."""

from django import forms
from django.db.models import Count, Sum
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from cunwu.plugins import api
from cunwu.plugins.api import mask_name

from .payment_models import LAST4, Payment, PaymentList


class CheckForm(forms.Form):
    name = forms.CharField(label=_("Household head's name"), max_length=40)
    id_last4 = forms.CharField(label=_("Last 4 of the ID number"), max_length=4, min_length=4, validators=[LAST4])


def published_lists(town):
    """The town's published payment lists with their totals, newest year first."""
    return (
        PaymentList.objects.filter(village__town=town, published_at__isnull=False)
        .select_related("village")
        .annotate(total=Sum("payments__amount"), households=Count("payments"))
        .order_by("-year", "village__sort_order", "programme")
    )


def payments(request):
    town = api.current_town(request)
    lists = published_lists(town)
    villages = list(town.villages.all())
    chosen = next((v for v in villages if v.code == request.GET.get("village")), None)
    if chosen:
        lists = lists.filter(village=chosen)
    selected = lists.filter(pk=request.GET.get("list")).first() if (request.GET.get("list") or "").isdigit() else lists.first()
    rows = []
    if selected is not None:
        rows = [
            {"name": mask_name(p.household_head), "amount": p.amount, "paid_on": p.paid_on}
            for p in selected.payments.only("household_head", "amount", "paid_on")[:2000]
        ]
    form, found, status = CheckForm(request.POST or None), None, 200
    if request.method == "POST":
        if is_ratelimited(request, group="disclosure-check", key="ip", rate="10/m", increment=True):
            form.add_error(None, _("Too many checks from this network; try again in a minute."))
            status = 429
        elif form.is_valid():
            found = [
                {"programme": p.payment_list.programme, "year": p.payment_list.year, "village": p.payment_list.village.name,
                 "amount": p.amount, "paid_on": p.paid_on, "bank": f"****{p.bank_last4}" if p.bank_last4 else ""}
                for p in Payment.objects.filter(
                    payment_list__village__town=town, payment_list__published_at__isnull=False,
                    household_head=form.cleaned_data["name"].strip(), id_last4=form.cleaned_data["id_last4"].upper(),
                ).select_related("payment_list__village")
            ]
        else:
            status = 400
    return render(request, "disclosure/payments.html", {
        "town": town, "lists": lists, "selected": selected, "villages": villages, "chosen": chosen, "rows": rows, "form": form, "found": found,
    }, status=status)
