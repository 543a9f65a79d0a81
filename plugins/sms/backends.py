"""SMS backends, chosen like Django's e-mail backends:

    CUNWU_SMS_BACKEND = {"CLASS": "sms.backends.HttpBackend", "OPTIONS": {"url": ..., "sign_name": ...}}

The setting may also come from the environment variable of the same name as JSON, so a worker
process gets the same configuration as the web process without a settings change.
"""

import json
import os
import threading
from pathlib import Path

import urllib3
from django.conf import settings
from django.utils.module_loading import import_string

from cunwu.plugins.api import mask_phone


class SmsError(Exception):
    pass


class TransientError(SmsError):
    """Try again later with backoff (network trouble, provider 5xx)."""


class RateLimited(SmsError):
    """The provider's per-number flow control: wait once, until its window ("minute", "hour", "day") turns over."""

    def __init__(self, message, window="minute"):
        super().__init__(message)
        self.window = window


class PermanentError(SmsError):
    """Never retried: a bad number, a template not approved."""


class BaseBackend:
    def __init__(self, **options):
        self.options = options

    def send(self, message):
        """Deliver one SmsMessage; return the provider's id or raise an SmsError."""
        raise NotImplementedError

    def accepted(self, message):
        """Whether the provider already accepted this row (sent before with OutId = row id); None when this
        backend cannot tell, so a resend may repeat the message. Raises SmsError if asking fails."""
        return None

    def receipt(self, message):
        """(delivered, error) from the provider's send details: delivered is True, False, or None while it waits
        for the handset; None when this backend offers no query."""
        return None


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

    def accepted(self, message):
        with self._lock:
            return any(sent["id"] == message.pk for sent in self.outbox)


def limit_window(text):
    """Which window an Aliyun flow-control message names: "触发分钟级流控Permits:1" → "minute"."""
    for word, window in (("天", "day"), ("日", "day"), ("day", "day"), ("小时", "hour"), ("hour", "hour")):
        if word in text:
            return window
    return "minute"


class HttpBackend(BaseBackend):
    """Aliyun's dysmsapi: SendSms with PhoneNumbers, SignName, TemplateCode, TemplateParam (JSON), OutId (the row
    id, which the provider only echoes, never de-duplicates by); QuerySendDetails by phone and send date (China
    time) answers what it accepted, with the OutId, and the handset's receipt.

    OPTIONS: url, sign_name, timeout (s, default 10), receipt_token (the callback's ?token=), zone (the
    provider's day, default Asia/Shanghai)."""

    PERMANENT = {"isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.INVALID_PARAMETERS"}
    RATE_LIMIT = {"isv.BUSINESS_LIMIT_CONTROL"}
    PAGE = 50

    _pools = threading.local()

    @classmethod
    def _pool(cls):
        """One pool of kept-alive connections per thread and process (a forked worker makes its own). urllib3
        directly, not requests: at hundreds of messages a second requests' own work per call is a fifth of the time."""
        if getattr(cls._pools, "pid", None) != os.getpid():
            cls._pools.pid, cls._pools.pool = os.getpid(), urllib3.PoolManager(maxsize=4, retries=False)
        return cls._pools.pool

    def _call(self, data):
        try:
            response = self._pool().request(
                "POST", self.options["url"], fields=data, encode_multipart=False,
                timeout=float(self.options.get("timeout", 10)), retries=False,
            )
        except urllib3.exceptions.HTTPError as exc:  # a timeout may come after acceptance: delivery looks it up first
            raise TransientError(f"network: {type(exc).__name__}") from exc
        if response.status >= 500:
            raise TransientError(f"HTTP {response.status}")
        try:
            return response, json.loads(response.data)
        except ValueError as exc:
            raise TransientError(f"HTTP {response.status}: not JSON") from exc

    def send(self, message):
        response, body = self._call({
            "Action": "SendSms",
            "PhoneNumbers": self._number(message),
            "SignName": self.options.get("sign_name", "村务"),
            "TemplateCode": message.template_code,
            "TemplateParam": json.dumps(message.params, ensure_ascii=False),
            "OutId": str(message.pk),
        })
        code, text = body.get("Code", ""), body.get("Message", "")
        if code == "OK":
            return body.get("BizId", "")
        if code in self.RATE_LIMIT:
            raise RateLimited(f"{code}: {text}"[:300], limit_window(text))
        if code in self.PERMANENT or response.status >= 400:
            raise PermanentError(f"{code}: {text}"[:300])
        raise TransientError(f"{code}: {text}"[:300])

    def accepted(self, message):
        return self._details(message) is not None

    def receipt(self, message):
        found = self._details(message) or {}
        return {3: True, 2: False}.get(int(found.get("SendStatus") or 1)), found.get("ErrCode", "")

    @staticmethod
    def _number(message):
        return message.phone.removeprefix("+86")

    def _details(self, message):
        """The provider's send detail of this row (OutId = row id), over each day it may have been sent, or None."""
        from datetime import timedelta
        from zoneinfo import ZoneInfo

        from django.utils import timezone

        zone = ZoneInfo(self.options.get("zone", "Asia/Shanghai"))
        day, last = timezone.localtime(message.created_at, zone).date(), timezone.localtime(timezone.now(), zone).date()
        day = max(day, last - timedelta(days=29))
        while day <= last:
            page = 1
            while True:
                data = {"Action": "QuerySendDetails", "PhoneNumber": self._number(message), "SendDate": day.strftime("%Y%m%d"),
                        "PageSize": self.PAGE, "CurrentPage": page}
                if message.provider_id:
                    data["BizId"] = message.provider_id
                _response, body = self._call(data)
                if body.get("Code") != "OK":
                    raise TransientError(f"query {body.get('Code', '')}: {body.get('Message', '')}"[:300])
                rows = (body.get("SmsSendDetailDTOs") or {}).get("SmsSendDetailDTO") or []
                for row in rows:
                    if str(row.get("OutId", "")) == str(message.pk):
                        return row
                if page * self.PAGE >= int(body.get("TotalCount") or 0):
                    break
                page += 1
            day += timedelta(days=1)
        return None


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
