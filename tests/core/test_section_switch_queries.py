"""A town with a plugin switched off hides that plugin's section without asking the database on every page view:
the switches are read once with the town (and cached with it); a switch still hides or shows the section at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cunwu.plugins.models import PluginActivation
from cunwu.plugins.switch import set_plugin_enabled

pytestmark = pytest.mark.sqlite


def menu(client, path="/"):
    """The public page's status and the (href, label) of its header menu."""
    response = client.get(path, HTTP_HOST="localhost")
    html = response.content.decode()
    nav = html[html.index('class="site-nav"'):html.index("</nav>")] if response.status_code == 200 else ""
    return response.status_code, re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)


def test_a_cached_town_with_a_plugin_off_reads_no_switch_on_a_page_view(client, town):
    set_plugin_enabled(town, "livestream", False)
    client.get("/", HTTP_HOST="localhost")  # the first view after the switch caches the town
    with CaptureQueriesContext(connection) as queries:
        status, links = menu(client, "/lianxi/")
    assert status == 200 and ("/lianxi/", "联系我们") in links
    assert not any(href == "/zhibo/" for href, _label in links)  # the section is hidden all the same
    table = PluginActivation._meta.db_table
    asked = [query["sql"] for query in queries if table in query["sql"]]
    assert not asked, asked


def test_switching_a_plugin_off_and_on_hides_and_shows_its_section_at_once(client, town):
    assert ("/zhibo/", "直播") in menu(client)[1]
    set_plugin_enabled(town, "livestream", False)
    assert ("/zhibo/", "直播") not in menu(client)[1]
    assert client.get("/zhibo/", HTTP_HOST="localhost").status_code == 404
    set_plugin_enabled(town, "livestream", True)
    assert ("/zhibo/", "直播") in menu(client)[1]
    assert client.get("/zhibo/", HTTP_HOST="localhost").status_code == 200
