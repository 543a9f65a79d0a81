"""Discovery, the start-up compatibility check, and a site that outlives an uninstalled plugin."""

import json
import types

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from wagtail.models import Page

from cunwu.plugins.api import PluginConfig
from cunwu.plugins.discovery import discover_plugin_apps


def fake_distribution(folder, name, entry_points):
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = "\n".join(f"{key} = {value}" for key, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[cunwu.plugins]\n{lines}\n")


def test_discovery_finds_entry_points_skips_missing_modules_and_honours_exclusions(tmp_path, monkeypatch, caplog):
    (tmp_path / "visitlog").mkdir()
    (tmp_path / "visitlog" / "__init__.py").write_text("")
    fake_distribution(tmp_path, "cunwu_visitlog", {"visitlog": "visitlog"})
    fake_distribution(tmp_path, "cunwu_ghost", {"ghost": "ghost_module_removed_by_hand"})
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("CUNWU_EXCLUDE_PLUGINS", raising=False)

    found = discover_plugin_apps()
    assert "visitlog" in found and "ghost_module_removed_by_hand" not in found
    assert "ghost" in caplog.text and "cannot be imported" in caplog.text

    monkeypatch.setenv("CUNWU_EXCLUDE_PLUGINS", "visitlog, other")
    assert "visitlog" not in discover_plugin_apps()


def plugin_config(compatibility):
    module = types.ModuleType("oldplugin")
    module.__file__ = "/nonexistent/oldplugin/__init__.py"
    module.__path__ = ["/nonexistent/oldplugin"]

    class OldPluginConfig(PluginConfig):
        name = "oldplugin"
        label = "oldplugin"

        class CunwuPluginMeta(PluginConfig.CunwuPluginMeta):
            version = "2.3.0"

    OldPluginConfig.CunwuPluginMeta.compatibility = compatibility
    return OldPluginConfig("oldplugin", module)


def test_an_incompatible_plugin_stops_start_up_with_a_message_that_says_what_to_do():
    with pytest.raises(ImproperlyConfigured) as failure:
        plugin_config(">=2,<3").check_compatibility()
    message = str(failure.value)
    assert "'oldplugin' 2.3.0 needs cunwu >=2,<3" in message and "this is cunwu 0.1.0" in message
    assert "CUNWU_EXCLUDE_PLUGINS=oldplugin" in message
    with pytest.raises(ImproperlyConfigured, match="invalid compatibility"):
        plugin_config("about 0.1").check_compatibility()
    plugin_config(">=0.1,<1").check_compatibility()  # a fitting plugin starts quietly


def test_a_plugin_config_subclass_is_the_app_config_django_picks():
    assert PluginConfig.default is False and plugin_config(">=0.1").default is True


@pytest.mark.django_db
def test_pages_and_blocks_of_an_uninstalled_plugin_degrade_instead_of_failing(client, town):
    """What an uninstalled plugin leaves behind: block types nobody knows and pages of a model that is gone."""
    home = town.root_page.specific
    body = [
        {"type": "rich_text", "value": "<p>本镇公告照常显示</p>", "id": "a1"},
        {"type": "gonedemo_latest", "value": {"heading": "已卸载插件的区块", "count": 3}, "id": "a2"},
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {type(home)._meta.db_table} SET body = %s WHERE page_ptr_id = %s", [json.dumps(body), home.pk])
    stale_type = ContentType.objects.create(app_label="gonedemo", model="gonedemopage")
    orphan = town.root_page.add_child(instance=Page(title="已卸载插件的页面", slug="gone"))
    Page.objects.filter(pk=orphan.pk).update(content_type=stale_type)

    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "本镇公告照常显示" in response.text and "已卸载插件的区块" not in response.text
    assert client.get("/gone/", HTTP_HOST="localhost").status_code == 404
    # The editor can still open the home page, and the page tree still lists the orphan.
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "pw"))
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{town.root_page.pk}/").status_code == 200


@pytest.mark.django_db
def test_plugins_command_lists_versions_and_flags_towns_that_enabled_an_uninstalled_plugin(town):
    from io import StringIO

    from django.core.management import call_command

    from cunwu.plugins.models import PluginActivation

    PluginActivation.objects.create(town=town, plugin="gonedemo", enabled=True)
    out = StringIO()
    call_command("plugins", stdout=out)
    assert out.getvalue().startswith("cunwu 0.1.0:")
    assert "gonedemo" in out.getvalue() and "not installed, yet enabled by: 西湖镇" in out.getvalue()
