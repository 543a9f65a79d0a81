"""Themes are folders under themes/: templates/ overrides any template by name, static/ is served under static/themes/<name>/."""

import json
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import get_language

DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    label_en: str
    description: str

    @property
    def display_label(self):
        """The theme's name in the active language: Chinese under zh-*, English otherwise."""
        return self.label if (get_language() or "zh").startswith("zh") else self.label_en

    @property
    def templates_dir(self):
        return settings.THEMES_DIR / self.name / "templates"

    @property
    def stylesheet(self):
        return f"themes/{self.name}/css/theme.css"


@lru_cache(maxsize=1)
def available_themes():
    themes = {}
    if settings.THEMES_DIR.is_dir():
        for folder in sorted(settings.THEMES_DIR.iterdir()):
            manifest = folder / "theme.json"
            if manifest.is_file():
                data = json.loads(manifest.read_text(encoding="utf-8"))
                themes[folder.name] = Theme(
                    name=folder.name,
                    label=data.get("label", folder.name),
                    label_en=data.get("label_en", folder.name),
                    description=data.get("description", ""),
                )
    return themes


def get_theme(name):
    themes = available_themes()
    return themes.get(name) or themes.get(DEFAULT_THEME)


def theme_choices():
    # A callable for ChoiceField(choices=...): evaluated per form render, so the label follows the request's language.
    return [(theme.name, theme.display_label) for theme in available_themes().values()]
