from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from .access import user_towns, user_villages
from .models import Town, Village


class TownScopedForm(WagtailAdminModelForm):
    """Choices of towns, villages and staff stay in the one town the form works in.

    `town` is that town: the edited object's, or for a new object the admin town (the views pass it).
    Without it (a form built outside the admin views) the choices stop at the user's own towns.
    """

    def __init__(self, *args, for_user=None, town=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.town = town
        if for_user is None:
            return
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                self.scope_choices(field, for_user, town)

    @staticmethod
    def scope_choices(field, user, town):
        model = field.queryset.model
        if model is Town:
            field.queryset = Town.objects.filter(pk=town.pk) if town is not None else user_towns(user)
            if field.queryset.count() == 1 and not field.initial:
                field.initial = field.queryset.first().pk
        elif model is Village:
            field.queryset = user_villages(user, town).select_related("town")
        elif model is get_user_model() and not (user.is_superuser and town is None):
            # Staff of other towns are not even named to this town's editors.
            towns = [town] if town is not None else user_towns(user)
            field.queryset = field.queryset.filter(groups__town_role__town__in=towns, is_active=True).distinct()
