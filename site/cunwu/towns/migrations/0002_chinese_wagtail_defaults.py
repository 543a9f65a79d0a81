"""Wagtail's and Django's migrations create a few rows in English: the root page, the root collection, the global groups
"Moderators" and "Editors" and the default workflow with its group approval task, "Moderators approval". Their names
are data, so no catalogue translates them, and the zh-hans admin showed "正在浏览: Root" and "提交给Moderators approval".
Rename them once, here, so a fresh `migrate` and the demo both get Chinese names. Only rows that still carry Wagtail's
English default are touched (idempotent; a name an operator chose is kept). The groups keep their permissions: they
have no power in towns, but deleting them would break Wagtail's default workflow."""

from django.db import migrations

GROUPS = {"Moderators": "审核员", "Editors": "编辑"}
WORKFLOW = {"Moderators approval": "审核员审批"}
ROOT = "根页面"
ROOT_COLLECTION = "根目录"


def to_chinese(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT, draft_title=ROOT)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)
    for english, chinese in GROUPS.items():
        if not Group.objects.filter(name=chinese).exists():
            Group.objects.filter(name=english).update(name=chinese)
    for english, chinese in WORKFLOW.items():
        Task.objects.filter(name=english).update(name=chinese)
        Workflow.objects.filter(name=english).update(name=chinese)


class Migration(migrations.Migration):
    dependencies = [
        ("towns", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),  # the latest: all of Wagtail's rows exist
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_chinese, migrations.RunPython.noop)]
