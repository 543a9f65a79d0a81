import pytest


@pytest.mark.django_db
def test_two_towns_are_served_on_their_own_host_names(client, town, other_town):
    xihu = client.get("/", HTTP_HOST="localhost")
    liuhe = client.get("/", HTTP_HOST="liuhe.localhost")
    assert xihu.status_code == 200 and liuhe.status_code == 200
    assert "西湖镇" in xihu.text and "柳河镇" not in xihu.text
    assert "柳河镇" in liuhe.text and "西湖镇" not in liuhe.text
