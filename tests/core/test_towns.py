import pytest
from django.core.management import call_command
from wagtail.models import Collection, GroupPagePermission, Site

from cunwu.pages.models import SectionPage, VillagePage
from cunwu.plugins.registry import plugin_configs, section_specs
from cunwu.towns.models import Role, Town, TownGroup, Village


@pytest.mark.sqlite
def test_create_town_builds_site_pages_villages_collection_and_groups(db, make_town):
    call_command("create_town", "--name", "柳河镇", "--hostname", "liuhe.example", "--theme", "default",
                 "--village", "柳河村", "--village", "东岗村")
    town = Town.objects.get(site__hostname="liuhe.example")
    assert town.slug == "liuhezhen" and town.theme == "default"
    assert [s.title for s in SectionPage.objects.child_of(town.root_page)] == ["村务公开", "小微权力清单", "我要办", "直播", "联系我们"]
    assert sorted(Village.objects.filter(town=town).values_list("name", flat=True)) == ["东岗村", "柳河村"]
    assert VillagePage.objects.descendant_of(town.root_page).count() == 2
    assert town.collection.name == "柳河镇"
    assert set(TownGroup.objects.filter(town=town).values_list("role", flat=True)) == set(Role.values)
    editor_group = town.group_for(Role.TOWN_EDITOR)
    assert GroupPagePermission.objects.filter(group=editor_group, page=town.root_page).exists()
    # Usable at once: every installed plugin is on, and each filled its standard section with its blocks.
    assert town.enabled_plugin_labels == {config.label for config in plugin_configs()}
    filled = {page.section_key: [child.block_type for child in page.body] for page in SectionPage.objects.child_of(town.root_page)}
    for config in plugin_configs():
        for spec in section_specs(config):
            assert {block["type"] for block in spec["body"]} <= set(filled[spec["key"]]), (config.label, spec["key"])


def test_create_town_with_chosen_plugins_only(db, make_town):
    call_command("create_town", "--name", "东镇", "--hostname", "dong.example", "--plugin", "appeals")
    assert Town.objects.get(site__hostname="dong.example").enabled_plugin_labels == {"appeals"}
    call_command("create_town", "--name", "西镇", "--hostname", "xi.example", "--no-plugins")
    assert Town.objects.get(site__hostname="xi.example").enabled_plugin_labels == frozenset()


def test_create_town_twice_changes_nothing(db, make_town):
    args = ["create_town", "--name", "柳河镇", "--hostname", "liuhe.example", "--village", "柳河村"]
    call_command(*args)
    counts = (Site.objects.count(), Town.objects.count(), Village.objects.count(), Collection.objects.count(),
              VillagePage.objects.count(), TownGroup.objects.count())
    call_command(*args)
    assert counts == (Site.objects.count(), Town.objects.count(), Village.objects.count(), Collection.objects.count(),
                      VillagePage.objects.count(), TownGroup.objects.count())


def test_create_town_with_an_unknown_theme_is_refused(db, make_town):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown theme"):
        call_command("create_town", "--name", "错镇", "--hostname", "bad.example", "--theme", "nope")
    assert not Town.objects.exists()


@pytest.mark.sqlite
def test_demo_loader_is_idempotent(db, make_town):
    call_command("load_demo")
    first = {model.__name__: model.objects.count() for model in (Town, Village, VillagePage, TownGroup, SectionPage)}
    call_command("load_demo")
    second = {model.__name__: model.objects.count() for model in (Town, Village, VillagePage, TownGroup, SectionPage)}
    assert first == second
    assert first["Town"] == 2
    assert set(Village.objects.filter(town__slug="xihu").values_list("name", flat=True)) == {"北沟村", "向阳村", "中沟村"}


@pytest.mark.sqlite
def test_admin_action_creates_a_town(client, db, make_town, django_user_model):
    make_town(is_default=True, slug="xihu")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "pw"))
    form = client.get("/admin/towns/")
    assert form.text.count('name="plugins"') == len(plugin_configs()) and "checked" in form.text
    response = client.post(
        "/admin/towns/",
        {"name": "河西镇", "hostname": "hexi.example", "theme": "default", "villages": "河西村\n", "plugins": ["appeals", "disclosure"]},
    )
    assert response.status_code == 302
    assert Village.objects.filter(town__site__hostname="hexi.example", name="河西村").exists()
    assert Town.objects.get(site__hostname="hexi.example").enabled_plugin_labels == {"appeals", "disclosure"}
    again = client.post("/admin/towns/", {"name": "河西镇", "hostname": "hexi.example", "theme": "default"})
    assert again.status_code == 400 and "已存在" in again.text


def test_every_village_has_a_qr_code_and_a_printable_sign(client, town):
    page = client.get("/villages/beigoucun/", HTTP_HOST="localhost")
    assert page.status_code == 200 and "<svg" in page.text
    sign = client.get("/villages/beigoucun/sign/", HTTP_HOST="localhost")
    assert sign.status_code == 200 and "北沟村" in sign.text and "@page" not in sign.text
    assert "sign.css" in sign.text
    qr = client.get("/villages/beigoucun/qr/", HTTP_HOST="localhost")
    assert qr["Content-Type"] == "image/svg+xml" and b'xmlns="http://www.w3.org/2000/svg"' in qr.content


def test_chinese_by_default_and_english_on_request(client, town):
    assert "搜索" in client.get("/", HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en").text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_HOST="localhost")
    assert "Search this town" in client.get("/", HTTP_HOST="localhost").text


def test_elder_mode_switch_is_remembered(client, town):
    response = client.post("/elder-mode/", {"next": "/"}, HTTP_HOST="localhost")
    assert response.status_code == 302 and response.cookies["elder"].value == "1"
    assert '<html lang="zh-hans" class="elder">' in client.get("/", HTTP_HOST="localhost").text


def test_elder_mode_refuses_to_redirect_off_site(client, town):
    response = client.post("/elder-mode/", {"next": "https://evil.example/"}, HTTP_HOST="localhost")
    assert response["Location"] == "/"
