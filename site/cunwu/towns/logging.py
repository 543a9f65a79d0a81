"""Personal data never reaches the logs in full: phone, ID and bank numbers are masked in every record, in the
message with its arguments, in the traceback of an exception, and in `extra` fields."""

import logging

from .privacy import mask_text

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


def _masked(value):
    """`value` itself if it holds nothing to mask, else its text, masked."""
    text = value if isinstance(value, str) else str(value)
    masked = mask_text(text)
    return value if masked == text else masked


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set, so the traceback is printed as masked here.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in _STANDARD and not name.startswith("_") and value is not None:
                setattr(record, name, _masked(value))
        return True


def mask_handlers(logger):
    """Put the filter on each handler of `logger` (Celery's worker replaces the handlers Django configured:
    connect this to celery.signals.after_setup_logger and after_setup_task_logger)."""
    for handler in logger.handlers:
        if not any(isinstance(existing, MaskPersonalDataFilter) for existing in handler.filters):
            handler.addFilter(MaskPersonalDataFilter())
