"""A small real HTTP SMS provider that behaves like Aliyun's dysmsapi, for tests of any plugin that sends SMS.

Like the real provider it never de-duplicates: every accepted SendSms is a message on the phone, even one
with an OutId it has seen before (Aliyun only echoes OutId in receipts and in QuerySendDetails). A backend
that wants "once" has to ask what was accepted before it sends again.

    provider = FakeSmsProvider().start()       # FakeSmsProvider(limits=None) turns the flow control off
    provider.url                 # POST (or GET) Action=SendSms | QuerySendDetails with Aliyun's fields here
    provider.messages            # every accepted message, one dict per phone number (repeats included)
    provider.requests            # every SendSms request received, refused ones included
    provider.queries             # every QuerySendDetails request received
    provider.fail_next("transient" | "permanent" | "rate_limit", times=1)
    provider.timeout_next(times=1, delay=3)   # accept and record, then answer only after `delay` seconds
    provider.hold()              # record, then keep the caller waiting until release() (a crash mid-send)
    provider.report_url = url    # where receipts are pushed (Aliyun's SmsReport: a JSON array, answered {"code": 0})
    provider.receipt(biz_id=None, success=True)  # the handset's receipt for one or every awaiting message
    provider.advance(minutes=1)  # move the provider's clock (its flow-control windows and send dates)
    provider.travel_to(datetime(2026, 12, 2, 9, 0, 30))  # or set it (naive: China time)
    provider.stop()

SendSms: PhoneNumbers (comma-separated), SignName, TemplateCode, TemplateParam (JSON), OutId
    → {"Code": "OK", "BizId": ..., "RequestId": ...}
QuerySendDetails: PhoneNumber, SendDate (yyyyMMdd, China time), BizId (optional), PageSize, CurrentPage
    → {"Code": "OK", "TotalCount": n, "SmsSendDetailDTOs": {"SmsSendDetailDTO": [{PhoneNum, SendStatus
       (1 awaiting receipt, 2 failed, 3 delivered), ErrCode, TemplateCode, Content, SendDate, ReceiveDate, OutId}]}}
Flow control per number, counted over accepted messages in the provider's calendar minute, hour and day
(China time), default 1/5/10 as Aliyun's defaults: isv.BUSINESS_LIMIT_CONTROL with Aliyun's messages
"触发分钟级流控Permits:1", "触发小时级流控Permits:5", "触发天级流控Permits:10" (the longest window exceeded).
"""

import json
import threading
from collections import Counter
import time
import uuid
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import requests

CHINA = ZoneInfo("Asia/Shanghai")
AWAITING, FAILED, DELIVERED = 1, 2, 3  # Aliyun's SendStatus

FAILURES = {
    "transient": (503, {"Code": "isp.SYSTEM_ERROR", "Message": "system busy"}),
    "permanent": (400, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "bad number"}),
    "rate_limit": (200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控Permits:1"}),
}
# (window, Aliyun's word for it, how a moment is cut down to its window)
WINDOWS = (
    ("day", "天", lambda moment: moment.strftime("%Y%m%d")),
    ("hour", "小时", lambda moment: moment.strftime("%Y%m%d%H")),
    ("minute", "分钟", lambda moment: moment.strftime("%Y%m%d%H%M")),
)
DEFAULT_LIMITS = {"minute": 1, "hour": 5, "day": 10}


class FakeSmsProvider:
    def __init__(self, limits=DEFAULT_LIMITS, report_url=None):
        self.limits = dict(limits or {})
        self.report_url = report_url
        self.messages, self.requests, self.queries, self.pushes = [], [], [], []
        self._failures, self._timeouts = [], []
        self._lock = threading.Lock()
        self._held = threading.Event()
        self._held.set()
        self._offset = timedelta()
        self._counts = Counter()  # (phone, window, the window's cut of the moment) → accepted messages
        self.server = None

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/sms"

    def start(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real provider: a client's session reuses its connection
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms wait for the delayed ACK

            def do_GET(self):
                self._answer(parse_qs(urlsplit(self.path).query))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                fields = parse_qs(urlsplit(self.path).query)
                fields.update(parse_qs(self.rfile.read(length).decode()))
                self._answer(fields)

            def _answer(self, fields):
                fields = {key: values[0] for key, values in fields.items()}
                action = fields.pop("Action", "SendSms")
                if action == "QuerySendDetails":
                    status, body, delay = *provider._query(fields), 0
                else:
                    status, body, delay = provider._send(fields)
                    provider._held.wait(timeout=120)
                if delay:
                    time.sleep(delay)  # the caller has given up by now; the message is on the phone all the same
                payload = json.dumps({"RequestId": uuid.uuid4().hex.upper(), **body}, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender died or timed out while we held it

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    # -- the provider's clock

    def now(self):
        return datetime.now(CHINA) + self._offset

    def advance(self, **delta):
        with self._lock:
            self._offset += timedelta(**delta)

    def travel_to(self, moment):
        """Set the provider's clock to `moment` (naive means China time); it runs on from there."""
        moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA)
        with self._lock:
            self._offset = moment - datetime.now(CHINA)

    # -- SendSms

    def _send(self, fields):
        with self._lock:
            self.requests.append(fields)
            if self._failures:
                return (*FAILURES[self._failures.pop(0)], 0)
            now = self.now()
            phones = [phone.strip() for phone in fields.get("PhoneNumbers", "").split(",") if phone.strip()]
            if not phones:
                return 400, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "PhoneNumbers is mandatory"}, 0
            for phone in phones:
                limited = self._limit_exceeded(phone, now)
                if limited:
                    return 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": limited}, 0
            biz_id = f"{uuid.uuid4().int % 10**12:012d}^{uuid.uuid4().int % 10**10:010d}"
            params = json.loads(fields.get("TemplateParam") or "{}")
            for phone in phones:
                self._counts.update((phone, window, cut(now)) for window, _word, cut in WINDOWS)
                self.messages.append({
                    **fields, "PhoneNumbers": phone, "params": params, "BizId": biz_id, "sent_at": now,
                    "SendStatus": AWAITING, "ErrCode": "", "received_at": None,
                })
            delay = self._timeouts.pop(0) if self._timeouts else 0
            return 200, {"Code": "OK", "Message": "OK", "BizId": biz_id}, delay

    def _limit_exceeded(self, phone, now):
        for window, word, cut in WINDOWS:
            permits = self.limits.get(window)
            if permits is None:
                continue
            if self._counts[phone, window, cut(now)] >= permits:
                return f"触发{word}级流控Permits:{permits}"
        return ""

    # -- QuerySendDetails

    def _query(self, fields):
        with self._lock:
            self.queries.append(fields)
            phone, date = fields.get("PhoneNumber", ""), fields.get("SendDate", "")
            if not phone or not date:
                return 400, {"Code": "isv.INVALID_PARAMETERS", "Message": "PhoneNumber and SendDate are mandatory"}
            size, page = min(int(fields.get("PageSize") or 10), 50), max(int(fields.get("CurrentPage") or 1), 1)
            found = [
                m for m in self.messages
                if m["PhoneNumbers"] == phone and m["sent_at"].strftime("%Y%m%d") == date
                and fields.get("BizId", m["BizId"]) == m["BizId"]
            ]
            rows = [self._detail(m) for m in found[(page - 1) * size:page * size]]
            return 200, {"Code": "OK", "Message": "OK", "TotalCount": len(found), "SmsSendDetailDTOs": {"SmsSendDetailDTO": rows}}

    @staticmethod
    def _detail(message):
        received = message["received_at"]
        return {
            "PhoneNum": message["PhoneNumbers"], "SendStatus": message["SendStatus"], "ErrCode": message["ErrCode"],
            "TemplateCode": message.get("TemplateCode", ""), "Content": message["params"].get("text", ""),
            "SendDate": message["sent_at"].strftime("%Y-%m-%d %H:%M:%S"),
            "ReceiveDate": received.strftime("%Y-%m-%d %H:%M:%S") if received else "",
            "OutId": message.get("OutId", ""),
        }

    # -- receipts

    def receipt(self, biz_id=None, success=True, err_code=None):
        """The handsets answer: mark awaiting messages delivered (or failed), pull-able through QuerySendDetails,
        and push them to `report_url` when one is set. Returns the pushed reports."""
        with self._lock:
            now = self.now()
            reports = []
            for message in self.messages:
                if message["SendStatus"] != AWAITING or biz_id not in (None, message["BizId"]):
                    continue
                message["SendStatus"] = DELIVERED if success else FAILED
                message["ErrCode"] = err_code or ("DELIVERED" if success else "MOBILE_NOT_ON_SERVICE")
                message["received_at"] = now
                reports.append({
                    "phone_number": message["PhoneNumbers"], "send_time": message["sent_at"].strftime("%Y-%m-%d %H:%M:%S"),
                    "report_time": now.strftime("%Y-%m-%d %H:%M:%S"), "success": success,
                    "err_code": message["ErrCode"], "err_msg": "用户接收成功" if success else "用户接收失败",
                    "sms_size": "1", "biz_id": message["BizId"], "out_id": message.get("OutId", ""),
                })
        if reports and self.report_url:
            response = requests.post(self.report_url, json=reports, timeout=30)
            self.pushes.append((reports, response.status_code, response.text))
        return reports

    # -- switches

    def fail_next(self, kind, times=1):
        assert kind in FAILURES, kind
        with self._lock:
            self._failures.extend([kind] * times)

    def timeout_next(self, times=1, delay=3.0):
        """Accept the next sends, then answer only after `delay` seconds: set the client's timeout below it."""
        with self._lock:
            self._timeouts.extend([delay] * times)

    def hold(self):
        self._held.clear()

    def release(self):
        self._held.set()

    def on_phone(self, phone):
        """The messages this number has received (digits only, as the provider sees them)."""
        return [m for m in self.messages if m["PhoneNumbers"] == phone.removeprefix("+86")]

    def wait_for(self, count, timeout=30, attr="messages"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(getattr(self, attr)) >= count:
                return getattr(self, attr)
            time.sleep(0.1)
        raise AssertionError(f"expected {count} {attr}, got {len(getattr(self, attr))}")

    def stop(self):
        self.release()
        if self.server:
            self.server.shutdown()
            self.server.server_close()
