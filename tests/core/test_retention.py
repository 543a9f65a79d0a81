"""Retention of personal data: each rule of each enabled plugin runs per town with the town's period; a dry run
changes nothing; one failing rule stops nothing else; town administrators set the periods in the admin.

The rules here are fakes added to the `livestream` plugin. A real worker imports this module with
CUNWU_FAKE_RETENTION=1 set (`--include`), which adds the same fakes in the worker process.
"""

import io
import os
import time
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cunwu.plugins import registry
from cunwu.security.models import AuditEntry, RetentionPolicy, RetentionRun
from cunwu.security.retention import RetentionRule, sweep
from cunwu.towns.models import Role, Town

LABEL = "livestream"
PHONE = "13812345678"


def old_addresses(town, cutoff, dry_run):
    """The fake personal data: the address on "fake.signup" rows of the town, cleared once older than cutoff."""
    old = AuditEntry.objects.filter(town=town, action="fake.signup", at__lt=cutoff, ip__isnull=False)
    count = old.count()
    if not dry_run:
        old.update(ip=None)
    return count


def careless(town, cutoff, dry_run):
    """A rule that forgets to look at dry_run: the dry run must still change nothing."""
    return AuditEntry.objects.filter(town=town, action="fake.signup", at__lt=cutoff).update(target="")


def fails_in_xihu(town, cutoff, dry_run):
    if town.slug == "xihu":
        AuditEntry.objects.filter(town=town).update(target="half done")  # rolled back with the failure
        raise RuntimeError(f"cannot reach the villager {PHONE}")
    return 0


RULES = {
    "default": [RetentionRule("old_addresses", "报名人的联系地址", 365, old_addresses)],
    "careless": [RetentionRule("careless", "直播留言", 365, careless)],
    "failing": [RetentionRule("flaky", "会出错的规则", 365, fails_in_xihu),
                RetentionRule("old_addresses", "报名人的联系地址", 365, old_addresses)],
}


ORIGINAL = registry.retention_rules


def add_fake_rules(kind):
    def retention_rules(config):
        return [*ORIGINAL(config), *(RULES[kind] if config.label == LABEL else [])]

    return retention_rules


if os.environ.get("CUNWU_FAKE_RETENTION"):  # in the worker process
    registry.retention_rules = add_fake_rules(os.environ["CUNWU_FAKE_RETENTION"])


@pytest.fixture
def rules(monkeypatch):
    def use(kind="default"):
        monkeypatch.setattr(registry, "retention_rules", add_fake_rules(kind))

    use()
    return use


def signup(town, days_ago, address="10.0.0.9"):
    entry = AuditEntry.objects.create(town=town, action="fake.signup", target=f"报名 {days_ago}", ip=address)
    AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - timedelta(days=days_ago))
    return entry


def addresses(town):
    return {entry.target: entry.ip for entry in AuditEntry.objects.filter(town=town, action="fake.signup")}


@pytest.fixture
def towns(town, other_town, enable_plugin):
    for each in (town, other_town):
        enable_plugin(each, LABEL)
        signup(each, 400)
        signup(each, 300)
        signup(each, 100)
    return town, other_town


def runs(town, rule="old_addresses", **filters):
    return list(RetentionRun.objects.filter(town=town, rule=rule, **filters).values_list("count", "days", "dry_run"))


def test_records_older_than_the_default_period_lose_their_personal_data(towns, rules):
    town, _other = towns
    sweep()
    assert addresses(town) == {"报名 400": None, "报名 300": "10.0.0.9", "报名 100": "10.0.0.9"}
    assert runs(town) == [(1, 365, False)]
    run = RetentionRun.objects.get(town=town, rule="old_addresses")
    assert run.plugin == LABEL and abs(run.cutoff - (timezone.now() - timedelta(days=365))) < timedelta(minutes=1)


def test_the_towns_own_period_applies_to_that_town_only(towns, rules):
    town, other = towns
    RetentionPolicy.objects.create(town=town, plugin=LABEL, rule="old_addresses", days=200)
    sweep()
    assert addresses(town) == {"报名 400": None, "报名 300": None, "报名 100": "10.0.0.9"}
    assert addresses(other) == {"报名 400": None, "报名 300": "10.0.0.9", "报名 100": "10.0.0.9"}
    assert runs(town) == [(2, 200, False)] and runs(other) == [(1, 365, False)]


def test_a_town_without_the_plugin_is_not_touched(town, other_town, enable_plugin, rules):
    enable_plugin(town, LABEL)
    signup(other_town, 400)
    sweep()
    assert addresses(other_town) == {"报名 400": "10.0.0.9"}
    assert not RetentionRun.objects.filter(town=other_town).exists()


def test_a_dry_run_changes_nothing_even_with_a_careless_rule(towns, rules):
    town, _other = towns
    sweep(dry_run=True)
    rules("careless")
    sweep(dry_run=True)
    assert addresses(town) == {"报名 400": "10.0.0.9", "报名 300": "10.0.0.9", "报名 100": "10.0.0.9"}
    assert runs(town, dry_run=True) == [(1, 365, True)]
    assert runs(town, rule="careless") == [(1, 365, True)]  # it reported what it did, and that was rolled back


def test_a_failing_rule_stops_neither_the_towns_other_rules_nor_other_towns(towns, rules, caplog):
    town, other = towns
    rules("failing")
    sweep()
    flaky = RetentionRun.objects.get(town=town, rule="flaky")
    assert flaky.count is None and flaky.error == "RuntimeError"
    assert not AuditEntry.objects.filter(target="half done").exists()  # what the failing rule did was undone
    assert runs(town) == [(1, 365, False)] and addresses(town)["报名 400"] is None
    assert runs(other, rule="flaky") == [(0, 365, False)] and addresses(other)["报名 400"] is None
    assert "retention rule livestream.flaky failed for town xihu" in caplog.text


def test_command_dry_run_reports_per_town_and_rule(towns, rules):
    out = io.StringIO()
    call_command("retention", "--dry-run", "--town", "xihu", stdout=out)
    assert "xihu livestream.old_addresses (kept 365 days, before" in out.getvalue()
    assert "would anonymise 1" in out.getvalue() and "liuhe" not in out.getvalue()
    assert addresses(towns[0])["报名 400"] == "10.0.0.9"
    with pytest.raises(CommandError):
        call_command("retention", "--town", "nowhere", stdout=io.StringIO())
    call_command("retention", stdout=out)
    assert "liuhe livestream.old_addresses" in out.getvalue() and "anonymised 1" in out.getvalue()
    assert addresses(towns[1])["报名 400"] is None


# The admin screen -----------------------------------------------------------------------------------------

def refused(response):
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))


def test_town_admin_sets_the_period_and_sees_a_dry_run(towns, rules, make_user, client):
    town, _other = towns
    client.force_login(make_user("xihu-admin", town, Role.TOWN_ADMIN))
    url = reverse("cunwu_retention")
    page = client.get(url, HTTP_HOST="localhost")
    html = page.content.decode()
    assert "个人信息保留期限" in html and "报名人的联系地址" in html and "默认 365 天" in html
    field = f"{LABEL}__old_addresses"
    # The plugin's own rules are on the form too: they keep their values.
    unchanged = {name: bound.initial for name, bound in ((f.name, f) for f in page.context["form"]) if name != field}

    def save(days):
        return client.post(url, {**unchanged, field: days, "save": "1"}, HTTP_HOST="localhost")

    too_short = save("30")
    assert too_short.status_code == 400 and "180" in too_short.content.decode()
    assert not RetentionPolicy.objects.exists()
    saved = save("200")
    assert saved.status_code == 302, saved.context["form"].errors
    assert RetentionPolicy.objects.get(town=town).days == 200
    change = AuditEntry.objects.get(town=town, action="retention.change")
    assert change.username == "xihu-admin" and change.detail == {"days": {field: 200}}
    dry = client.post(url, {"dry_run": "1"}, HTTP_HOST="localhost")
    html = dry.content.decode()
    assert dry.status_code == 200 and "未做任何修改" in html and "试运行" in html
    assert runs(town, dry_run=True) == [(2, 200, True)]
    assert addresses(town)["报名 400"] == "10.0.0.9"
    save("365")
    assert not RetentionPolicy.objects.exists()  # back to the default: the plugin's later default applies


def test_only_the_towns_administrator_sets_its_periods(towns, rules, make_user, client):
    town, other = towns
    client.force_login(make_user("xihu-supervisor", town, Role.SUPERVISOR))
    assert refused(client.get(reverse("cunwu_retention"), HTTP_HOST="localhost"))
    client.force_login(make_user("liuhe-admin", other, Role.TOWN_ADMIN))
    assert refused(client.get(reverse("cunwu_retention_for", args=[town.pk]), HTTP_HOST="localhost"))
    response = client.post(reverse("cunwu_retention_for", args=[town.pk]),
                           {f"{LABEL}__old_addresses": "200", "save": "1"}, HTTP_HOST="localhost")
    assert refused(response) and not RetentionPolicy.objects.exists()
    assert refused(client.post(reverse("cunwu_retention_for", args=[town.pk]), {"dry_run": "1"}, HTTP_HOST="localhost"))
    assert not RetentionRun.objects.exists()


# A real worker ------------------------------------------------------------------------------------------------

def fake_worker(monkeypatch, kind):
    from tests.support.worker import CeleryWorker

    monkeypatch.setenv("CUNWU_FAKE_RETENTION", kind)
    return CeleryWorker(connection.settings_dict["NAME"], extra_args=("--include", "tests.core.test_retention")).start()


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def worker_towns(transactional_db, redis_url):
    from cunwu.plugins.testing import make_town
    from cunwu.plugins.switch import set_plugin_enabled

    made = [make_town("西湖镇", "localhost", ("北沟村",), slug="xihu"), make_town("柳河镇", "liuhe.localhost", (), slug="liuhe")]
    for each in made:
        set_plugin_enabled(each, LABEL, True)
        signup(each, 400)
        signup(each, 100)
    return made


def test_the_daily_task_runs_on_a_real_worker(worker_towns, monkeypatch):
    from cunwu.security.tasks import retention_sweep

    worker = fake_worker(monkeypatch, "failing")
    try:
        retention_sweep.delay()
        assert wait_for(lambda: RetentionRun.objects.filter(rule__in=["flaky", "old_addresses"]).count() == 4), open(worker.log_path).read()[-3000:]
    finally:
        worker.stop()
    for each in Town.objects.all():
        assert addresses(each) == {"报名 400": None, "报名 100": "10.0.0.9"}
    assert RetentionRun.objects.get(town__slug="xihu", rule="flaky").error == "RuntimeError"
    log = open(worker.log_path, encoding="utf-8", errors="replace").read()
    assert "cannot reach the villager" in log  # the traceback is in the worker's log ...
    assert PHONE not in log and "138****5678" in log  # ... with the phone number masked


def test_the_sweep_is_on_the_beat_schedule_every_day():
    from cunwu.celery_app import app

    app.finalize()  # declares the timers (celery_app.schedule_periodic_tasks)
    entries = [entry for entry in app.conf.beat_schedule.values() if entry["task"] == "cunwu.retention_sweep"]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    if isinstance(schedule, crontab):  # once a night, at one hour and minute
        assert len(schedule.hour) == len(schedule.minute) == 1 and len(schedule.day_of_week) == 7
    else:
        assert float(schedule) == 86400
