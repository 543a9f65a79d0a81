"""The address of the villager, not of the reverse proxy in front of us.

Behind nginx every request comes from the proxy: limits keyed on REMOTE_ADDR would put every visitor on one
counter. X-Forwarded-For is believed only when REMOTE_ADDR is one of CUNWU_TRUSTED_PROXIES (addresses or
networks); anyone else could write the header themselves. django-ipware reads the header right to left,
skipping the trusted proxies, so the first untrusted hop is the client.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _trusted(networks):
    return tuple(ipaddress.ip_network(value, strict=False) for value in networks)


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted(networks))


def client_ip(request):
    """The client's address as a string (also django-ratelimit's RATELIMIT_IP_META_KEY)."""
    cached = getattr(request, "_cunwu_client_ip", None)
    if cached:
        return cached
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    proxies = tuple(getattr(settings, "CUNWU_TRUSTED_PROXIES", ()))
    address = remote
    if proxies and _is_trusted(remote, proxies):
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        # Right to left: the last hop was added by our own proxy; the first untrusted one is the client.
        for hop in reversed(hops):
            if not _is_trusted(hop, proxies):
                address = hop
                break
        try:
            ipaddress.ip_address(address)
        except ValueError:
            address = remote
    request._cunwu_client_ip = address
    return address
