"""The audit trail screen (read by the town's administrator and discipline supervisor, nobody of another town,
changed by no one) and log lines that never carry a full phone, ID or bank number."""

import csv
import importlib
import io
import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cunwu.plugins import api
from cunwu.security.audit import AUDIT_PERMISSION
from cunwu.security.models import AuditEntry
from cunwu.towns.authz import forget_town_permissions, has_town_perm
from cunwu.towns.logging import MaskPersonalDataFilter, mask_handlers
from cunwu.towns.models import Role
from tests.core.test_admin_i18n import sidebar

PHONE, ID_NUMBER, CARD = "13812345678", "110101199003071234", "6222021234567890123"


@pytest.fixture
def trail(town, other_town, make_user):
    clerk = make_user("xihu-clerk", town, Role.TOWN_EDITOR)
    for n in range(3):
        api.audit(clerk, town, "appeals.export", f"西湖镇信访件 第{n}批", rows=10 + n)
    api.audit(clerk, town, "custom.thing", "某对象")
    api.audit(None, other_town, "appeals.export", "柳河镇信访件")
    return town, other_town


def refused(response):
    """Wagtail turns a refusal in an admin view into a redirect to the dashboard with its message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))


def admin_get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params, HTTP_HOST="localhost")


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.TOWN_ADMIN])
def test_supervisor_and_town_admin_read_their_towns_trail_only(trail, make_user, client, role):
    town, other = trail
    reader = make_user(f"reader-{role}", town, role)
    response = admin_get(client, reader, reverse("cunwu_audit"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "审计日志" in html and "西湖镇信访件 第2批" in html and "xihu-clerk" in html
    assert "导出诉求" in html          # the Chinese label of appeals.export
    assert "custom.thing" in html        # an action nobody labelled shows its code
    assert "柳河镇信访件" not in html
    assert refused(admin_get(client, reader, reverse("cunwu_audit_for", args=[other.pk])))


@pytest.mark.parametrize("role", [Role.TOWN_EDITOR, Role.VILLAGE_EDITOR, Role.VILLAGE_STAFF])
def test_other_roles_do_not_read_the_trail(trail, make_user, client, role):
    town, _other = trail
    user = make_user(f"user-{role}", town, role)
    assert refused(admin_get(client, user, reverse("cunwu_audit")))
    assert refused(admin_get(client, user, reverse("cunwu_audit"), format="csv"))
    urls, labels = sidebar(admin_get(client, user, reverse("wagtailadmin_home")).content.decode())
    assert reverse("cunwu_audit") not in urls and "审计日志" not in labels


def test_supervisor_of_another_town_reads_nothing_here(trail, make_user, client):
    town, other = trail
    outsider = make_user("liuhe-supervisor", other, Role.SUPERVISOR)
    assert refused(admin_get(client, outsider, reverse("cunwu_audit_for", args=[town.pk])))
    html = admin_get(client, outsider, reverse("cunwu_audit")).content.decode()
    assert "柳河镇信访件" in html and "西湖镇信访件" not in html


def test_menu_item_shows_for_the_supervisor(trail, make_user, client):
    supervisor = make_user("xihu-supervisor", trail[0], Role.SUPERVISOR)
    urls, labels = sidebar(admin_get(client, supervisor, reverse("wagtailadmin_home")).content.decode())
    assert reverse("cunwu_audit") in urls and "审计日志" in labels
    assert reverse("cunwu_retention") not in urls  # retention periods are the town administrator's


def test_nobody_changes_the_trail(trail, admin_user, client):
    client.force_login(admin_user)
    before = AuditEntry.objects.count()
    for method in (client.post, client.put, client.delete):
        assert method(reverse("cunwu_audit"), HTTP_HOST="localhost").status_code == 405
    assert AuditEntry.objects.count() == before


def test_filter_by_action_and_date(trail, make_user, client):
    town, _other = trail
    AuditEntry.objects.filter(town=town, target="西湖镇信访件 第0批").update(at=timezone.now() - timedelta(days=40))
    supervisor = make_user("xihu-supervisor", town, Role.SUPERVISOR)
    html = admin_get(client, supervisor, reverse("cunwu_audit"), action="custom.thing").content.decode()
    assert "某对象" in html and "西湖镇信访件" not in html
    since = (timezone.now() - timedelta(days=10)).date().isoformat()
    html = admin_get(client, supervisor, reverse("cunwu_audit"), action="appeals.export", date_from=since).content.decode()
    assert "第1批" in html and "第2批" in html and "第0批" not in html
    until = (timezone.now() - timedelta(days=30)).date().isoformat()
    html = admin_get(client, supervisor, reverse("cunwu_audit"), date_to=until).content.decode()
    assert "第0批" in html and "第1批" not in html
    bad = admin_get(client, supervisor, reverse("cunwu_audit"), date_from="2026-13-45")
    assert bad.status_code == 400 and "有效的日期" in bad.content.decode()


def test_trail_is_paginated(town, make_user, client):
    AuditEntry.objects.bulk_create(
        AuditEntry(town=town, username="clerk", action="appeals.export", target=f"批次-{n:03d}") for n in range(60))
    supervisor = make_user("xihu-supervisor", town, Role.SUPERVISOR)
    first = admin_get(client, supervisor, reverse("cunwu_audit"), action="appeals.export").content.decode()
    second = admin_get(client, supervisor, reverse("cunwu_audit"), action="appeals.export", p=2).content.decode()
    shown = lambda html: {n for n in range(60) if f"批次-{n:03d}" in html}  # noqa: E731
    assert len(shown(first)) == 50 and len(shown(second)) == 10 and not shown(first) & shown(second)
    assert "action=appeals.export" in second  # the page links keep the filter


def test_reading_the_trail_is_recorded_once_per_half_hour(trail, make_user, client):
    town, _other = trail
    supervisor = make_user("xihu-supervisor", town, Role.SUPERVISOR)
    for _ in range(3):
        admin_get(client, supervisor, reverse("cunwu_audit"), p=1)
    views = AuditEntry.objects.filter(town=town, action="audit.view")
    assert [(entry.username, entry.ip) for entry in views] == [("xihu-supervisor", "127.0.0.1")]
    views.update(at=timezone.now() - timedelta(hours=1))
    admin_get(client, supervisor, reverse("cunwu_audit"))
    assert views.count() == 2


def test_csv_export_is_audited_and_in_chinese(trail, make_user, client):
    town, _other = trail
    supervisor = make_user("xihu-supervisor", town, Role.SUPERVISOR)
    response = admin_get(client, supervisor, reverse("cunwu_audit"), format="csv", action="appeals.export")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "用户名", "操作", "对象", "地址", "详情"]
    assert sorted(row[3] for row in rows[1:]) == ["西湖镇信访件 第0批", "西湖镇信访件 第1批", "西湖镇信访件 第2批"]
    assert {row[2] for row in rows[1:]} == {"导出诉求"}
    export = AuditEntry.objects.get(town=town, action="audit.export")
    assert export.username == "xihu-supervisor" and export.detail == {"filters": {"action": "appeals.export"}}


def test_trail_screen_masks_personal_data_a_caller_left_in(town, make_user, client):
    api.audit(None, town, "appeals.export", f"电话 {PHONE}", phone=PHONE)
    html = admin_get(client, make_user("xihu-supervisor", town, Role.SUPERVISOR), reverse("cunwu_audit")).content.decode()
    assert PHONE not in html and "138****5678" in html


def test_existing_towns_groups_get_the_permission_from_the_migration(town, make_user):
    supervisor = make_user("xihu-supervisor", town, Role.SUPERVISOR)
    town.group_for(Role.SUPERVISOR).permissions.remove(
        *town.group_for(Role.SUPERVISOR).permissions.filter(codename="view_auditentry"))
    forget_town_permissions(supervisor)
    assert not has_town_perm(supervisor, town, AUDIT_PERMISSION)
    importlib.import_module("cunwu.security.migrations.0003_audit_readers").grant_existing_towns(None, None)
    forget_town_permissions(supervisor)
    assert has_town_perm(supervisor, town, AUDIT_PERMISSION)
    editor = make_user("xihu-editor", town, Role.TOWN_EDITOR)
    assert not has_town_perm(editor, town, AUDIT_PERMISSION)


# Log lines ---------------------------------------------------------------------------------------------------

@pytest.fixture
def masked_log():
    """A logger whose one handler formats like the console's, with the filter the settings put on it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(MaskPersonalDataFilter())
    logger = logging.getLogger("tests.masked")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_message_and_its_arguments_are_masked(masked_log):
    logger, stream = masked_log
    logger.warning("SMS to %s for ID %s paid to %s", PHONE, ID_NUMBER, CARD)
    logger.warning({"phone": PHONE})
    text = stream.getvalue()
    assert PHONE not in text and ID_NUMBER not in text and CARD not in text
    assert "138****5678" in text and "1101**********1234" in text and "6222********0123" in text


def test_tracebacks_are_masked(masked_log):
    logger, stream = masked_log
    try:
        raise ValueError(f"no case for {PHONE} / {ID_NUMBER}")
    except ValueError:
        logger.exception("lookup failed")
    text = stream.getvalue()
    assert "Traceback" in text and "ValueError" in text
    assert PHONE not in text and ID_NUMBER not in text and "138****5678" in text


def test_extra_fields_are_masked(masked_log):
    logger, stream = masked_log
    logger.handlers[0].setFormatter(logging.Formatter("%(message)s phone=%(phone)s who=%(who)s n=%(n)s"))
    logger.warning("sent", extra={"phone": PHONE, "who": {"id": ID_NUMBER}, "n": 3})
    text = stream.getvalue()
    assert PHONE not in text and ID_NUMBER not in text
    assert "phone=138****5678" in text and "1101**********1234" in text and "n=3" in text


def test_django_logging_masks_through_the_console_handler(capsys, settings):
    from logging.config import dictConfig

    dictConfig(settings.LOGGING)
    logging.getLogger("cunwu.test").warning("call back %s", PHONE)
    err = capsys.readouterr().err
    assert "138****5678" in err and PHONE not in err


def test_mask_handlers_puts_the_filter_on_each_handler_once():
    logger = logging.getLogger("tests.celery-like")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        mask_handlers(logger)
        mask_handlers(logger)
        assert sum(isinstance(f, MaskPersonalDataFilter) for f in handler.filters) == 1
        logger.warning("to %s", PHONE)
        assert PHONE not in stream.getvalue() and "138****5678" in stream.getvalue()
    finally:
        logger.removeHandler(handler)
