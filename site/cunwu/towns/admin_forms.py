from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .access import user_towns, user_villages
from .committee import committee_director, committee_members, set_committee
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


class VillageForm(TownScopedForm):
    """The village, its staff and its supervision committee (村务监督委员会: members and director).

    Committee members are chosen among the town's people; nobody on the committee may also work for the
    village it supervises (its staff), since a committee watches the village's own cadres.
    """

    committee_director = forms.ModelChoiceField(
        label=_("supervision committee director"), queryset=get_user_model().objects.none(), required=False,
        help_text=_("Receives the village's early warnings."),
    )
    committee_members = forms.ModelMultipleChoiceField(
        label=_("supervision committee members"), queryset=get_user_model().objects.none(), required=False,
        help_text=_("They see everything of this village and change nothing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = self.fields["staff"].queryset if "staff" in self.fields else get_user_model().objects.all()
        for name in ("committee_director", "committee_members"):
            self.fields[name].queryset = people
        if self.instance.pk:
            self.fields["committee_director"].initial = committee_director(self.instance).first()
            self.fields["committee_members"].initial = list(
                committee_members(self.instance).exclude(pk__in=committee_director(self.instance))
            )

    def clean(self):
        cleaned = super().clean()
        committee = set(cleaned.get("committee_members") or [])
        if cleaned.get("committee_director"):
            committee.add(cleaned["committee_director"])
        both = committee & set(cleaned.get("staff") or [])
        if both:
            names = "、".join(sorted(user.get_username() for user in both))
            raise forms.ValidationError(
                _("%(names)s cannot both work for the village and sit on its supervision committee.") % {"names": names}
            )
        return cleaned

    def save(self, commit=True):
        village = super().save(commit=commit)
        members, director = self.cleaned_data.get("committee_members") or [], self.cleaned_data.get("committee_director")
        if commit:
            set_committee(village, members, director)
        else:
            save_m2m = self.save_m2m

            def save_all():
                save_m2m()
                set_committee(village, members, director)

            self.save_m2m = save_all
        return village
