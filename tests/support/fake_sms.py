"""A small real HTTP SMS provider (Aliyun-style form fields) for tests of any plugin that sends SMS.

    provider = FakeSmsProvider().start()
    provider.url                 # POST PhoneNumbers, SignName, TemplateCode, TemplateParam, OutId here
    provider.messages            # delivered messages (dicts), one per OutId: repeats are recognised, as real providers do
    provider.requests            # every request received, repeats included
    provider.fail_next("transient" | "permanent" | "rate_limit", times=1)
    provider.hold()              # record, then keep the caller waiting until release() (a crash mid-send)
    provider.stop()
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

FAILURES = {
    "transient": (503, {"Code": "isp.SYSTEM_ERROR", "Message": "system busy"}),
    "permanent": (400, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "bad number"}),
    "rate_limit": (200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "too many for this number"}),
}


class FakeSmsProvider:
    def __init__(self):
        self.messages, self.requests = [], []
        self._failures, self._by_out_id = [], {}
        self._lock = threading.Lock()
        self._held = threading.Event()
        self._held.set()
        self.server = None

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/sms"

    def start(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                fields = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
                status, body = provider._handle(fields)
                provider._held.wait(timeout=120)
                payload = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender died while we held it

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def _handle(self, fields):
        with self._lock:
            self.requests.append(fields)
            if self._failures:
                return FAILURES[self._failures.pop(0)]
            out_id = fields.get("OutId", "")
            if out_id and out_id in self._by_out_id:
                return 200, {"Code": "OK", "BizId": self._by_out_id[out_id]}
            biz_id = uuid.uuid4().hex[:16]
            if out_id:
                self._by_out_id[out_id] = biz_id
            params = json.loads(fields.get("TemplateParam") or "{}")
            self.messages.append({**fields, "params": params, "BizId": biz_id})
            return 200, {"Code": "OK", "BizId": biz_id}

    def fail_next(self, kind, times=1):
        assert kind in FAILURES, kind
        with self._lock:
            self._failures.extend([kind] * times)

    def hold(self):
        self._held.clear()

    def release(self):
        self._held.set()

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
