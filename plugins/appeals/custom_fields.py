"""Questions town editors add to a category without code, and the form fields built from them."""

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

MAX_PHOTO_BYTES = 5 * 1024 * 1024


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    LONG_TEXT = "long_text", _("Long text")
    CHOICE = "choice", _("Choice")
    DATE = "date", _("Date")
    NUMBER = "number", _("Number")
    PHOTO = "photo", _("Photo")


class CategoryField(models.Model):
    category = ParentalKey("appeals.Category", on_delete=models.CASCADE, related_name="extra_fields", verbose_name=_("category"))
    label = models.CharField(_("label"), max_length=60)
    kind = models.CharField(_("kind of answer"), max_length=12, choices=FieldKind.choices, default=FieldKind.TEXT)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice: one answer per line."))
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("label"), FieldPanel("kind"), FieldPanel("required"), FieldPanel("choices"),
              FieldPanel("help_text"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("extra field")
        verbose_name_plural = _("extra fields")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label

    @property
    def name(self):
        return f"extra_{self.pk}"

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == FieldKind.CHOICE and not self.choice_list():
            raise ValidationError({"choices": _("A choice needs at least one answer, one per line.")})

    def form_field(self):
        label = self.label
        messages = {"required": _("Please fill in “%(label)s”.") % {"label": label}}
        common = {"label": label, "required": self.required, "help_text": self.help_text}
        if self.kind == FieldKind.TEXT:
            messages["max_length"] = _("“%(label)s” must be under 200 characters.") % {"label": label}
            return forms.CharField(max_length=200, error_messages=messages, **common)
        if self.kind == FieldKind.LONG_TEXT:
            messages["max_length"] = _("“%(label)s” must be under 2000 characters.") % {"label": label}
            return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), error_messages=messages, **common)
        if self.kind == FieldKind.CHOICE:
            messages["invalid_choice"] = _("For “%(label)s” please choose one of the offered answers.") % {"label": label}
            choices = [("", _("Choose…"))] + [(choice, choice) for choice in self.choice_list()]
            return forms.ChoiceField(choices=choices, error_messages=messages, **common)
        if self.kind == FieldKind.DATE:
            messages["invalid"] = _("“%(label)s” must be a date such as 2026-07-13.") % {"label": label}
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), error_messages=messages, **common)
        if self.kind == FieldKind.NUMBER:
            for key in ("invalid", "max_digits", "max_decimal_places", "max_whole_digits"):
                messages[key] = _("“%(label)s” must be a number.") % {"label": label}
            return forms.DecimalField(max_digits=14, decimal_places=4, error_messages=messages,
                                      widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
        return PhotoField(error_messages=messages, **common)


class PhotoField(forms.FileField):
    """One picture, judged by its content like the other attachments (re-encoded: no EXIF or GPS kept)."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        from .forms import checked_upload

        upload = super().clean(data, initial)
        if not upload:
            return None
        label = self.label
        if upload.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo for “%(label)s” is larger than 5 MB.") % {"label": label})
        try:
            return checked_upload(upload, ("image",), MAX_PHOTO_BYTES)
        except forms.ValidationError as refused:
            raise forms.ValidationError(_("The photo for “%(label)s” was not accepted: %(reason)s") % {
                "label": label, "reason": " ".join(refused.messages)}) from None


def add_fields(form, category):
    """Put the category's questions on the form (after its own fields, before the attachments)."""
    form.extra_fields = list(category.extra_fields.all()) if category is not None else []
    fields = dict(form.fields)
    tail = {name: fields.pop(name) for name in ("anonymous", "name", "phone", "attachments") if name in fields}
    for extra in form.extra_fields:
        fields[extra.name] = extra.form_field()
    fields.update(tail)
    form.fields = fields


def answers(form):
    from .forms import clean_text

    """(answers for the case's JSON, [(upload, content_type, label)] for the photos)."""
    stored, photos = [], []
    for extra in form.extra_fields:
        value = form.cleaned_data.get(extra.name)
        if extra.kind == FieldKind.PHOTO:
            if value:
                photos.append((*value, extra.label))
            stored.append({"label": extra.label, "kind": extra.kind, "value": bool(value)})
            continue
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, str):
            value = clean_text(value)
        stored.append({"label": extra.label, "kind": extra.kind, "value": value or ""})
    return stored, photos
