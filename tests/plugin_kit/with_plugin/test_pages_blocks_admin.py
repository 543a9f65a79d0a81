import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cunwu.plugins.switch import set_plugin_enabled
from cunwu.towns.models import Role

pytestmark = pytest.mark.django_db
LABEL = "kitdemo"
BLOCK = "kitdemo_latest"


def test_plugin_block_is_offered_only_to_towns_that_enabled_it(town, other_town, enable_plugin):
    enable_plugin(town, LABEL)
    for place, offered in ((town, True), (other_town, False)):
        home = place.root_page.specific
        form_class = type(home).get_edit_handler().get_form_class()
        form = form_class(instance=home, parent_page=home.get_parent())
        assert (BLOCK in form.fields["body"].block.child_blocks) is offered


def test_saving_a_plugin_block_on_a_town_without_the_plugin_is_refused_with_a_message(client, other_town, make_user):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    home = other_town.root_page.specific
    before = [child.block_type for child in home.body]
    data = nested_form_data(
        {"title": home.title, "slug": home.slug, "body": streamfield([(BLOCK, {"heading": "偷偷加的", "count": 3})])}
    )
    response = client.post(f"/admin/pages/{home.pk}/edit/", data, HTTP_HOST="liuhe.localhost")
    assert response.status_code == 200
    message = " ".join(str(error) for error in response.context["form"].errors["body"].as_data()[0].messages)
    assert "示例插件" in message, message  # names the plugin the town has not enabled
    home.refresh_from_db()
    assert [child.block_type for child in home.body] == before and BLOCK not in before


def test_plugin_pages_are_creatable_only_under_enabled_towns_and_404_elsewhere(client, town, other_town, enable_plugin):
    from kitdemo.models import KitdemoPage

    enable_plugin(town, LABEL)
    assert KitdemoPage.can_create_at(town.root_page)
    assert not KitdemoPage.can_create_at(other_town.root_page)

    here = town.root_page.add_child(instance=KitdemoPage(title="走访", slug="zoufang", intro="本镇的走访"))
    # Made behind the editor's back (as if the town switched the plugin off afterwards):
    there = other_town.root_page.add_child(instance=KitdemoPage(title="走访", slug="zoufang"))
    assert client.get(here.url_path.replace(town.root_page.url_path, "/"), HTTP_HOST="localhost").status_code == 200
    assert client.get("/zoufang/", HTTP_HOST="liuhe.localhost").status_code == 404
    set_plugin_enabled(town, LABEL, False)
    assert client.get("/zoufang/", HTTP_HOST="localhost").status_code == 404
    assert Page.objects.filter(pk__in=[here.pk, there.pk]).count() == 2  # switched off, never deleted


def test_model_admin_is_hidden_and_forbidden_for_towns_without_the_plugin(client, town, other_town, enable_plugin, make_user):
    from kitdemo.models import Entry

    enable_plugin(town, LABEL)
    # The other town had it on once (so its editors still hold the permissions) and switched it off.
    enable_plugin(other_town, LABEL)
    enable_plugin(other_town, LABEL, enabled=False)
    mine = Entry.objects.create(town=town, title="本镇记录")
    theirs = Entry.objects.create(town=other_town, title="别镇记录")

    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    assert "/admin/kitdemo/entry/" in client.get("/admin/").text
    listing = client.get("/admin/kitdemo/entry/")
    assert listing.status_code == 200 and "本镇记录" in listing.text and "别镇记录" not in listing.text
    assert client.get(f"/admin/kitdemo/entry/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/kitdemo/entry/edit/{theirs.pk}/").status_code in (302, 403)

    client.force_login(make_user("liuhe-editor", other_town, Role.TOWN_EDITOR))
    assert "/admin/kitdemo/entry/" not in client.get("/admin/").text
    assert client.get("/admin/kitdemo/entry/").status_code in (302, 403)
    assert client.get(f"/admin/kitdemo/entry/edit/{theirs.pk}/").status_code in (302, 403)
