"""Two-factor sign-in for staff: who must have it (CUNWU_STAFF_2FA), enrolment of an authenticator app (TOTP)
and the backup codes. The devices are django-otp's; nothing here stores a secret of its own."""

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

POLICIES = ("optional", "required_for_town_admins", "required")
BACKUP_CODES = 10
APP_DEVICE, BACKUP_DEVICE = "authenticator", "backup"


def policy():
    return getattr(settings, "CUNWU_STAFF_2FA", "optional")


def required_for(user):
    """Whether this user may not sign in without a second factor."""
    if policy() == "required":
        return True
    if policy() == "required_for_town_admins":
        from cunwu.towns.models import Role

        return user.is_superuser or user.groups.filter(town_role__role=Role.TOWN_ADMIN).exists()
    return False


def enrolled(user):
    return user_has_device(user, confirmed=True)


def pending_device(user):
    """The authenticator being set up (unconfirmed); the same one on every reload until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def qr_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def display_key(device):
    key = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm(device, code):
    """Confirm the authenticator with its first code; returns the new backup codes, or None if the code is wrong."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user):
    """Ten single-use codes, replacing any earlier ones; the caller shows them once."""
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=code) for code in codes])
    return codes


def remaining_backup_codes(user):
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE).count()


@transaction.atomic
def remove(user):
    for device in devices_for_user(user, confirmed=None):
        device.delete()
