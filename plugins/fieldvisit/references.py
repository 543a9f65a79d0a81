"""What a check-in visited: a power record's tracking code (QL-…) or an appeals case number (20261202001).

The text is checked for its shape here; whether such a record or case exists in the town is asked of a service
(`fieldvisit` never imports another plugin). Neither disclosure nor appeals offers such a lookup today
(`get_service` then answers None), and the text is kept as typed, upper-cased.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cunwu.plugins import api

RECORD = re.compile(r"QL-[0-9A-Z]{8}", re.ASCII)
CASE = re.compile(r"\d{11,16}", re.ASCII)
# Services another plugin may offer: `(town, reference) -> bool`, True when the town holds it.
LOOKUPS = {"record": "disclosure_record_exists", "case": "appeals_case_exists"}


def kind_of(text):
    if RECORD.fullmatch(text):
        return "record"
    if CASE.fullmatch(text):
        return "case"
    return None


def clean_reference(town, raw):
    """The stored spelling of `raw` ('' for none); ValidationError (Chinese) when it cannot be one or the town's
    plugin says no such record or case exists."""
    text = re.sub(r"[\s_·]", "", unicodedata.normalize("NFKC", raw or "")).upper()
    if not text:
        return ""
    kind = kind_of(text)
    if kind is None:
        raise ValidationError(_("“%(text)s” is neither a power record's tracking code (QL-…) nor an appeal's "
                                "tracking number.") % {"text": raw.strip()[:40]})
    lookup = api.get_service(LOOKUPS[kind], town)
    if lookup is not None and not lookup(town, text):
        raise ValidationError(_("%(town)s has no record or case “%(text)s”.") % {"town": town.name, "text": text})
    return text
