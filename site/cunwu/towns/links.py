"""Absolute links from a town's canonical address: what QR codes, signs, SMS, share cards and APIs carry.

Wagtail's `page.full_url` is built from the Site's port (80 on every town, for routing) and always
`http://`. A phone must get the address it can open: the scheme and port the public really uses,
which the operator states once (`CUNWU_PUBLIC_SCHEME`, `CUNWU_PUBLIC_PORT`; `make run` serves on 8000).
"""

from urllib.parse import urlsplit

from django.conf import settings


def town_base_url(town):
    """"https://xihu.example.cn" or "http://xihu.localhost:8000": no trailing slash."""
    scheme = getattr(settings, "CUNWU_PUBLIC_SCHEME", "http")
    port = getattr(settings, "CUNWU_PUBLIC_PORT", None)
    host = town.site.hostname
    default_port = {"http": 80, "https": 443}.get(scheme)
    if port and int(port) != default_port:
        return f"{scheme}://{host}:{int(port)}"
    return f"{scheme}://{host}"


def town_url(town, target=""):
    """The absolute address of a page, a path ("/appeals/track/") or a relative URL in the town.

    An absolute URL that Wagtail built for the town's own site is re-based on the canonical address;
    any other absolute URL is returned unchanged.
    """
    if hasattr(target, "get_url_parts"):
        parts = target.get_url_parts()
        target = parts[2] if parts else "/"
    target = str(target or "/")
    split = urlsplit(target)
    if split.scheme or split.netloc:
        if split.hostname and split.hostname.lower() != town.site.hostname.lower():
            return target
        target = split.path + (f"?{split.query}" if split.query else "") + (f"#{split.fragment}" if split.fragment else "")
    if not target.startswith("/"):
        target = "/" + target
    return town_base_url(town) + target
