from django.db import migrations, models

from cunwu.plugins.api import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # the outbox grows large: PostgreSQL builds the index CONCURRENTLY, outside a transaction

    dependencies = [
        ("sms", "0002_from_appeals"),
        ("towns", "0005_town_moderation_village_rights"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="smsmessage",
            index=models.Index(fields=["town", "phone", "sent_at"], name="sms_message_budget"),
        ),
    ]
