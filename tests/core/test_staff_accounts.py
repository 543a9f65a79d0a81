"""Staff sign-in as an attacker and as a staff member see it: lockout per account and per address (django-axes),
one admin login (Django's admin has none of its own), and two-step sign-in (django-otp), all through the real
login form at /admin/login/."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cunwu.towns.models import Role
from tests.support.services import require_redis

PASSWORD = "cunwu-demo-2026"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def counters(settings, db):
    """Failure counters start at zero: in this run's Redis db (the cache handler) or the test database (SQLite)."""
    if settings.AXES_HANDLER.endswith("AxesCacheHandler"):
        require_redis()
        import redis

        redis.Redis.from_url(settings.REDIS_URL).flushdb()
    return settings


@pytest.fixture
def staff(town, make_user, counters):
    return {
        "xihu-editor": make_user("xihu-editor", town, Role.TOWN_EDITOR, password=PASSWORD),
        "xihu-admin": make_user("xihu-admin", town, Role.TOWN_ADMIN, password=PASSWORD),
    }


def sign_in(client, username, password=PASSWORD, ip="203.0.113.7", next_url="/admin/"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": next_url},
                       REMOTE_ADDR=ip)


def signed_in(client):
    return client.get("/admin/").status_code == 200


def assert_locked(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录已锁定" in text and re.search(r"\d\d:\d\d", text) and "分钟" in text, text
    assert "Account locked" not in text
    assert int(response["Retry-After"]) > 0


@pytest.mark.sqlite
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, staff):
    for _ in range(4):
        response = sign_in(client, "xihu-editor", "wrong")
        assert response.status_code == 200 and "密码不匹配" in response.content.decode()
    assert_locked(sign_in(client, "xihu-editor", "wrong"))
    assert_locked(sign_in(client, "xihu-editor"))
    assert not signed_in(client)
    # The account is locked wherever the guesses come from next.
    assert_locked(sign_in(client, "xihu-editor", ip="198.51.100.20"))


@pytest.mark.sqlite
def test_failures_from_one_address_lock_out_every_account_from_it(client, staff):
    for name in ("xihu-admin", "nobody-1", "nobody-2", "nobody-3", "nobody-4"):
        sign_in(client, name, "wrong")
    assert_locked(sign_in(client, "xihu-editor"))  # never mistyped, but from the same address
    assert not signed_in(client)
    assert sign_in(client, "xihu-editor", ip="198.51.100.20").status_code == 302  # elsewhere: not locked
    assert signed_in(client)


@pytest.mark.sqlite
def test_after_the_cool_off_the_right_password_works(client, staff, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=2)
    for _ in range(5):
        sign_in(client, "xihu-editor", "wrong")
    assert_locked(sign_in(client, "xihu-editor"))
    time.sleep(2.5)
    assert sign_in(client, "xihu-editor").status_code == 302
    assert signed_in(client)


@pytest.mark.sqlite
def test_a_success_resets_the_count(client, staff):
    for _ in range(4):
        sign_in(client, "xihu-editor", "wrong")
    assert sign_in(client, "xihu-editor").status_code == 302
    client.post("/admin/logout/")
    for _ in range(4):
        assert sign_in(client, "xihu-editor", "wrong").status_code == 200
    assert sign_in(client, "xihu-editor").status_code == 302
    assert signed_in(client)


# One admin login --------------------------------------------------------------------------------------------

@pytest.mark.sqlite
def test_django_admin_has_no_login_of_its_own(client, staff, make_user):
    make_user("operator", password=PASSWORD, is_superuser=True, is_staff=True)
    response = client.get("/django-admin/")
    assert response.status_code == 302 and response["Location"].startswith("/django-admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=/django-admin/")
    # Posting credentials to Django's admin login signs no one in.
    client.post("/django-admin/login/", {"username": "operator", "password": PASSWORD, "next": "/django-admin/"})
    assert client.get("/django-admin/").status_code == 302
    # Through the one login, a town's staff member is turned away, in Chinese, and an operator gets in.
    sign_in(client, "xihu-admin")
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403 and "仅限平台运维人员" in response.content.decode()
    client.post("/admin/logout/")
    assert sign_in(client, "operator", next_url="/django-admin/")["Location"] == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200


def test_production_settings_route_django_admin_login_to_the_admin_login():
    """The production settings module itself (a fresh process: it refuses to load without its variables)."""
    code = (
        "import django; django.setup(); from django.urls import resolve;"
        "from cunwu.accounts.admin_site import login_redirect;"
        "assert resolve('/django-admin/login/').func is login_redirect;"
        "assert resolve('/admin/login/').url_name == 'cunwu_login';"
        "from django.contrib import admin; assert admin.site.login is login_redirect; print('ok')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cunwu.settings.production", "SECRET_KEY": "x" * 50,
           "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3",
           "WAGTAILADMIN_BASE_URL": "https://admin.example.org", "PYTHONPATH": f"{ROOT / 'site'}:{ROOT / 'plugins'}"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]


# Two-step sign-in -----------------------------------------------------------------------------------------

def code_for(device):
    """The code the staff member's phone shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


@pytest.fixture
def no_throttle(settings):
    # django-otp also slows a device down after a wrong code (1 s, 2 s, ...); off here so the tests need not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrol(client, username):
    """Enrol from the account menu; returns the device and the backup codes shown."""
    account = client.get("/admin/account/").content.decode()
    assert "两步验证" in account and "/admin/account/two-step/" in account
    page = client.get("/admin/account/two-step/set-up/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    shown = client.post("/admin/account/two-step/set-up/", {"code": code_for(device)})
    assert shown.status_code == 200 and "备用验证码" in shown.content.decode()
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", shown.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    # Shown once: the two-step page lists how many are left, never the codes themselves.
    again = client.get("/admin/account/two-step/").content.decode()
    assert not any(code in again for code in codes) and "10" in again
    return device, codes


@pytest.mark.sqlite
def test_enrol_then_the_login_asks_for_the_code(client, staff, no_throttle):
    with time_machine.travel(time.time(), tick=True) as traveller:
        assert sign_in(client, "xihu-editor").status_code == 302
        device, codes = enrol(client, "xihu-editor")
        client.post("/admin/logout/")

        traveller.shift(timedelta(seconds=31))  # a new code (the one used to enrol cannot be used again)
        response = sign_in(client, "xihu-editor")
        assert response.status_code == 302 and response["Location"] == "/admin/login/code/"
        assert not signed_in(client)  # the password alone is not a login
        page = client.get("/admin/login/code/").content.decode()
        assert "请输入验证码" in page

        wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
        response = client.post("/admin/login/code/", {"code": wrong})
        assert response.status_code == 200 and "验证码不正确" in response.content.decode()
        assert not signed_in(client)

        response = client.post("/admin/login/code/", {"code": code_for(device)})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert signed_in(client)

        # A backup code signs in once.
        client.post("/admin/logout/")
        sign_in(client, "xihu-editor")
        assert client.post("/admin/login/code/", {"code": codes[0]}).status_code == 302
        client.post("/admin/logout/")
        sign_in(client, "xihu-editor")
        assert client.post("/admin/login/code/", {"code": codes[0]}).status_code == 200
        assert not StaticToken.objects.filter(token=codes[0]).exists()


@pytest.mark.sqlite
def test_wrong_codes_count_towards_the_lockout(client, staff, no_throttle):
    with time_machine.travel(time.time(), tick=True) as traveller:
        sign_in(client, "xihu-editor")
        device, _codes = enrol(client, "xihu-editor")
        client.post("/admin/logout/")
        traveller.shift(timedelta(seconds=31))
        sign_in(client, "xihu-editor")
        wrong = f"{(int(code_for(device)) + 7) % 1_000_000:06d}"
        for _ in range(4):
            assert client.post("/admin/login/code/", {"code": wrong}).status_code == 200
        assert_locked(client.post("/admin/login/code/", {"code": wrong}))
        # Locked: neither the right code nor a fresh password helps until the cool-off is over.
        assert client.post("/admin/login/code/", {"code": code_for(device)}).status_code in (302, 429)
        assert not signed_in(client)
        assert_locked(sign_in(client, "xihu-editor"))


@pytest.mark.sqlite
def test_required_for_town_admins_makes_them_enrol_before_they_are_signed_in(client, staff, settings, no_throttle):
    settings.CUNWU_STAFF_2FA = "required_for_town_admins"
    assert sign_in(client, "xihu-editor").status_code == 302 and signed_in(client)  # an editor: optional
    client.post("/admin/logout/")
    response = sign_in(client, "xihu-admin")
    assert response["Location"] == "/admin/login/set-up/"
    assert not signed_in(client)
    page = client.get("/admin/login/set-up/").content.decode()
    assert "必须使用两步验证" in page and "<svg" in page
    device = TOTPDevice.objects.get(user__username="xihu-admin")
    shown = client.post("/admin/login/set-up/", {"code": code_for(device)})
    assert "备用验证码" in shown.content.decode()
    assert signed_in(client)
    # Required: it cannot be switched off from the account.
    client.post("/admin/account/two-step/off/")
    assert TOTPDevice.objects.filter(user__username="xihu-admin", confirmed=True).exists()


@pytest.mark.sqlite
def test_optional_two_step_can_be_turned_off(client, staff, no_throttle):
    sign_in(client, "xihu-editor")
    enrol(client, "xihu-editor")
    client.post("/admin/account/two-step/off/")
    client.post("/admin/logout/")
    assert sign_in(client, "xihu-editor")["Location"] == "/admin/"
    assert not get_user_model().objects.get(username="xihu-editor").totpdevice_set.exists()


@pytest.mark.sqlite
def test_every_sign_in_and_two_step_screen_is_in_chinese(client, staff, settings, no_throttle):
    from tests.core.test_admin_i18n import InterfaceText, demo_words, english_in

    def english(response):
        parser = InterfaceText()
        parser.feed(response.content.decode())
        return [run for text in parser.texts for run in english_in(text, known)]

    known = demo_words()
    settings.CUNWU_STAFF_2FA = "required_for_town_admins"
    screens = {}
    sign_in(client, "xihu-admin")
    screens["set-up at login"] = client.get("/admin/login/set-up/")
    device = TOTPDevice.objects.get(user__username="xihu-admin")
    screens["backup codes"] = client.post("/admin/login/set-up/", {"code": code_for(device)})
    screens["account"] = client.get("/admin/account/")
    screens["two-step"] = client.get("/admin/account/two-step/")
    client.post("/admin/logout/")
    sign_in(client, "xihu-admin")
    screens["code"] = client.get("/admin/login/code/")
    screens["wrong code"] = client.post("/admin/login/code/", {"code": "000000"})
    client.post("/admin/logout/")
    sign_in(client, "xihu-editor")
    screens["two-step, not set up"] = client.get("/admin/account/two-step/")
    screens["set-up from the account"] = client.get("/admin/account/two-step/set-up/")
    screens["operators only"] = client.get("/django-admin/", follow=True)
    client.post("/admin/logout/")
    for _ in range(5):
        screens["locked"] = sign_in(client, "xihu-editor", "wrong")
    found = {name: english(response) for name, response in screens.items()}
    assert not {name: runs for name, runs in found.items() if runs}, found
    assert screens["locked"].status_code == 429
