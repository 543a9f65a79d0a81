"""Masking helpers and the log filter, tried on generated text: no mobile, ID or bank number survives whole,
masking twice changes nothing, and text without such numbers is left as it was."""

import io
import logging
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cunwu.plugins.api import mask_id_number, mask_name, mask_phone, mask_text
from cunwu.towns.logging import MaskPersonalDataFilter

digits = lambda n: st.text("0123456789", min_size=n, max_size=n)  # noqa: E731
mobiles = st.builds(lambda second, rest: "1" + second + rest, st.sampled_from("3456789"), digits(9))
id_numbers = st.builds(lambda body, check: body + check, digits(17), st.sampled_from("0123456789X"))
bank_numbers = st.integers(16, 19).flatmap(lambda n: st.builds(lambda head, rest: head + rest, st.sampled_from("3456"), digits(n - 1)))
# (as written in the text, the number that must not survive)
written = st.one_of(
    mobiles.map(lambda m: (m, m)), mobiles.map(lambda m: ("+86" + m, m)), mobiles.map(lambda m: ("86" + m, m)),
    id_numbers.map(lambda n: (n, n)), bank_numbers.map(lambda n: (n, n)),
)
personal = written.map(lambda pair: pair[0])
# Words around a number: Chinese, Latin letters, punctuation and short figures (never 11 digits in a row).
words = st.text(st.sampled_from("村务公开电话身份证号银行卡张三李四abcxXyz ,.:;，。：-+()/") , max_size=12)
short_figures = st.integers(0, 10).flatmap(lambda n: digits(n))
plain = st.lists(st.tuples(words, short_figures), max_size=6).map(lambda parts: "".join(w + "镇" + f for w, f in parts))

LONG_DIGITS = re.compile(r"\d{11,}")


@settings(max_examples=150, deadline=None)
@given(before=plain, pair=written, after=plain)
def test_no_personal_number_survives_mask_text(before, pair, after):
    number, secret = pair
    text = f"{before} {number}，{after}"
    masked = mask_text(text)
    assert secret not in masked, (text, masked)
    assert not LONG_DIGITS.search(masked.replace("X", "")), (text, masked)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(plain, st.builds(lambda a, n, b: a + " " + n + " " + b, plain, personal, plain)))
def test_mask_text_is_idempotent(text):
    assert mask_text(mask_text(text)) == mask_text(text)


@settings(max_examples=150, deadline=None)
@given(text=plain)
def test_text_without_personal_numbers_is_unchanged(text):
    assert mask_text(text) == text


@settings(max_examples=100, deadline=None)
@given(phone=st.one_of(mobiles, st.builds(lambda m: f"+86 {m[:3]}-{m[3:7]}-{m[7:]}", mobiles), digits(7), st.just("")))
def test_mask_phone_hides_the_middle_and_is_idempotent(phone):
    masked = mask_phone(phone)
    plain_digits = re.sub(r"\D", "", phone)
    if len(plain_digits) >= 11:
        assert plain_digits[-11:] not in masked and masked.endswith(plain_digits[-4:])
    assert mask_phone(masked) == masked


@settings(max_examples=100, deadline=None)
@given(name=st.text(st.sampled_from("张李王欧阳小明华AbCd "), max_size=8))
def test_mask_name_keeps_at_most_first_and_last_and_is_idempotent(name):
    masked = mask_name(name)
    stripped = name.strip()
    assert len(masked) == len(stripped)
    if len(stripped) >= 2:
        assert masked[0] == stripped[0] and "*" in masked
        assert masked.count("*") >= len(stripped) - 2
    assert mask_name(masked) == masked


@settings(max_examples=100, deadline=None)
@given(number=id_numbers)
def test_mask_id_number_shows_only_the_last_four_and_is_idempotent(number):
    masked = mask_id_number(number)
    assert masked.endswith(number[-4:]) and set(masked[:-4]) == {"*"} and len(masked) == len(number)
    assert mask_id_number(masked) == masked


def logged(emit):
    """What a handler with the filter (as in settings) prints for the records `emit(logger)` makes."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s %(phone)s"))
    handler.addFilter(MaskPersonalDataFilter())
    logger = logging.getLogger("tests.masking")
    logger.handlers, logger.propagate, logger.level = [handler], False, logging.INFO
    emit(logger)
    return stream.getvalue()


@settings(max_examples=100, deadline=None)
@given(phone=mobiles, id_number=id_numbers)
def test_the_log_filter_masks_arguments_exceptions_and_extra_fields(phone, id_number):
    def emit(logger):
        logger.info("短信发往 %s，身份证 %s", phone, id_number, extra={"phone": phone})
        try:
            raise ValueError(f"查无此人 {id_number} {phone}")
        except ValueError:
            logger.exception("核对失败", extra={"phone": f"tel:{phone}"})

    out = logged(emit)
    assert phone not in out and id_number not in out and id_number[:17] not in out
    assert f"{phone[:3]}****{phone[-4:]}" in out and "ValueError" in out
