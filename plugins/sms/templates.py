"""What a message says and which provider template carries it: the town's mapping of the event, else the
event's default as its plugin declared it (`sms_events`). The provider gets TemplateCode + params (its approved
template); the text is what console/file backends print, what the outbox shows, and what a text-based provider sends."""

import string

from cunwu.plugins import api

from .models import SmsTemplate


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(text, params):
    """Fill {placeholders}; unknown ones stay as written rather than failing a send."""
    try:
        return string.Formatter().vformat(str(text), (), _Keep({k: str(v) for k, v in params.items()}))
    except (ValueError, IndexError):  # a stray brace in a town's text: send it as written
        return str(text)


def declared_event(code):
    """The MessageEvent some installed plugin declared under `code`, or None."""
    found = api.message_events().get(code)
    return found[0] if found else None


def render(town, event, params):
    """(template code, text) of `event` for `town`: the town's own mapping, else the declared default."""
    declared = declared_event(event)
    code, text = event, declared.default_text if declared else ""
    own = SmsTemplate.objects.filter(town=town, event=event).values_list("template_code", "text").first()
    if own:
        code, text = own[0] or code, own[1] or text
    return code, fill(text, params)
