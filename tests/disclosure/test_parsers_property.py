"""Property tests of the import parsers: whatever a spreadsheet holds, each row gives values or row errors,
and a file gives rows or one refusal in Chinese, never an exception."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure import importer, payment_import
from disclosure.importer import ImportRefused, RowChecker, read_rows

CELL = st.one_of(
    st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(), st.booleans(),
    st.sampled_from(["收入", "支出", "2026-03-05", "2026/3/5", "2026.03.05", "1,234.50", "１２３", "1e400", "-0", "12.345",
                     "110101199003071234", "11010119900307123X", "6222021234567890123", "123X", " ", "\x00", "NaN"]),
)
ROW = st.lists(CELL, max_size=12)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Ledger:
    """What RowChecker reads of a ledger, without the database (categories are given)."""

    year, month = 2026, 3


@pytest.fixture
def checker():
    check = RowChecker.__new__(RowChecker)
    check.ledger = Ledger()
    check.categories = {("income", "补助收入"): "补助收入", ("expense", "管理费用"): "管理费用"}
    check.records = {}  # the village's power records by tracking code: none, so any code cited is a row error
    return check


MAPPING = {name: index for index, name in enumerate(importer.FIELDS)}


@PROPERTY
@given(row=ROW)
def test_a_ledger_row_gives_values_or_row_errors(checker, row):
    values, errors = checker.check(row, MAPPING, 2)
    for line, heading, message in errors:
        assert line == 2 and heading and str(message)
    if not errors:
        assert isinstance(values["date"], date) and (values["date"].year, values["date"].month) == (2026, 3)
        assert values["amount"] > 0 and values["amount"] == values["amount"].quantize(Decimal("0.01"))
        assert values["purpose"] and values["category"] is not None


@PROPERTY
@given(row=ROW)
def test_a_payment_row_gives_values_or_row_errors_and_keeps_at_most_four_id_characters(row):
    values, errors = payment_import._check(row, {name: i for i, (name, *_rest) in enumerate(payment_import.COLUMNS)}, 7)
    assert all(line == 7 and str(message) for line, _heading, message in errors)
    assert len(values["id_last4"]) <= 4 and len(values["bank_last4"]) <= 4
    if not errors:
        assert values["amount"] >= 0 and isinstance(values["paid_on"], date)
        assert payment_import.ID_NUMBER.match(str(row[1]).strip().replace(" ", "").upper())
    # The ID cell is never echoed in its message: it may be a real number with a typo.
    id_heading = str(payment_import.COLUMNS[1][1])
    if row[1:2] and len(str(row[1]).strip()) > 4:
        assert not any(str(row[1]).strip() in str(message) for _line, heading, message in errors if heading == id_heading)


@PROPERTY
@given(text=st.text(max_size=30))
def test_dates_parse_or_raise_only_value_or_type_errors(text):
    try:
        parsed = importer._parse_date(text)
    except (ValueError, TypeError):
        return
    assert isinstance(parsed, date) and not isinstance(parsed, datetime)


@PROPERTY
@given(rows=st.lists(st.lists(st.text(max_size=20), max_size=8), max_size=20), encoding=st.sampled_from(["utf-8-sig", "gb18030"]))
def test_any_csv_text_reads_into_rows(rows, encoding):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        read = list(read_rows("lines.csv", data))
    except ImportRefused as refused:
        assert str(refused)
        return
    assert len(read) >= len([r for r in rows if r])


@PROPERTY
@given(data=st.binary(max_size=2000), name=st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a.CSV", "a"]))
def test_any_bytes_read_into_rows_or_one_refusal(data, name):
    try:
        for _row in read_rows(name, data):
            pass
    except ImportRefused as refused:
        assert str(refused)


@PROPERTY
@given(data=st.binary(max_size=4000), name=st.sampled_from(["a.csv", "a.xlsx", "a.pdf"]))
def test_the_content_check_accepts_or_refuses_any_bytes(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    try:
        importer.check_content(SimpleUploadedFile(name, data))
    except ImportRefused as refused:
        assert str(refused)
    else:
        assert not name.endswith(".pdf")


def test_a_huge_csv_field_is_a_refusal_not_an_error():
    data = ('日期,金额\n"' + "x" * 200_000 + '",1\n').encode()
    with pytest.raises(ImportRefused):
        list(read_rows("a.csv", data))


def test_the_content_check_tells_a_renamed_file_from_a_real_one():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book, buffer = Workbook(), io.BytesIO()
    book.save(buffer)
    importer.check_content(SimpleUploadedFile("real.xlsx", buffer.getvalue()))
    importer.check_content(SimpleUploadedFile("real.csv", "日期,金额\n2026-03-05,10\n".encode("gb18030")))
    for name, data in [("fake.xlsx", b"<html><script>alert(1)</script>"), ("fake.csv", b"PK\x03\x04\x00\x00binary"),
                       ("zip.xlsx", _zip_without_workbook()), ("gif.csv", b"GIF89a\x01\x00\x01\x00\x00\xff\x00")]:
        with pytest.raises(ImportRefused):
            importer.check_content(SimpleUploadedFile(name, data))


def _zip_without_workbook():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()
