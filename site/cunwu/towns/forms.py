from django import forms
from django.utils.translation import gettext_lazy as _

from cunwu.plugins.registry import plugin_configs
from cunwu.themes.registry import theme_choices

from .models import Town


class TownSettingsForm(forms.ModelForm):
    """What a town administrator sets for the town: look, contact, time zone, page review, allowed video sites
    and plugins."""

    theme = forms.ChoiceField(label=_("theme"), choices=theme_choices)
    plugins = forms.MultipleChoiceField(
        label=_("enabled plugins"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Town
        fields = [
            "name", "tagline", "theme", "elder_mode_default", "contact_phone", "contact_address", "time_zone",
            "moderation", "embed_hosts",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plugins"].choices = [
            (config.label, f"{config.display_name} — {config.meta.description}")
            for config in plugin_configs()
            if config.is_available(self.instance)
        ]
        self.fields["plugins"].initial = sorted(self.instance.enabled_plugin_labels)


class NewTownForm(forms.Form):
    name = forms.CharField(label=_("town name"), max_length=100)
    hostname = forms.CharField(label=_("host name"), max_length=255, help_text=_("e.g. liuhe.example.gov.cn"))
    theme = forms.ChoiceField(label=_("theme"), choices=theme_choices)
    villages = forms.CharField(
        label=_("villages"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line.")
    )
    plugins = forms.MultipleChoiceField(
        label=_("plugins to switch on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each fills its sections and seeds its defaults (appeal categories, the power list, the calendar)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(config.label, f"{config.display_name} — {config.meta.description}") for config in plugin_configs()]
        self.fields["plugins"].choices = choices
        self.fields["plugins"].initial = [label for label, _name in choices]

    def clean_hostname(self):
        from wagtail.models import Site

        hostname = self.cleaned_data["hostname"].strip().lower()
        if Site.objects.filter(hostname=hostname).exists():
            raise forms.ValidationError(_("A site with this host name exists already."))
        return hostname

    def village_names(self):
        return [line.strip() for line in self.cleaned_data.get("villages", "").splitlines() if line.strip()]
