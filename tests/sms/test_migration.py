"""Moving the outbox out of appeals keeps every row: migrate a database whose old tables hold messages."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("appeals", "0012_triage"), ("sms", None)]


def migrate(targets):
    """Migrate to `targets`; the models as they were at the appeals end of them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


@pytest.fixture
def back_to_latest():
    yield
    migrate(latest())  # whatever the test left, the next test (and the flush) gets today's tables


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_rows_of_the_appeals_outbox_move_to_the_sms_plugin_with_their_ids(back_to_latest, town, enable_plugin):
    enable_plugin(town, "appeals")
    enable_plugin(town, "sms", False)  # as before the move: the town had appeals, and no sms plugin existed
    old = migrate(BEFORE)
    Message, Template = old.get_model("appeals", "SmsMessage"), old.get_model("appeals", "SmsTemplate")
    sent = Message.objects.create(town_id=town.pk, phone="+8613812345678", event="appeal_submitted", status="sent",
                                  template_code="SMS_1", params={"number": "XH-1"}, text="您的诉求 XH-1", attempts=1)
    failed = Message.objects.create(town_id=town.pk, phone="+8613912345678", event="appeal_accepted", status="failed",
                                    error="isv.MOBILE_NUMBER_ILLEGAL", attempts=1)
    Template.objects.create(town_id=town.pk, event="appeal_submitted", template_code="SMS_2481", text="已收到 {number}")
    StaffPhone, Alert = old.get_model("appeals", "StaffPhone"), old.get_model("appeals", "PendingAlert")
    Case = old.get_model("appeals", "Case")
    case = Case.objects.create(town_id=town.pk, number="XH-1", kind="application", village_id=town.villages.first().pk,
                               category_id=old.get_model("appeals", "Category").objects.filter(town_id=town.pk).first().pk,
                               content="申请")
    from django.contrib.auth import get_user_model

    staff = StaffPhone.objects.create(town_id=town.pk, user_id=get_user_model().objects.create(username="h").pk,
                                      phone="+8613900001111")
    digested = Alert.objects.create(staff=staff, case=case, kind="accept", sms=sent)
    waiting = Alert.objects.create(staff=staff, case=case, kind="accept")

    new = migrate(latest())
    Message = new.get_model("sms", "SmsMessage")
    assert list(Message.objects.order_by("pk").values_list("pk", "status", "event", "params", "error")) == [
        (sent.pk, "sent", "appeal_submitted", {"number": "XH-1"}, ""),
        (failed.pk, "failed", "appeal_accepted", {}, "isv.MOBILE_NUMBER_ILLEGAL"),
    ]
    assert Message.objects.get(pk=sent.pk).text == "您的诉求 XH-1"
    assert list(new.get_model("sms", "SmsTemplate").objects.values_list("event", "template_code")) == [
        ("appeal_submitted", "SMS_2481")]
    assert "appeals_smsmessage" not in connection.introspection.table_names()
    Alert = new.get_model("appeals", "PendingAlert")
    assert Alert.objects.get(pk=digested.pk).sent_at is not None and Alert.objects.get(pk=waiting.pk).sent_at is None
    # The town that had appeals keeps sending: SMS is switched on for it, and a new row gets a fresh id.
    from cunwu.plugins.api import get_service
    from sms.models import SmsMessage

    town.__dict__.pop("enabled_plugin_labels", None)
    fresh = get_service("sms", town).send(town, "+8613812345678", "appeal_resolved", {"number": "XH-1"})
    assert fresh.pk > failed.pk and SmsMessage.objects.count() == 3

