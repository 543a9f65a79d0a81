"""The intake never closes: the 1,000th case of a town's day gets a number (12 digits), and every reader of
tracking numbers takes both forms; property tests for formatting and parsing."""

import datetime

import pytest
from hypothesis import given, settings, strategies as st

from appeals.forms import LookupForm
from appeals.models import Case, DailyCounter
from appeals.numbering import format_number, next_number, normalise, parse_number
from tests.appeals.test_public import form_data

HOST = {"HTTP_HOST": "localhost"}
days = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31))
sequences = st.integers(min_value=1, max_value=99_999_999)


@pytest.mark.django_db
def test_the_thousandth_case_of_a_day_is_taken_through_the_public_form(client, appeals_town):
    from cunwu.plugins.api import town_today

    today = town_today(appeals_town)
    DailyCounter.objects.create(town=appeals_town, day=today, last=999)
    response = client.post("/p/appeals/submit/", form_data(appeals_town), follow=True, **HOST)
    assert response.status_code == 200 and "提交成功" in response.text
    case = Case.objects.get()
    assert case.number == f"{today:%Y%m%d}1000" and case.number in response.text
    found = client.post("/p/appeals/lookup/", {"number": case.number, "last4": "5678"}, **HOST)
    assert found.status_code == 302 and found["Location"].endswith(f"/c/{case.token}/")
    # The next one, through the API, is the 1,001st.
    from tests.appeals.test_open311 import new_request

    created = client.post("/p/appeals/open311/v2/requests.json", new_request(appeals_town, phone="13912345678"), **HOST)
    assert created.status_code == 201 and f"{today:%Y%m%d}1001" in created.json()[0]["service_notice"]


@pytest.mark.django_db
def test_numbers_keep_eleven_digits_up_to_999_and_grow_after(appeals_town):
    when = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
    DailyCounter.objects.create(town=appeals_town, day=datetime.date(2026, 12, 2), last=997)
    numbers = [next_number(appeals_town, when) for _ in range(4)]
    assert numbers == ["20261202998", "20261202999", "202612021000", "202612021001"]
    DailyCounter.objects.filter(town=appeals_town).update(last=9_999)
    assert next_number(appeals_town, when) == "2026120210000"


@given(days, sequences)
def test_format_and_parse_round_trip(day, sequence):
    number = format_number(day, sequence)
    assert parse_number(number) == (day, sequence)
    assert len(number) == (11 if sequence < 1000 else 8 + len(str(sequence)))
    assert normalise(f" {number[:8]} - {number[8:]} ") == number


@given(days, st.integers(min_value=1000, max_value=9_999_999))
def test_a_long_sequence_has_one_spelling(day, sequence):
    padded = f"{day:%Y%m%d}0{sequence}"  # a leading zero would make a second name for the same case
    with pytest.raises(ValueError):
        parse_number(padded)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=60), st.from_regex(r"\A[0-9 \-]{0,20}\Z"), st.binary(max_size=30).map(repr)))
def test_any_text_is_a_valid_number_or_a_form_error_never_an_exception(text):
    form = LookupForm({"number": text, "last4": "5678"})
    if form.is_valid():
        day, sequence = parse_number(form.cleaned_data["number"])
        assert form.cleaned_data["number"] == format_number(day, sequence)
    else:
        assert form.errors["number"]
        try:
            parse_number(text)
        except ValueError:
            pass
        else:
            assert "\x00" in text  # only a NUL byte stops a number that parses


@given(days, sequences)
def test_the_lookup_form_takes_both_forms(day, sequence):
    number = format_number(day, sequence)
    form = LookupForm({"number": number, "last4": "0001"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["number"] == number
