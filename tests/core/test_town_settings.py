"""A town administrator switches plugins on and off and sets their settings on the town settings page."""

import pytest

from cunwu.plugins.models import PluginActivation
from cunwu.plugins.registry import is_enabled, plugin_configs, settings_form_class
from cunwu.towns.models import Role

TOWN_FIELDS = {"name": "西湖镇", "tagline": "", "theme": "westlake", "contact_phone": "", "contact_address": "",
               "time_zone": "Asia/Shanghai", "moderation": "town_editors", "embed_hosts": ""}


def plugin_with_settings():
    for config in plugin_configs():
        if config.settings_form:
            return config
    pytest.skip("no installed plugin declares a settings form")


@pytest.fixture
def town_admin(client, town, make_user):
    client.force_login(make_user("xihu-admin", town, Role.TOWN_ADMIN))
    return client


def test_theme_and_details_are_saved(town_admin, town):
    response = town_admin.post("/admin/town-settings/", {**TOWN_FIELDS, "tagline": "魅力西湖"}, HTTP_HOST="localhost")
    assert response.status_code == 302
    town.refresh_from_db()
    assert town.theme == "westlake" and town.tagline == "魅力西湖"


def test_an_unknown_theme_is_refused_with_a_message_and_nothing_saved(town_admin, town):
    response = town_admin.post("/admin/town-settings/", {**TOWN_FIELDS, "theme": "hacker"}, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.text
    town.refresh_from_db()
    assert town.theme == "default"


def test_enabling_shows_the_plugin_settings_and_disabling_keeps_them(town_admin, town):
    config = plugin_with_settings()
    response = town_admin.post("/admin/town-settings/", {**TOWN_FIELDS, "plugins": [config.label]}, HTTP_HOST="localhost")
    assert response.status_code == 302
    town.__dict__.pop("enabled_plugin_labels", None)
    assert is_enabled(town, config.label)

    page = town_admin.get("/admin/town-settings/", HTTP_HOST="localhost")
    form = settings_form_class(config)()
    assert all(f'name="plugin-{config.label}-{name}"' in page.text for name in form.fields)
    assert str(config.display_name) in page.text

    from cunwu.plugins.switch import plugin_settings

    stored = plugin_settings(town, config.label)
    posted = {f"plugin-{config.label}-{k}": v for k, v in stored.items() if v not in (False, None)}
    town_admin.post("/admin/town-settings/", {**TOWN_FIELDS, **posted}, HTTP_HOST="localhost")
    activation = PluginActivation.objects.get(town=town, plugin=config.label)
    assert activation.enabled is False
    assert activation.settings  # the town's settings survive switching the plugin off
