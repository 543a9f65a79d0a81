import logging

import pytest
from django.contrib.auth.models import Permission

from cunwu.plugins import api
from cunwu.plugins.registry import periodic_schedule
from cunwu.plugins.switch import save_plugin_settings, set_plugin_enabled
from cunwu.towns.models import Role

pytestmark = pytest.mark.django_db
LABEL = "kitdemo"


def editor_perms(town):
    return set(
        Permission.objects.filter(group=town.group_for(Role.TOWN_EDITOR), content_type__app_label=LABEL).values_list(
            "codename", flat=True
        )
    )


def test_switching_calls_the_hooks_sends_signals_and_keeps_settings_and_data(town):
    from kitdemo.models import Entry

    heard = []

    def listen(signal, sender, town, plugin, **kwargs):
        heard.append((signal is api.plugin_enabled, town.slug, plugin))

    api.plugin_enabled.connect(listen, weak=False)
    api.plugin_disabled.connect(listen, weak=False)
    try:
        assert set_plugin_enabled(town, LABEL, True) is True
        assert set_plugin_enabled(town, LABEL, True) is False  # already on: nothing happens twice
        assert {"add_entry", "change_entry", "view_entry", "delete_entry"} <= editor_perms(town)  # installed() ran
        save_plugin_settings(town, LABEL, {"heading": "走访记录"})
        Entry.objects.create(town=town, title="保留的记录")
        assert set_plugin_enabled(town, LABEL, False) is True
        town.__dict__.pop("enabled_plugin_labels", None)
        assert not api.is_enabled(town, LABEL)
        assert set_plugin_enabled(town, LABEL, True) is True
    finally:
        api.plugin_enabled.disconnect(listen)
        api.plugin_disabled.disconnect(listen)
    assert heard == [(True, "xihu", LABEL), (False, "xihu", LABEL), (True, "xihu", LABEL)]
    assert api.plugin_settings(town, LABEL)["heading"] == "走访记录"
    assert Entry.objects.filter(town=town, title="保留的记录").exists()


def test_page_published_reaches_the_plugin_receiver_only_for_towns_that_enabled_it(town, other_town, enable_plugin, caplog):
    enable_plugin(town, LABEL)
    with caplog.at_level(logging.INFO, logger="kitdemo.receivers"):
        caplog.clear()  # switching on published the plugin's section; only the two publishes below count
        town.root_page.specific.save_revision().publish()
        other_town.root_page.specific.save_revision().publish()
    messages = [record.getMessage() for record in caplog.records if record.name == "kitdemo.receivers"]
    assert messages == [f"kitdemo: xihu published {town.root_page.title}"]


def test_public_urls_answer_404_on_towns_without_the_plugin(client, town, other_town, enable_plugin):
    enable_plugin(town, LABEL)
    save_plugin_settings(town, LABEL, {"heading": "本镇走访"})
    response = client.get("/p/kitdemo/", HTTP_HOST="localhost")
    assert response.status_code == 200 and "本镇走访" in response.text
    assert client.get("/p/kitdemo/", HTTP_HOST="liuhe.localhost").status_code == 404


def test_periodic_task_visits_only_enabled_towns(town, other_town, enable_plugin):
    from kitdemo.models import Entry
    from kitdemo.tasks import count_entries_task

    enable_plugin(town, LABEL)
    Entry.objects.create(town=town, title="一")
    Entry.objects.create(town=other_town, title="二")
    assert list(api.enabled_towns(LABEL)) == [town]
    assert count_entries_task() == {"xihu": 1}
    assert periodic_schedule()["kitdemo:count-entries"] == {"task": "kitdemo.count_entries", "schedule": 3600.0}


def test_statistics_and_demo_content_come_only_from_enabled_plugins(town, other_town, enable_plugin):
    from cunwu.plugins.registry import statistics_for
    from kitdemo.demo import load_demo

    enable_plugin(town, LABEL)
    load_demo(town, [])
    load_demo(town, [])  # idempotent
    labels = {str(figure.label): figure.value for figure in statistics_for(town)}
    assert labels.get("记录") == 1
    assert "记录" not in {str(figure.label) for figure in statistics_for(other_town)}


def test_enabling_fills_the_plugins_section_once_and_the_village_hub_shows_its_panel(client, town, enable_plugin):
    from cunwu.pages.models import SectionPage, VillagePage
    from kitdemo.models import Entry

    Entry.objects.create(town=town, title="三组走访")
    enable_plugin(town, LABEL)
    section = SectionPage.objects.child_of(town.root_page).get(section_key=LABEL)
    assert [child.block_type for child in section.body] == ["kitdemo_latest"] and section.live
    enable_plugin(town, LABEL, False)
    enable_plugin(town, LABEL)  # switched on again: the block is not added twice
    section.refresh_from_db()
    assert [child.block_type for child in section.body] == ["kitdemo_latest"]

    home = client.get("/", HTTP_HOST="localhost")
    assert section.url in home.text  # the new section is in the town's menu
    assert "三组走访" in client.get(section.url, HTTP_HOST="localhost").text
    village = VillagePage.objects.descendant_of(town.root_page).first()
    hub = client.get(village.url, HTTP_HOST="localhost").text
    assert 'class="hub-panel hub-panel--kitdemo"' in hub and "三组走访" in hub


def test_the_link_crawler_reaches_the_plugins_public_pages_from_home(client, town, enable_plugin):
    from cunwu.plugins.registry import public_page_types
    from cunwu.plugins.testing import crawl_town

    enable_plugin(town, LABEL)
    reached = crawl_town(client, "localhost")
    assert all(status < 400 for status, _type in reached.values())
    assert set(public_page_types(town)) == {"kitdemo.entry_list"}
    assert "kitdemo.entry_list" in {page_type for _status, page_type in reached.values()}
