"""The outbox and the templates used to live in the appeals plugin: copy its rows here, before appeals drops
its tables (appeals 0013), and switch SMS on for every town that had appeals on, so no town goes silent.

Written in plain SQL on both sides so it does not depend on the appeals plugin's models (or on it being
installed): without its tables there is nothing to copy."""

from django.apps import apps as installed_apps
from django.core.management.color import no_style
from django.db import migrations

COLUMNS = {
    ("appeals_smsmessage", "sms_smsmessage"): (
        "id", "town_id", "phone", "event", "template_code", "params", "text", "status", "attempts", "next_attempt_at",
        "lease_until", "provider_id", "error", "created_at", "sent_at",
    ),
    ("appeals_smstemplate", "sms_smstemplate"): ("id", "town_id", "event", "template_code", "text"),
}


def copy_from_appeals(apps, schema_editor):
    connection = schema_editor.connection
    existing = set(connection.introspection.table_names())
    quote = schema_editor.quote_name
    for (source, target), columns in COLUMNS.items():
        if source not in existing:
            continue
        names = ", ".join(quote(column) for column in columns)
        schema_editor.execute(f"INSERT INTO {quote(target)} ({names}) SELECT {names} FROM {quote(source)}")
    # Rows kept their ids; the next new row must not collide with them (PostgreSQL sequences).
    models = [apps.get_model("sms", "SmsMessage"), apps.get_model("sms", "SmsTemplate")]
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        schema_editor.execute(statement)

    Activation = apps.get_model("cunwu_plugins", "PluginActivation")
    had_appeals = Activation.objects.filter(plugin="appeals", enabled=True).values_list("town_id", flat=True)
    for town_id in had_appeals:
        Activation.objects.update_or_create(town_id=town_id, plugin="sms", defaults={"enabled": True})


class Migration(migrations.Migration):

    dependencies = [
        ("sms", "0001_initial"),
        ("cunwu_plugins", "0002_initial"),
    ]
    # Only when appeals is installed: an install without it has no old outbox (and no such migration).
    run_before = [("appeals", "0013_sms_moved_out")] if installed_apps.is_installed("appeals") else []

    operations = [migrations.RunPython(copy_from_appeals, migrations.RunPython.noop)]
