"""Existing towns: their administrator and discipline supervisor groups read the town's audit trail
(new towns get it when their groups are made, cunwu.security.models.town_group_reads_audit_trail)."""

from django.db import migrations


def grant_existing_towns(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after `migrate`; this one is needed now.
    create_permissions(global_apps.get_app_config("cunwu_security"), verbosity=0)
    from cunwu.security.audit import AUDIT_ROLES, grant_audit_permission
    from cunwu.towns.models import TownGroup

    for membership in TownGroup.objects.filter(role__in=AUDIT_ROLES, village=None).select_related("group"):
        grant_audit_permission(membership.group)


class Migration(migrations.Migration):
    dependencies = [
        ("cunwu_security", "0002_retention"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_existing_towns, migrations.RunPython.noop)]
