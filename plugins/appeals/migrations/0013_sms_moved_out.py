"""The SMS outbox and templates moved to the `sms` plugin, whose migration 0002 copied their rows first.

A pending alert no longer points at an outbox row (no plugin's table refers to another's): it records when
its digest went out."""

from django.db import migrations, models
from django.db.models import F


def mark_sent_alerts(apps, schema_editor):
    PendingAlert = apps.get_model("appeals", "PendingAlert")
    PendingAlert.objects.filter(sms__isnull=False).update(sent_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("appeals", "0012_triage"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingalert",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_sent_alerts, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="pendingalert", name="appeals_alert_unsent"),
        migrations.RemoveField(model_name="pendingalert", name="sms"),
        migrations.AddIndex(
            model_name="pendingalert",
            index=models.Index(condition=models.Q(("sent_at__isnull", True)), fields=["staff"], name="appeals_alert_unsent"),
        ),
        migrations.DeleteModel(name="SmsMessage"),
        migrations.DeleteModel(name="SmsTemplate"),
    ]
