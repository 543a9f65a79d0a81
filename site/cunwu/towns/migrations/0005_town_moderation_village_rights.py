"""Per-town page review and village page rights for the towns that exist already.

1. Wagtail's install gives its global groups ("Moderators"/"Editors", renamed 审核员/编辑 by 0002) page rights on
   the root page and media rights on the root collection, i.e. over every town, and assigns the default
   workflow (reviewed by "Moderators") to the root page. Those rights are removed and the default workflow is
   disabled the way Wagtail's own Workflow.deactivate does it (its reviews in progress are cancelled, its
   page links removed). The groups themselves stay (an operator may still use them outside the towns).
2. Each town gets its workflow (cunwu.towns.moderation) and its village groups, while the town's
   village-editor group gives up its rights on the village index (cunwu.towns.permissions.ensure_groups).
   This step runs the app's own code, which reads the current models: it only has work to do on a database
   that has towns when it reaches this migration, and `create_town` does the same for every new town.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone, translation

WAGTAIL_GLOBAL_GROUPS = ["审核员", "编辑", "Moderators", "Editors"]


def strip_global_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    groups = Group.objects.filter(name__in=WAGTAIL_GLOBAL_GROUPS, town_role__isnull=True)
    GroupPagePermission.objects.filter(group__in=groups, page__depth=1).delete()
    GroupCollectionPermission.objects.filter(group__in=groups, collection__depth=1).delete()

    for workflow in Workflow.objects.filter(workflow_pages__page__depth=1).distinct():
        in_progress = WorkflowState.objects.filter(workflow=workflow, status="in_progress")
        TaskState.objects.filter(workflow_state__in=in_progress, status="in_progress").update(
            status="cancelled", finished_at=timezone.now()
        )
        in_progress.update(status="cancelled")
        WorkflowPage.objects.filter(workflow=workflow).delete()
        WorkflowContentType.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])


def moderate_each_town(apps, schema_editor):
    from cunwu.towns.models import Town
    from cunwu.towns.moderation import ensure_moderation
    from cunwu.towns.permissions import ensure_groups

    with translation.override(settings.LANGUAGE_CODE):  # migrate runs untranslated; group names are data
        for town in Town.objects.select_related("site__root_page"):
            ensure_groups(town)
            ensure_moderation(town)


class Migration(migrations.Migration):
    dependencies = [
        ("towns", "0004_town_zone_moderation_village_groups"),
        ("cunwu_pages", "0003_section_key"),  # village pages exist
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(strip_global_groups, migrations.RunPython.noop),
        migrations.RunPython(moderate_each_town, migrations.RunPython.noop),
    ]
