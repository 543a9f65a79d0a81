from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from .access import user_towns, user_villages
from .models import Town, Village


class TownScopedForm(WagtailAdminModelForm):
    """Choices of towns, villages and staff shrink to the editing user's own towns."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model is Town:
                    field.queryset = user_towns(for_user)
                    if field.queryset.count() == 1 and not field.initial:
                        field.initial = field.queryset.first().pk
                elif model is Village:
                    field.queryset = user_villages(for_user).select_related("town")
                elif model is get_user_model() and not for_user.is_superuser:
                    # Staff of other towns are not even named to this town's editors.
                    field.queryset = field.queryset.filter(
                        groups__town_role__town__in=user_towns(for_user), is_active=True
                    ).distinct()
