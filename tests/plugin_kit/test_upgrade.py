"""After a migrate, towns that enabled a plugin earlier get the permissions a newer version of it grants."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management.sql import emit_post_migrate_signal

from cunwu.plugins.registry import get_plugin
from cunwu.towns.models import Role


def test_migrate_regrants_permissions_to_towns_that_enabled_a_plugin(town, enable_plugin):
    if get_plugin("disclosure") is None:
        pytest.skip("the disclosure plugin is not installed")
    enable_plugin(town, "disclosure")
    supervisors = town.group_for(Role.SUPERVISOR)
    asset_view = Permission.objects.get(content_type__app_label="disclosure", codename="view_asset")
    supervisors.permissions.remove(asset_view)  # as if the town had enabled a version without assets

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert supervisors.permissions.filter(pk=asset_view.pk).exists()
