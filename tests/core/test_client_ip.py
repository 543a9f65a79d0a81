"""The real client address behind a trusted reverse proxy (cunwu.security.clientip): X-Forwarded-For is believed
only from CUNWU_TRUSTED_PROXIES, read right to left; every limit (django-ratelimit's key="ip", FormGuard,
django-axes) keys on it, so villagers behind one nginx get counters of their own and a forged header buys an
attacker nothing."""

import ipaddress
import uuid

import pytest
from django.test import RequestFactory
from hypothesis import given, settings as hypothesis_settings, strategies as st

from cunwu.accounts.checks import check_settings
from cunwu.plugins.api import FormGuard, GuardLimits
from cunwu.security.clientip import client_ip
from cunwu.towns.models import Role
from tests.core.test_staff_accounts import PASSWORD, assert_locked, counters, sign_in, signed_in  # noqa: F401

PROXY = "10.0.0.1"
factory = RequestFactory()


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **meta)


@pytest.fixture
def behind_proxy(settings):
    settings.CUNWU_TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]
    return settings


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.CUNWU_TRUSTED_PROXIES = []
    assert client_ip(request_from("198.51.100.9", "1.2.3.4")) == "198.51.100.9"
    assert client_ip(request_from("198.51.100.9")) == "198.51.100.9"


@pytest.mark.parametrize("remote, forwarded, expected", [
    (PROXY, "198.51.100.9", "198.51.100.9"),                      # nginx in front: the villager
    (PROXY, None, PROXY),                                          # no header: the peer itself
    (PROXY, "6.6.6.6, 198.51.100.9", "198.51.100.9"),              # the client's own forged hop is left of ours
    (PROXY, "198.51.100.9, 10.0.0.7", "198.51.100.9"),             # two trusted proxies in a row
    ("203.0.113.5", "1.1.1.1", "203.0.113.5"),                     # an untrusted peer's header is not believed
    ("203.0.113.5", "10.0.0.9", "203.0.113.5"),                    # ... even when it names a trusted address
    ("fd00::1", "2001:DB8:0::5", "2001:db8::5"),                   # IPv6, one spelling per address
    ("fd00::1", "[2001:db8::5]:443", "2001:db8::5"),               # bracketed with a port
    (PROXY, "198.51.100.9:5555", "198.51.100.9"),                  # IPv4 with a port
    ("::ffff:10.0.0.1", "198.51.100.9", "198.51.100.9"),           # the proxy seen through a dual-stack socket
    ("::ffff:198.51.100.9", None, "198.51.100.9"),                 # an IPv4 client on a dual-stack socket
    (PROXY, "unknown", PROXY),                                     # garbage: the proxy's address, never garbage
    (PROXY, "198.51.100.9, <script>", PROXY),
    (PROXY, " , 198.51.100.9 ,", "198.51.100.9"),                  # empty hops are skipped
    (PROXY, "10.0.0.7", "10.0.0.7"),                               # only trusted hops: the origin
    ("", "198.51.100.9", "0.0.0.0"),                               # no peer address (a Unix socket)
])
def test_client_ip(behind_proxy, remote, forwarded, expected):
    assert client_ip(request_from(remote, forwarded)) == expected


@hypothesis_settings(max_examples=300, deadline=None)
@given(remote=st.sampled_from([PROXY, "fd00::1", "203.0.113.5", "", "garbage"]), forwarded=st.text(max_size=200))
def test_any_header_gives_an_address_never_an_error(remote, forwarded):
    from django.test import override_settings

    with override_settings(CUNWU_TRUSTED_PROXIES=["10.0.0.0/8", "fd00::/8"]):
        ipaddress.ip_address(client_ip(request_from(remote, forwarded)))


def test_a_proxy_list_with_a_typo_stops_the_start(settings):
    settings.CUNWU_TRUSTED_PROXIES = ["10.0.0.0/8", "10.0.0.300"]
    assert [e.id for e in check_settings()] == ["cunwu_accounts.E002"]
    settings.CUNWU_TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.1.10", "2001:db8::/32"]
    assert check_settings() == []


# Limits on the real address -------------------------------------------------------------------------------

def guard(request, name):
    return FormGuard(request, name, GuardLimits(per_ip="2/h"))


@pytest.mark.sqlite
def test_two_villagers_behind_one_proxy_have_their_own_counters(behind_proxy, db):
    name = f"test-{uuid.uuid4().hex}"
    for _ in range(2):
        assert guard(request_from(PROXY, "198.51.100.1"), name).refused() is None
    assert guard(request_from(PROXY, "198.51.100.1"), name).refused().status_code == 429
    assert guard(request_from(PROXY, "198.51.100.2"), name).refused() is None  # the neighbour is not refused


@pytest.mark.sqlite
def test_a_forged_header_from_an_untrusted_peer_is_ignored(behind_proxy, db):
    name = f"test-{uuid.uuid4().hex}"
    for n in range(2):
        assert guard(request_from("203.0.113.5", f"198.51.100.{n}"), name).refused() is None
    assert guard(request_from("203.0.113.5", "198.51.100.77"), name).refused().status_code == 429


@pytest.mark.sqlite
def test_login_lockout_per_address_behind_the_proxy(client, behind_proxy, counters, town, make_user):  # noqa: F811
    make_user("xihu-editor", town, Role.TOWN_EDITOR, password=PASSWORD)

    def via_proxy(villager, username, password):
        return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"},
                           REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=villager)

    for n in range(5):
        via_proxy("198.51.100.1", f"nobody-{n}", "wrong")
    assert_locked(via_proxy("198.51.100.1", "xihu-editor", PASSWORD))
    assert via_proxy("198.51.100.2", "xihu-editor", PASSWORD).status_code == 302  # the same proxy, another client
    assert signed_in(client)
    client.post("/admin/logout/")
    # An attacker talking to the server directly cannot escape the count by writing a new header each time.
    for n in range(5):
        client.post("/admin/login/", {"username": f"x{n}", "password": "wrong"}, REMOTE_ADDR="203.0.113.5",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert_locked(sign_in(client, "xihu-editor", ip="203.0.113.5"))
