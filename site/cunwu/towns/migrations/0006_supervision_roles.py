"""The supervision roles: the village supervision committee (members, director) and the county supervisors.

The towns that exist get their groups for the new roles, their villages' committee groups, and the view rights
their discipline supervisor holds copied to the read-only groups (cunwu.towns.permissions.ensure_groups, the
app's own code as in 0005: it has work to do only on a database that has towns already).
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import translation


def groups_for_new_roles(apps, schema_editor):
    from cunwu.towns.models import Town
    from cunwu.towns.permissions import ensure_groups

    with translation.override(settings.LANGUAGE_CODE):  # migrate runs untranslated; group names are data
        for town in Town.objects.select_related("site__root_page"):
            ensure_groups(town)


class Migration(migrations.Migration):

    dependencies = [
        ('towns', '0005_town_moderation_village_rights'),
    ]

    operations = [
        migrations.AlterField(
            model_name='towngroup',
            name='role',
            field=models.CharField(choices=[('town_admin', 'Town administrator'), ('town_editor', 'Town editor'), ('village_editor', 'Village editor'), ('village_staff', 'Village staff'), ('supervisor', 'Discipline supervisor'), ('village_supervisor', 'Village supervision committee member'), ('village_supervisor_director', 'Village supervision committee director'), ('county_supervisor', 'County discipline supervisor')], max_length=30, verbose_name='role'),
        ),
        migrations.RunPython(groups_for_new_roles, migrations.RunPython.noop),
    ]
