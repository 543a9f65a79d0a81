"""Personal data never reaches the logs in full: phone and ID numbers are masked in every record."""

import logging

from .privacy import mask_text


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
