"""Issue 16: the appeals blocks ask for nothing internal (no code, no address); each has a help text and a preview."""

import pytest
from django.urls import reverse
from wagtail import blocks as wagtail_blocks

from appeals.blocks import PLUGIN_BLOCKS
from cunwu.towns.models import Role

pytestmark = pytest.mark.django_db


def test_appeal_blocks_ask_only_for_headings_and_counts():
    for name, block in PLUGIN_BLOCKS:
        kinds = {type(child) for child in block.child_blocks.values()}
        assert kinds <= {wagtail_blocks.CharBlock, wagtail_blocks.IntegerBlock}, name


def test_appeal_blocks_have_a_help_text_and_a_preview(client, town, enable_plugin, make_user):
    enable_plugin(town, "appeals")
    client.force_login(make_user("bianji", town, Role.TOWN_EDITOR, is_staff=True))
    for name, block in PLUGIN_BLOCKS:
        assert block.meta.help_text and block.is_previewable, name
        response = client.get(reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}", HTTP_HOST="localhost")
        assert response.status_code == 200, name
