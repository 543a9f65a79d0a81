"""CSV/XLSX import of a payment list's households, with the ledger importer's reading, mapping and all-or-nothing rule.

A full ID or bank number in the file is cut to its last four characters before anything is kept, so the
full numbers exist only in the uploaded bytes, which are never stored.
"""

import re
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importer import ImportRefused, Result, _cell, _parse_date, guess_mapping, parse_amount
from .payment_models import Payment, PaymentList

COLUMNS = [
    ("household_head", gettext_lazy("Household head"), {"household_head", "户主", "户主姓名", "姓名"}, True),
    ("id_number", gettext_lazy("ID number (or its last 4)"), {"id", "身份证号", "身份证号码", "身份证后四位", "身份证后4位"}, True),
    ("bank_account", gettext_lazy("Bank account (or its last 4)"), {"bank", "银行账号", "银行卡号", "账号后四位"}, False),
    ("amount", gettext_lazy("Amount (yuan)"), {"amount", "金额", "金额（元）", "金额(元)", "补贴金额"}, True),
    ("paid_on", gettext_lazy("Paid on"), {"paid_on", "发放日期", "日期"}, True),
]
ID_NUMBER = re.compile(r"^(\d{17}[\dX]|\d{15}|[\dX]{4})$")
BANK_NUMBER = re.compile(r"^(\d{12,19}|\d{4})$")
MAX_ROWS = 50_000


def _check(row, mapping, line):
    heading = {name: str(label) for name, label, *_rest in COLUMNS}
    errors, values = [], {}

    def fail(name, message):
        errors.append((line, heading[name], message))

    name = str(_cell(row, mapping.get("household_head")))
    if not name:
        fail("household_head", _("The household head's name is missing."))
    elif len(name) > 40:
        fail("household_head", _("Too long: at most %(n)s characters.") % {"n": 40})
    values["household_head"] = name
    id_number = str(_cell(row, mapping.get("id_number"))).replace(" ", "").upper()
    if not ID_NUMBER.match(id_number):
        # The value is not echoed: it may be someone's real ID number with a typo.
        fail("id_number", _("Not an ID number: give all 18 characters or the last 4."))
    values["id_last4"] = id_number[-4:]
    bank = str(_cell(row, mapping.get("bank_account"))).replace(" ", "")
    if bank and not BANK_NUMBER.match(bank):
        fail("bank_account", _("Not a bank account number: give the digits only, or the last 4."))
    values["bank_last4"] = bank[-4:]
    raw_amount = _cell(row, mapping.get("amount"))
    try:
        values["amount"] = parse_amount(raw_amount, zero_allowed=True, below=Decimal("1e10"))
    except ValueError:
        fail("amount", _("“%(value)s” is not an amount in yuan (0 or more, at most 2 decimals).") % {"value": raw_amount})
    raw_date = _cell(row, mapping.get("paid_on"))
    try:
        values["paid_on"] = _parse_date(raw_date)
    except (ValueError, TypeError):
        fail("paid_on", _("“%(value)s” is not a date; write it like 2026-03-15.") % {"value": raw_date} if raw_date
             else _("The date is missing."))
    return values, errors


def import_payments(payment_list, rows, mapping=None):
    """Check every row, then add all households in one transaction, or add none and return every error."""
    if payment_list.is_locked:
        raise ImportRefused(_("A published payment list cannot be changed."))
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise ImportRefused(_("The file is empty."))
    mapping = {**guess_mapping(header, COLUMNS), **{k: v for k, v in (mapping or {}).items() if v is not None}}
    missing = [str(label) for name, label, _aliases, required in COLUMNS if required and name not in mapping]
    if missing:
        raise ImportRefused(_("These columns are missing: %(columns)s. Use the template or map the columns.") % {
            "columns": "、".join(missing)})
    result, items = Result(), []
    for line, row in enumerate(rows, start=2):
        if not any(str(cell or "").strip() for cell in row):
            continue
        result.total += 1
        if result.total > MAX_ROWS:
            raise ImportRefused(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
        values, errors = _check(row, mapping, line)
        result.errors.extend(errors)
        if not result.errors:
            items.append(Payment(payment_list=payment_list, **values))
    if result.errors:
        return result
    with transaction.atomic():
        if PaymentList.objects.select_for_update().filter(pk=payment_list.pk, published_at__isnull=False).exists():
            raise ImportRefused(_("A published payment list cannot be changed."))
        Payment.objects.bulk_create(items, batch_size=2000)
    result.created = len(items)
    return result


def template_workbook():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "发放名单"
    sheet.append([str(label) for _name, label, *_rest in COLUMNS])
    sheet.append(["张三明", "123X", "6789", 356.4, "2026-06-15"])
    for column in "ABCDE":
        sheet.column_dimensions[column].width = 20
    return book
