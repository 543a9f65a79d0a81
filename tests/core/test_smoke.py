import pytest


@pytest.mark.django_db
def test_two_towns_are_served_on_their_own_host_names(client, town, other_town):
    xihu = client.get("/", HTTP_HOST="localhost")
    liuhe = client.get("/", HTTP_HOST="liuhe.localhost")
    assert xihu.status_code == 200 and liuhe.status_code == 200
    assert "西湖镇" in xihu.text and "柳河镇" not in xihu.text
    assert "柳河镇" in liuhe.text and "西湖镇" not in liuhe.text


@pytest.mark.django_db
def test_a_new_town_is_served_at_once_although_hosts_are_cached(client, town, make_town):
    assert client.get("/", HTTP_HOST="hexi.localhost").status_code == 200  # the default town answers, and is cached
    assert "西湖镇" in client.get("/", HTTP_HOST="hexi.localhost").text
    make_town(name="河西镇", hostname="hexi.localhost", villages=(), slug="hexi")
    assert "河西镇" in client.get("/", HTTP_HOST="hexi.localhost").text


@pytest.mark.django_db
def test_switching_a_plugin_is_seen_by_the_next_request(client, town, enable_plugin, settings):
    from cunwu.plugins.registry import plugin_configs

    if not plugin_configs():
        pytest.skip("no plugin installed")
    label = plugin_configs()[0].label
    client.get("/", HTTP_HOST="localhost")
    enable_plugin(town, label)
    from cunwu.towns.models import Town
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert label in Town.for_request(request).enabled_plugin_labels
