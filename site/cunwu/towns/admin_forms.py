from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .access import user_towns, user_villages
from .models import Town, Village


class TownScopedForm(WagtailAdminModelForm):
    """Choices of towns and villages shrink to the editing user's own."""

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
