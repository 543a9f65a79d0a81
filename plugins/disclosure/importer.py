"""CSV/XLSX import of a month's line items: every bad row is reported, and nothing is saved unless all are good."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Category, Kind, LedgerMonth, LineItem, PowerRecord, Status

# (field, column heading in the template, other headings accepted, required)
COLUMNS = [
    ("date", gettext_lazy("Date"), {"date", "日期", "发生日期"}, True),
    ("kind", gettext_lazy("Income or expenditure"), {"kind", "收支", "收支类型", "类型"}, True),
    ("category", gettext_lazy("Ledger category"), {"category", "科目", "类别"}, True),
    ("amount", gettext_lazy("Amount (yuan)"), {"amount", "金额", "金额（元）", "金额(元)"}, True),
    ("counterparty", gettext_lazy("Counterparty"), {"counterparty", "往来单位", "对方", "往来单位/个人"}, False),
    ("purpose", gettext_lazy("Purpose"), {"purpose", "摘要", "用途", "用途/摘要"}, True),
    ("voucher_number", gettext_lazy("Voucher number"), {"voucher", "voucher_number", "凭证号"}, False),
    ("proposer", gettext_lazy("Proposed by"), {"proposer", "经办人"}, False),
    ("approver", gettext_lazy("Approved by"), {"approver", "审批人"}, False),
    ("resolution", gettext_lazy("Meeting resolution"), {"resolution", "会议决议", "决议"}, False),
    ("record", gettext_lazy("Power record tracking code"), {"record", "tracking_code", "运行记录编号", "记录编号"}, False),
]
FIELDS = [name for name, *_rest in COLUMNS]
KIND_WORDS = {"收入": Kind.INCOME, "income": Kind.INCOME, "支出": Kind.EXPENSE, "expense": Kind.EXPENSE,
              "expenditure": Kind.EXPENSE}
MAX_LENGTHS = {name: LineItem._meta.get_field(name).max_length for name in FIELDS if name not in ("date", "kind", "category", "amount", "record")}
MAX_ROWS = 200_000


class ImportRefused(Exception):
    """The whole file is refused (wrong format, missing columns, ledger not open): one message."""


@dataclass
class Result:
    errors: list = field(default_factory=list)  # (line, column heading, message)
    created: int = 0
    total: int = 0

    @property
    def ok(self):
        return not self.errors


XLSX_PARTS = {"[Content_Types].xml", "xl/workbook.xml"}
SNIFF_BYTES = 64 * 1024


def _decodes(data):
    """Text in one of the encodings read_rows accepts; a multi-byte character cut at the end of `data` is fine."""
    for encoding in ("utf-8-sig", "gb18030"):
        for cut in range(4):
            try:
                data[:len(data) - cut].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def check_content(upload):
    """Refuse (ImportRefused) a file whose bytes are not what its name says: an .xlsx must be a workbook (a zip
    holding the workbook parts), a .csv plain text without NUL bytes. Judged before the file is stored or read."""
    import zipfile

    name = (upload.name or "").lower()
    upload.seek(0)
    try:
        if name.endswith(".xlsx"):
            try:
                with zipfile.ZipFile(upload) as archive:
                    parts = set(archive.namelist())
            except (zipfile.BadZipFile, OSError, ValueError) as error:
                raise ImportRefused(_("The file is not a readable Excel .xlsx workbook.")) from error
            if not XLSX_PARTS <= parts:
                raise ImportRefused(_("The file is not a readable Excel .xlsx workbook."))
        elif name.endswith(".csv"):
            head = upload.read(SNIFF_BYTES)
            if b"\x00" in head or not _decodes(head):
                raise ImportRefused(_("The file is not a CSV text file (UTF-8 or GBK)."))
        else:
            raise ImportRefused(_("Upload a .xlsx or .csv file (use the template)."))
    finally:
        upload.seek(0)


def read_rows(upload_name, data):
    """Rows (lists of cells) of a .csv or .xlsx file, header first; streams XLSX in read-only mode."""
    name = upload_name.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a damaged file
            raise ImportRefused(_("The file is not a readable Excel .xlsx workbook.")) from error
        return _xlsx_rows(book)
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRefused(_("The CSV file is neither UTF-8 nor GBK encoded."))
        return _csv_rows(text)
    raise ImportRefused(_("Upload a .xlsx or .csv file (use the template)."))


def _xlsx_rows(book):
    # Read-only mode parses the sheet while the rows are read: damage deep in the file shows only then.
    try:
        for row in book.active.iter_rows(values_only=True):
            yield list(row)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a damaged sheet
        raise ImportRefused(_("The file is not a readable Excel .xlsx workbook.")) from error


def parse_amount(raw, zero_allowed, below):
    """A cell as yuan with at most 2 decimals, 0 < (or 0 <=, `zero_allowed`) amount < `below`; else ValueError."""
    try:
        amount = Decimal(str(raw).replace(",", "").replace("，", "").strip())
        if not amount.is_finite() or amount.as_tuple().exponent < -2 or amount >= below:
            raise ValueError(raw)
        if amount < 0 or (amount == 0 and not zero_allowed):
            raise ValueError(raw)
    except InvalidOperation as error:
        raise ValueError(raw) from error
    return amount.quantize(Decimal("0.01"))


def _csv_rows(text):
    try:
        yield from csv.reader(io.StringIO(text))
    except csv.Error as error:  # e.g. a quoted field longer than the csv module's limit
        raise ImportRefused(_("The CSV file cannot be read: a field is too long or its quotes do not match.")) from error


def guess_mapping(header, columns=None):
    """{field: column index} from the headings; unknown headings are ignored."""
    mapping = {}
    for index, heading in enumerate(header):
        text = str(heading or "").strip()
        for name, label, aliases, _required in columns or COLUMNS:
            if name not in mapping and (text == str(label) or text.lower() in aliases):
                mapping[name] = index
    return mapping


def _cell(row, index):
    if index is None or index >= len(row):
        return ""
    value = row[index]
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


def _parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    return datetime.strptime(text, "%Y-%m-%d").date()


class RowChecker:
    def __init__(self, ledger):
        self.ledger = ledger
        self.categories = {(c.kind, c.name): c for c in Category.objects.filter(town=ledger.village.town)}

    @cached_property
    def records(self):
        """The village's power records by tracking code, read once the file cites one."""
        return {r.tracking_code: r for r in PowerRecord.objects.filter(village=self.ledger.village_id)}

    def check(self, row, mapping, line):
        errors, values = [], {}
        heading = dict((name, str(label)) for name, label, *_rest in COLUMNS)

        def fail(name, message):
            errors.append((line, heading[name], message))

        raw_date = _cell(row, mapping.get("date"))
        try:
            values["date"] = _parse_date(raw_date)
            if (values["date"].year, values["date"].month) != (self.ledger.year, self.ledger.month):
                fail("date", _("The date %(date)s is not in %(year)s-%(month)02d.") % {
                    "date": values["date"].isoformat(), "year": self.ledger.year, "month": self.ledger.month})
        except (ValueError, TypeError):
            fail("date", _("“%(value)s” is not a date; write it like 2026-03-15.") % {"value": raw_date} if raw_date
                 else _("The date is missing."))
        kind = KIND_WORDS.get(str(_cell(row, mapping.get("kind"))).lower())
        if kind is None:
            fail("kind", _("Write 收入 or 支出."))
        values["kind"] = kind
        name = str(_cell(row, mapping.get("category")))
        category = self.categories.get((kind, name)) if kind else None
        if kind and category is None:
            fail("category", _("“%(value)s” is not a %(kind)s category of this town.") % {
                "value": name, "kind": Kind(kind).label})
        values["category"] = category
        raw_amount = _cell(row, mapping.get("amount"))
        try:
            values["amount"] = parse_amount(raw_amount, zero_allowed=False, below=Decimal("1e12"))
        except ValueError:
            fail("amount", _("“%(value)s” is not an amount in yuan greater than 0 with at most 2 decimals.") % {"value": raw_amount})
        for name in ("counterparty", "purpose", "voucher_number", "proposer", "approver", "resolution"):
            text = str(_cell(row, mapping.get(name)))
            if len(text) > MAX_LENGTHS[name]:
                fail(name, _("Too long: at most %(n)s characters.") % {"n": MAX_LENGTHS[name]})
            values[name] = text
        if not values["purpose"]:
            fail("purpose", _("The purpose is missing."))
        code = str(_cell(row, mapping.get("record"))).upper()
        values["record"] = self.records.get(code) if code else None
        if code and values["record"] is None:
            fail("record", _("“%(value)s” is not the tracking code of a power record of this village.") % {
                "value": code})
        return values, errors


def import_lines(ledger, rows, mapping=None, progress=None, every=5000):
    """Check every row, then save all in one transaction, or save nothing and return every error."""
    if ledger.status not in (Status.DRAFT, Status.RETURNED):
        raise ImportRefused(_("Lines can be imported only into a draft or returned ledger; a published one cannot be changed."))
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise ImportRefused(_("The file is empty."))
    mapping = {**guess_mapping(header), **{k: v for k, v in (mapping or {}).items() if v is not None}}
    missing = [str(label) for name, label, _aliases, required in COLUMNS if required and name not in mapping]
    if missing:
        raise ImportRefused(_("These columns are missing: %(columns)s. Use the template or map the columns.") % {
            "columns": "、".join(missing)})
    checker, result, items = RowChecker(ledger), Result(), []
    for line, row in enumerate(rows, start=2):
        if not any(str(cell or "").strip() for cell in row):
            continue
        result.total += 1
        if result.total > MAX_ROWS:
            raise ImportRefused(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
        values, errors = checker.check(row, mapping, line)
        if errors:
            result.errors.extend(errors)
        elif not result.errors:
            items.append(LineItem(ledger=ledger, **values))
        else:
            items = []  # nothing will be saved; keep memory flat while the rest is checked
        if progress and result.total % every == 0:
            progress(result.total, "checking")
    if result.errors:
        return result
    with transaction.atomic():
        locked = LedgerMonth.objects.select_for_update().get(pk=ledger.pk)
        if locked.status not in (Status.DRAFT, Status.RETURNED):
            raise ImportRefused(_("Lines can be imported only into a draft or returned ledger; a published one cannot be changed."))
        for start in range(0, len(items), every):
            LineItem.objects.bulk_create(items[start:start + every])
            if progress:
                progress(min(start + every, len(items)), "saving")
        locked.recompute_totals()
        locked.save(update_fields=["total_income", "total_expense", "line_count", "category_totals"])
    result.created = len(items)
    return result


def template_workbook():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "收支明细"
    sheet.append([str(label) for _name, label, *_rest in COLUMNS])
    sheet.append(["2026-03-05", "收入", "补助收入", 12000, "县农业农村局", "村级组织运转经费", "记-001", "", "", ""])
    sheet.append(["2026-03-08", "支出", "管理费用", 10, "镇文具店", "办公用品", "记-002", "王会计", "李书记", ""])
    for column in "ABCDEFGHIJK":
        sheet.column_dimensions[column].width = 16
    return book
