"""Which stream and replay addresses a town accepts: its own HLS/audio URLs, or embeds from allow-listed hosts."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cunwu.plugins import api

HLS, AUDIO, EMBED = "hls", "audio", "embed"
MEDIA_EXTENSIONS = (".m3u8", ".mp4", ".webm", ".mp3", ".m4a", ".aac", ".ogg", ".wav")
AUDIO_EXTENSIONS = (".mp3", ".m4a", ".aac", ".ogg", ".wav")


def allowed_hosts(town):
    configured = (api.plugin_settings(town, "livestream").get("embed_hosts") or "") if town else ""
    hosts = {line.strip().lower() for line in configured.replace(",", "\n").splitlines() if line.strip()}
    if hosts:
        return sorted(hosts)
    return town.allowed_embed_hosts() if town else []


def is_local(url):
    """A path on the town's own site ("/static/..."), such as the demo stream; "//host/..." is another site."""
    return bool(url) and url.startswith("/") and not url.startswith("//")


def _parts(url):
    parts = urlsplit(url or "")
    if is_local(url):
        return parts
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Enter a full web address starting with https://, or a path on this site starting with /."))
    return parts


def check_source(kind, url, town):
    """Raises ValidationError with a message for the editor; returns nothing when the source is acceptable."""
    if not url:
        return
    parts = _parts(url)
    path = parts.path.lower()
    if kind == HLS and not path.endswith(".m3u8"):
        raise ValidationError(_("An HLS stream address must end in .m3u8."))
    if kind == EMBED:
        check_embed_host(parts.hostname, town)


def check_embed_host(host, town):
    if not host:
        raise ValidationError(_("A path on this site must lead to a video, audio or HLS (.m3u8) file; a player must come from an allowed host."))
    hosts = allowed_hosts(town)
    if host.lower() not in hosts:
        raise ValidationError(
            _("%(host)s is not on this town's list of allowed video hosts (%(hosts)s). Ask the town administrator to add it in the plugin settings, or use an HLS (.m3u8) address.")
            % {"host": host, "hosts": "、".join(hosts) or _("none")}
        )


def check_replay_url(url, town):
    if not url:
        return
    parts = _parts(url)
    if not parts.path.lower().endswith(MEDIA_EXTENSIONS):
        check_embed_host(parts.hostname, town)


def media_kind(url):
    """How the page plays an address: "hls", "audio", "video" or "embed"."""
    path = urlsplit(url or "").path.lower()
    if path.endswith(".m3u8"):
        return HLS
    if path.endswith(AUDIO_EXTENSIONS):
        return AUDIO
    if path.endswith(MEDIA_EXTENSIONS):
        return "video"
    return EMBED
