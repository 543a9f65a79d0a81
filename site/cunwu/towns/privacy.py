"""Masking of personal data for public pages and logs."""

import re

# A mobile may be written with the country code run into it (8613812345678, +8613812345678).
MOBILE = re.compile(r"(?<!\d)((?:86)?1[3-9]\d)\d{4}(\d{4})(?!\d)")
# What mask_phone returns, so masking a masked number again leaves it as it is.
MASKED_PHONE = re.compile(r"(\d{3})?\*{4}\d{0,4}")
ID_NUMBER = re.compile(r"(?<![\dXx])(\d{4})\d{10}(\d{3}[\dXx])(?![\dXx])")
BANK_CARD = re.compile(r"(?<!\d)(\d{4})\d{8,11}(\d{4})(?!\d)")


def mask_text(text):
    """Mask every ID, mobile and bank card number found in free text."""
    text = ID_NUMBER.sub(r"\1**********\2", text)
    text = MOBILE.sub(r"\1****\2", text)
    return BANK_CARD.sub(r"\1********\2", text)


def mask_phone(phone):
    if MASKED_PHONE.fullmatch(str(phone or "")):
        return str(phone)
    digits = re.sub(r"\D", "", str(phone or ""))
    if len(digits) >= 11:
        digits = digits[-11:]
        return f"{digits[:3]}****{digits[-4:]}"
    return "****" + digits[-4:] if digits else ""


def mask_name(name):
    """张三明 → 张*明, 李四 → 李*, an English name keeps its initial only."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(value):
    value = str(value or "")
    return "*" * max(len(value) - 4, 0) + value[-4:]
