"""SMS backends, chosen like Django's e-mail backends:

    CUNWU_SMS_BACKEND = {"CLASS": "sms.backends.HttpBackend", "OPTIONS": {"url": ..., "sign_name": ...}}

The setting may also come from the environment variable of the same name as JSON, so a worker
process gets the same configuration as the web process without a settings change.
"""

import json
import os
import threading
from pathlib import Path

import requests
from django.conf import settings
from django.utils.module_loading import import_string

from cunwu.plugins.api import mask_phone


class SmsError(Exception):
    pass


class TransientError(SmsError):
    """Try again later with backoff (network trouble, provider 5xx)."""


class RateLimited(SmsError):
    """The provider's per-number limit: wait out the window."""

    def __init__(self, message, wait_seconds):
        super().__init__(message)
        self.wait_seconds = wait_seconds


class PermanentError(SmsError):
    """Never retried: a bad number, a template not approved."""


class BaseBackend:
    def __init__(self, **options):
        self.options = options

    def send(self, message):
        """Deliver one SmsMessage; return the provider's id or raise an SmsError."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, message):
        print(f"[sms] to {mask_phone(message.phone)} {message.template_code}: {message.text}")
        return f"console-{message.pk}"


class FileBackend(BaseBackend):
    def send(self, message):
        path = Path(self.options.get("path") or Path(settings.VAR_DIR) / "sms.log")
        path.parent.mkdir(parents=True, exist_ok=True)
        line = {"id": message.pk, "phone": message.phone, "template": message.template_code, "params": message.params,
                "text": message.text}
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return f"file-{message.pk}"


class InMemoryBackend(BaseBackend):
    outbox = []
    _lock = threading.Lock()

    def send(self, message):
        with self._lock:
            self.outbox.append({"id": message.pk, "phone": message.phone, "template": message.template_code, "params": message.params})
        return f"memory-{message.pk}"


class HttpBackend(BaseBackend):
    """An Aliyun-style provider: form fields PhoneNumbers, SignName, TemplateCode, TemplateParam (JSON), OutId."""

    PERMANENT = {"isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.INVALID_PARAMETERS"}
    RATE_LIMIT = {"isv.BUSINESS_LIMIT_CONTROL"}

    def send(self, message):
        data = {
            "PhoneNumbers": message.phone.removeprefix("+86"),
            "SignName": self.options.get("sign_name", "村务"),
            "TemplateCode": message.template_code,
            "TemplateParam": json.dumps(message.params, ensure_ascii=False),
            "OutId": str(message.pk),
        }
        try:
            response = requests.post(self.options["url"], data=data, timeout=self.options.get("timeout", 10))
        except requests.RequestException as exc:
            raise TransientError(f"network: {type(exc).__name__}") from exc
        if response.status_code >= 500:
            raise TransientError(f"HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise TransientError(f"HTTP {response.status_code}: not JSON") from exc
        code = body.get("Code", "")
        if code == "OK":
            return body.get("BizId", "")
        if code in self.RATE_LIMIT:
            raise RateLimited(code, int(self.options.get("rate_limit_wait", 60)))
        if code in self.PERMANENT or response.status_code >= 400:
            raise PermanentError(f"{code}: {body.get('Message', '')}"[:300])
        raise TransientError(f"{code}: {body.get('Message', '')}"[:300])


# Where the backends lived before SMS became its own plugin; configurations written then still work.
FORMER_MODULE = "appeals.sms.backends."


def backend_config():
    config = getattr(settings, "CUNWU_SMS_BACKEND", None)
    if config is None and os.environ.get("CUNWU_SMS_BACKEND"):
        config = json.loads(os.environ["CUNWU_SMS_BACKEND"])
    config = dict(config or {"CLASS": "sms.backends.ConsoleBackend"})
    if config["CLASS"].startswith(FORMER_MODULE):
        config["CLASS"] = "sms.backends." + config["CLASS"].removeprefix(FORMER_MODULE)
    return config


def get_backend():
    config = backend_config()
    return import_string(config["CLASS"])(**config.get("OPTIONS", {}))
