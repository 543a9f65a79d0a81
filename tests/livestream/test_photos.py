"""A photo posted with a live text update: uploaded in the admin form, shown in the feed and on the page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db


def small_jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 60, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("huichang.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_photo_uploaded_with_an_update_is_shown_in_the_feed_and_on_the_page(client, editor, live, live_town):
    from wagtail.images import get_image_model

    url = reverse("livestream_liveupdate_modeladmin_create")
    form = client.get(url, HTTP_HOST="localhost").text
    assert 'enctype="multipart/form-data"' in form and 'name="photo_file"' in form
    response = client.post(url, {"broadcast": live.pk, "body": "会场照片：村民代表到场", "photo_file": small_jpeg()}, HTTP_HOST="localhost")
    assert response.status_code == 302
    update = live.updates.get()
    assert update.photo is not None and update.photo.width == 64
    assert update.photo.collection == (live_town.collection or update.photo.collection)
    client.logout()
    photo_url = client.get(f"/p/livestream/broadcast/{live.pk}/feed.json", HTTP_HOST="localhost").json()["updates"][0]["photo"]
    assert photo_url.startswith("/media/") and photo_url.endswith(".jpg")
    html = client.get(live.url, HTTP_HOST="localhost").text
    assert photo_url in html and "会场照片" in html
    assert get_image_model().objects.count() == 1


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_stored(client, editor, live):
    from wagtail.images import get_image_model

    from livestream.models import LiveUpdate

    fake = SimpleUploadedFile("zhaopian.jpg", b"%PDF-1.4 this is not a picture", content_type="image/jpeg")
    response = client.post(
        reverse("livestream_liveupdate_modeladmin_create"),
        {"broadcast": live.pk, "body": "会场照片", "photo_file": fake},
        HTTP_HOST="localhost",
    )
    assert response.status_code == 400
    assert "这个文件不是照片" in response.text
    assert not LiveUpdate.objects.exists() and not get_image_model().objects.exists()
