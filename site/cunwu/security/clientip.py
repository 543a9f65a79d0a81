"""The address of the villager, not of the reverse proxy in front of us.

Behind nginx every request comes from the proxy: limits keyed on REMOTE_ADDR would put every visitor on one
counter. X-Forwarded-For is believed only when REMOTE_ADDR is one of CUNWU_TRUSTED_PROXIES (addresses or
networks); anyone else could write the header themselves. The header is read right to left, skipping the
trusted proxies, so the first untrusted hop is the client: hops further left were written by that client and
prove nothing. (django-ipware was weighed and not used: it reads the header without asking whether the peer
that sent it is a trusted proxy, and matches its proxy list by position rather than as a set.)
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


def _address(value):
    """An ip_address from a hop as proxies write it ("1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443", "::ffff:1.2.3.4"),
    or None for anything else ("unknown", garbage)."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has at least two colons
        value = value.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d: the same client, the same counter.
    return getattr(ip, "ipv4_mapped", None) or ip


def invalid_proxies(values):
    bad = []
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            bad.append(value)
    return bad


@lru_cache(maxsize=8)
def _trusted(networks):
    return tuple(ipaddress.ip_network(value, strict=False) for value in networks if not invalid_proxies([value]))


def _is_trusted(ip, networks):
    return ip is not None and any(ip.version == network.version and ip in network for network in _trusted(networks))


def client_ip(request):
    """The client's address as a string (also django-ratelimit's RATELIMIT_IP_META_KEY and django-axes')."""
    cached = getattr(request, "_cunwu_client_ip", None)
    if cached:
        return cached
    remote = _address(request.META.get("REMOTE_ADDR") or "") or ipaddress.ip_address("0.0.0.0")
    proxies = tuple(getattr(settings, "CUNWU_TRUSTED_PROXIES", ()))
    address = remote
    if proxies and _is_trusted(remote, proxies):
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        for hop in reversed(hops):
            ip = _address(hop)
            if not _is_trusted(ip, proxies):
                # Garbage where our own proxy writes the peer's address means a misconfigured proxy: the proxy's
                # own address is the only one known for sure.
                address = ip or remote
                break
        else:
            # Only trusted hops (a health check from the proxy host itself): the left-most one is the origin.
            address = next((ip for ip in map(_address, hops) if ip), remote)
    request._cunwu_client_ip = str(address)
    return request._cunwu_client_ip
