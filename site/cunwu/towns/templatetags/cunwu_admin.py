"""Admin display helpers. Permission names are rows Django and Wagtail store in English ("Can add case"); no catalogue
knows them, so the group screen composes the standard four from the action and the model's translated verbose_name,
and translates Wagtail's own custom permissions by their msgid."""

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


@register.filter
def permission_label(permission):
    action, _sep, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in ACTIONS and model is not None and model._meta.model_name == model_name:
        return ACTIONS[action] % {"model": model._meta.verbose_name}
    return gettext(permission.name)
