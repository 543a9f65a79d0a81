"""A field check-in (走访打卡): who was where, when, how precisely, with a photo and a note.

Written once: the time is the server's at saving (no field takes it from the form), and a change or a deletion is
refused by the model itself, so neither a screen nor a shell session moves or back-dates a check-in.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api


def private_files():
    """Photos show people and homes: they live outside MEDIA_ROOT and are served by permission."""
    from cunwu.plugins.api import private_storage

    return private_storage


def photo_path(instance, filename):
    return f"fieldvisit/{instance.town_id}/{filename}"


class CheckInRefused(ValueError):
    """A check-in is permanent."""


class CheckInQuerySet(models.QuerySet):
    """Bulk changes would skip save() and delete(): they are refused as well."""

    def update(self, **kwargs):
        raise CheckInRefused("field check-ins are never changed once saved")

    def delete(self):
        raise CheckInRefused("field check-ins are never deleted")


class CheckIn(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="field_checkins",
                             verbose_name=_("town"), editable=False)
    village = models.ForeignKey("towns.Village", on_delete=models.PROTECT, related_name="field_checkins",
                                verbose_name=_("village"), editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="field_checkins",
                             verbose_name=_("checked in by"), editable=False)
    # No `choices`: the core's roles may grow, and that must not need a migration of this plugin.
    role = models.CharField(_("role at the time"), max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("checked in at"), auto_now_add=True, db_index=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, editable=False)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, editable=False)
    accuracy_m = models.DecimalField(_("accuracy (m)"), max_digits=8, decimal_places=1, null=True, blank=True,
                                     editable=False)
    note = models.TextField(_("note"), blank=True, editable=False)
    photo = models.ImageField(_("photo"), upload_to=photo_path, storage=private_files, blank=True, editable=False)
    visited = models.CharField(_("record or case visited"), max_length=40, blank=True, editable=False)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("field check-in")
        verbose_name_plural = _("field check-ins")
        # No change and no delete permission is ever used: the defaults stay for Django's sake only.

    def __str__(self):
        if not self.created_at:
            return str(self.village)
        return f"{self.village} {api.town_localtime(self.town, self.created_at):%Y-%m-%d %H:%M}"  # the town's clock

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def role_label(self):
        try:
            return api.Role(self.role).label
        except ValueError:
            return self.role

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise CheckInRefused("a field check-in is never changed once saved")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise CheckInRefused("a field check-in is never deleted")
