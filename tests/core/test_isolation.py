"""A town editor can see, choose, edit and publish nothing of another town."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cunwu.pages.models import HomePage, SectionPage
from cunwu.towns.models import Role, Village


def png_file(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


@pytest.fixture
def xihu_media(town):
    image = Image.objects.create(title="西湖照片", file=png_file(), collection=town.collection)
    document = Document.objects.create(title="西湖文件", collection=town.collection)
    document.file.save("xihu.txt", io.BytesIO(b"xihu"), save=True)
    return image, document


@pytest.fixture
def liuhe_editor(client, other_town, make_user):
    user = make_user("liuhe-editor", other_town, Role.TOWN_EDITOR)
    client.force_login(user)
    return user


def denied(response):
    return response.status_code in (302, 403, 404) and "/admin/login" not in response.get("Location", "")


def test_pages_of_another_town_cannot_be_opened_edited_or_published(client, town, liuhe_editor):
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    assert denied(client.get(f"/admin/pages/{section.pk}/edit/"))
    response = client.post(
        f"/admin/pages/{section.pk}/edit/",
        {"title": "被篡改", "slug": section.slug, "action-publish": "publish", "body-count": "0"},
    )
    assert denied(response)
    section.refresh_from_db()
    assert section.title == "村务公开"
    assert denied(client.get(f"/admin/pages/add/cunwu_pages/sectionpage/{town.root_page.pk}/"))


def test_explorer_and_admin_search_show_only_own_town(client, town, other_town, liuhe_editor):
    assert client.get(f"/admin/pages/{other_town.root_page.pk}/").status_code == 200
    assert denied(client.get(f"/admin/pages/{town.root_page.pk}/"))
    search = client.get("/admin/pages/search/", {"q": "村务公开"})
    assert search.status_code == 200
    xihu_section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    own_section = SectionPage.objects.descendant_of(other_town.root_page).get(slug="cunwu-gongkai")
    assert f"/admin/pages/{own_section.pk}/" in search.text
    assert f"/admin/pages/{xihu_section.pk}/" not in search.text


def test_page_chooser_offers_only_own_town(client, town, other_town, liuhe_editor):
    xihu_section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    own_section = SectionPage.objects.descendant_of(other_town.root_page).get(slug="cunwu-gongkai")
    browse = client.get(f"/admin/choose-page/{town.root_page.pk}/")
    assert f"/admin/choose-page/{xihu_section.pk}/" not in browse.text
    search = client.get("/admin/choose-page/search/", {"q": "村务公开"})
    assert search.status_code == 200
    assert f'data-id="{own_section.pk}"' in search.text
    assert f'data-id="{xihu_section.pk}"' not in search.text


def test_images_and_documents_of_another_town_are_invisible(client, xihu_media, liuhe_editor):
    image, document = xihu_media
    assert "西湖照片" not in client.get("/admin/images/").text
    assert "西湖照片" not in client.get("/admin/images/chooser/").text
    assert denied(client.get(f"/admin/images/{image.pk}/"))
    assert denied(client.post(f"/admin/images/{image.pk}/", {"title": "改了"}))
    assert "西湖文件" not in client.get("/admin/documents/").text
    assert "西湖文件" not in client.get("/admin/documents/chooser/").text
    assert denied(client.get(f"/admin/documents/edit/{document.pk}/"))
    image.refresh_from_db()
    assert image.title == "西湖照片"


def test_villages_of_another_town_cannot_be_listed_or_changed(client, town, liuhe_editor):
    village = Village.objects.get(town=town, code="beigoucun")
    listing = client.get("/admin/snippets/towns/village/")
    assert listing.status_code == 200
    assert "北沟村" not in listing.text and "柳河村" in listing.text
    assert denied(client.get(f"/admin/snippets/towns/village/edit/{village.pk}/"))
    response = client.post(
        f"/admin/snippets/towns/village/edit/{village.pk}/",
        {"town": village.town_id, "name": "被改名", "code": "beigoucun", "sort_order": 0},
    )
    assert denied(response)
    assert denied(client.post(f"/admin/snippets/towns/village/delete/{village.pk}/"))
    village.refresh_from_db()
    assert village.name == "北沟村"


def test_settings_of_another_town_are_refused(client, town, other_town, make_user):
    admin = make_user("liuhe-admin", other_town, Role.TOWN_ADMIN)
    client.force_login(admin)
    assert client.get("/admin/town-settings/").status_code == 200
    response = client.post(f"/admin/town-settings/{town.pk}/", {"name": "被篡改", "theme": "default"})
    assert denied(response)
    town.refresh_from_db()
    assert town.name == "西湖镇"


def test_public_search_finds_only_this_towns_pages(client, town, other_town):
    xihu = client.get("/search/", {"q": "北沟村"}, HTTP_HOST="localhost")
    liuhe = client.get("/search/", {"q": "北沟村"}, HTTP_HOST="liuhe.localhost")
    assert "/villages/beigoucun/" in xihu.text
    assert "/villages/beigoucun/" not in liuhe.text


def test_home_page_type_only_at_the_root(town):
    assert HomePage.can_create_at(town.root_page.get_parent())
    assert not HomePage.can_create_at(town.root_page)


def test_staff_choices_name_only_people_of_the_editors_town(client, town, other_town, make_user):
    make_user("xihu-clerk", town, Role.VILLAGE_STAFF)
    admin = make_user("liuhe-admin", other_town, Role.TOWN_ADMIN)
    make_user("liuhe-clerk", other_town, Role.VILLAGE_STAFF)
    client.force_login(admin)
    village = Village.objects.get(town=other_town)
    form = client.get(f"/admin/snippets/towns/village/edit/{village.pk}/")
    assert form.status_code == 200
    assert "liuhe-clerk" in form.text and "xihu-clerk" not in form.text
