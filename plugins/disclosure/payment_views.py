"""Public payment lists with masked names, and a household's own check by name plus the last 4 ID digits."""

from django import forms
from django.db.models import Count, Sum
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api
from cunwu.plugins.api import mask_name

from . import household_check
from .params import int_param
from .payment_models import LAST4, PaymentList


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
    list_pk = int_param(request.GET.get("list"))
    selected = lists.filter(pk=list_pk).first() if list_pk else lists.first()
    rows = []
    if selected is not None:
        rows = [
            {"name": mask_name(p.household_head), "amount": p.amount, "paid_on": p.paid_on}
            for p in selected.payments.only("household_head", "amount", "paid_on")[:2000]
        ]
    guard = api.FormGuard(request, "disclosure-check", household_check.LIMITS)
    found, status = None, 200
    if request.method == "POST":
        if refused := guard.refused():
            return refused
        form = guard.protect(CheckForm(request.POST))
        if form.is_valid():
            found = household_check.check(request, town, form.cleaned_data["name"], form.cleaned_data["id_last4"])
            guard.passed()
        else:
            status = 400
    else:
        form = guard.protect(CheckForm())
    return render(request, "disclosure/payments.html", {
        "town": town, "lists": lists, "selected": selected, "villages": villages, "chosen": chosen, "rows": rows, "form": form, "found": found,
    }, status=status)
