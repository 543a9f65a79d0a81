"""Operations: production refuses half a configuration, every entry point agrees on its settings, big tables are
indexed without locking them, derived figures are back-filled, a failing town never stops the others, beat forgets
the timers of uninstalled plugins, and private pages count no visits of people they turn away."""

import json
import logging
import os
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-test-0123456789-abcdefghijklmnop",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://xihu.example.gov.cn",
    "ALLOWED_HOSTS": "xihu.example.gov.cn",
}


def python(code, **env_changes):
    """Run `code` in a fresh interpreter with site/ and plugins/ on the path and the environment changed."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'site'}:{ROOT / 'plugins'}"}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


# --- production settings -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["REDIS_URL", "WAGTAILADMIN_BASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    setup = "import django; django.setup()"
    complete = python(setup, DJANGO_SETTINGS_MODULE="cunwu.settings.production", **PRODUCTION)
    assert complete.returncode == 0, complete.stderr

    result = python(setup, DJANGO_SETTINGS_MODULE="cunwu.settings.production", **{**PRODUCTION, missing: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production" in result.stderr


def test_celery_and_wsgi_default_to_the_same_settings():
    report = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    worker = python(f"import cunwu.celery_app, django; django.setup(); {report}", DJANGO_SETTINGS_MODULE=None, **PRODUCTION)
    web = python(f"import cunwu.wsgi; {report}", DJANGO_SETTINGS_MODULE=None, **PRODUCTION)
    assert worker.returncode == 0 and web.returncode == 0, worker.stderr + web.stderr
    assert worker.stdout.split() == web.stdout.split() == ["cunwu.settings.production", "False"]


# --- the line-item index (disclosure 0009) -------------------------------------------------------------------------

def line_item_indexes():
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "disclosure_lineitem"))


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)  # PostgreSQL builds an index CONCURRENTLY only outside a transaction
def test_the_line_filter_index_is_built_without_locking_the_table():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("disclosure")
    executor.migrate([("disclosure", "0008_matter_versions")])
    assert "disclosure_line_filter_idx" not in line_item_indexes()
    assert "disclosure__ledger__dcdd29_idx" in line_item_indexes()

    executor = MigrationExecutor(connection)
    with CaptureQueriesContext(connection) as queries:
        executor.migrate(latest)
    statements = [query["sql"] for query in queries.captured_queries if "INDEX" in query["sql"]]
    build = [sql for sql in statements if sql.startswith("CREATE INDEX") and "disclosure_line_filter_idx" in sql]
    drop = [sql for sql in statements if sql.startswith("DROP INDEX") and "disclosure__ledger__dcdd29_idx" in sql]
    assert build and drop
    if connection.vendor == "postgresql":
        assert build[0].startswith("CREATE INDEX CONCURRENTLY") and drop[0].startswith("DROP INDEX CONCURRENTLY")
    # The new index exists before the old one goes, so filters are never left without one.
    assert statements.index(build[0]) < statements.index(drop[0])
    assert "disclosure_line_filter_idx" in line_item_indexes()
    assert "disclosure__ledger__dcdd29_idx" not in line_item_indexes()


# --- derived ledger figures (disclosure 0005, back-filled by 0010) --------------------------------------------------

@pytest.fixture
def ledger_month(town, enable_plugin):
    """A published month of 北沟村 with two expense categories, stored as 0005 left it: no spending per category."""
    from disclosure.models import Category, LedgerMonth, LineItem, Status

    enable_plugin(town, "disclosure")
    village = town.villages.get(name="北沟村")
    month = LedgerMonth.objects.create(village=village, year=2025, month=6, opening_balance=Decimal("0.00"))
    categories = {c.name: c for c in Category.objects.filter(town=town)}
    LineItem.objects.bulk_create([
        LineItem(ledger=month, date=date(2025, 6, 3), kind="income", category=categories["补助收入"], amount=Decimal("12000.00"), purpose="运转经费"),
        LineItem(ledger=month, date=date(2025, 6, 4), kind="expense", category=categories["管理费用"], amount=Decimal("10.00"), purpose="办公用品"),
        LineItem(ledger=month, date=date(2025, 6, 5), kind="expense", category=categories["公益支出"], amount=Decimal("8600.00"), purpose="路灯维修"),
        LineItem(ledger=month, date=date(2025, 6, 6), kind="expense", category=categories["公益支出"], amount=Decimal("400.00"), purpose="水渠清淤"),
    ])
    published_at = date(2025, 7, 2)
    LedgerMonth.objects.filter(pk=month.pk).update(
        status=Status.PUBLISHED, published_at=f"{published_at}T09:00:00+08:00", category_totals={},
        total_income=Decimal("12000.00"), total_expense=Decimal("9010.00"), line_count=4,
    )
    return LedgerMonth.objects.get(pk=month.pk)


EXPECTED_SPENDING = {"expense": [["公益支出", "9000.00"], ["管理费用", "10.00"]]}


def test_the_back_fill_gives_a_month_from_before_0005_its_spending_per_category(ledger_month):
    from importlib import import_module

    from disclosure.models import LedgerMonth

    backfill = import_module("disclosure.migrations.0010_backfill_category_totals").backfill_category_totals
    historical = MigrationLoader(connection).project_state(("disclosure", "0009_line_filter_index")).apps
    backfill(historical, None)

    month = LedgerMonth.objects.get(pk=ledger_month.pk)
    assert month.category_totals == EXPECTED_SPENDING
    assert (month.status, month.published_at) == (ledger_month.status, ledger_month.published_at)  # still the same record


def test_recompute_disclosure_totals_repairs_a_published_month(ledger_month):
    from io import StringIO

    from django.core.management import call_command

    from disclosure.models import LedgerMonth

    LedgerMonth.objects.filter(pk=ledger_month.pk).update(total_expense=Decimal("1.00"), line_count=99)
    out = StringIO()
    call_command("recompute_disclosure_totals", "--town", ledger_month.village.town.slug, stdout=out)
    month = LedgerMonth.objects.get(pk=ledger_month.pk)
    assert (month.total_expense, month.line_count, month.category_totals) == (Decimal("9010.00"), 4, EXPECTED_SPENDING)
    assert out.getvalue().startswith("1 of 1 ")
    call_command("recompute_disclosure_totals", stdout=out)  # nothing stale is left
    assert "0 of 1 " in out.getvalue()


# --- periodic tasks -------------------------------------------------------------------------------------------------

def test_a_failing_town_is_logged_and_the_next_town_still_runs(town, other_town, enable_plugin, caplog):
    from cunwu.plugins.api import enabled_towns
    from cunwu.plugins.models import PluginActivation
    from disclosure.tasks import lease_sweep

    for each in (town, other_town):
        enable_plugin(each, "disclosure")
    first, second = list(enabled_towns("disclosure"))
    # A town whose stored plugin settings no longer parse: its lease sweep raises.
    PluginActivation.objects.filter(town=first, plugin="disclosure").update(settings={"lease_notice_days": "thirty"})

    with caplog.at_level(logging.ERROR, logger="cunwu.plugins"):
        results = lease_sweep()
    assert results == {first.slug: None, second.slug: {"lease_ends": 0, "rents_due": 0}}
    failure = [record for record in caplog.records if first.slug in record.getMessage()]
    assert failure and failure[0].exc_info is not None


BEAT_SCHEDULE = """
import json, django
django.setup()
from celery.utils.imports import symbol_by_name
from cunwu.celery_app import app
app.loader.init_worker()  # as `celery beat` starts: the task modules, then the finalized app
app.finalize()
scheduler = symbol_by_name(app.conf.beat_scheduler)(app=app)
print(json.dumps(sorted(scheduler.schedule)))
"""


@pytest.mark.django_db(transaction=True)  # the beat processes read and write this database
def test_beat_forgets_the_timers_of_an_excluded_plugin(redis_url):
    from django_celery_beat.models import PeriodicTask

    def beat_schedule(excluded=""):
        result = python(
            BEAT_SCHEDULE, DJANGO_SETTINGS_MODULE="cunwu.settings.dev", CUNWU_EXCLUDE_PLUGINS=excluded,
            DATABASE_URL=database_url(), REDIS_URL=redis_url,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert "livestream:send-reminders" in beat_schedule()
    assert PeriodicTask.objects.filter(name="livestream:send-reminders").exists()

    schedule = beat_schedule(excluded="livestream")
    assert not [name for name in schedule if name.startswith("livestream:")]
    assert {"cunwu:flush-visits", "disclosure:lease-sweep", "appeals:deadline-sweep"} <= set(schedule)
    assert not PeriodicTask.objects.filter(name="livestream:send-reminders").exists()
    assert "livestream:send-reminders" in beat_schedule()  # the plugin back, its timer is back


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.worker
def test_a_queued_task_of_an_uninstalled_plugin_is_dropped_and_the_worker_goes_on(town, celery_worker):
    from cunwu.celery_app import app
    from cunwu.visits.counter import record_visit
    from cunwu.visits.models import VisitCount
    from cunwu.visits.tasks import flush_visits

    app.send_task("livestream_gone.send_due_reminders", queue=celery_worker.queue)
    record_visit(town, town.root_page)
    flush_visits.apply_async(queue=celery_worker.queue)  # queued behind it: the worker must still get to it
    deadline = time.monotonic() + 60
    while not VisitCount.objects.filter(town=town, page=town.root_page).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert VisitCount.objects.get(town=town, page=town.root_page).count == 1
    assert celery_worker.process.poll() is None
    log = celery_worker.log_path.read_text(errors="replace")
    assert "livestream_gone.send_due_reminders" in log and "discarded" in log


# --- visits ---------------------------------------------------------------------------------------------------------

@pytest.mark.sqlite
def test_a_private_page_counts_no_visit_of_someone_it_turns_away(client, town, redis_url):
    from django.urls import reverse
    from wagtail.models import PageViewRestriction

    from cunwu.pages.models import SectionPage
    from cunwu.visits.counter import page_visits

    public, private = SectionPage.objects.descendant_of(town.root_page).order_by("path")[:2]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="cunwu-pw")

    assert client.get(public.url, HTTP_HOST="localhost").status_code == 200
    turned_away = client.get(private.url, HTTP_HOST="localhost")
    assert turned_away.status_code == 200 and 'name="password"' in turned_away.text  # Wagtail's password form
    assert (page_visits(town, public), page_visits(town, private)) == (1, 0)

    restriction = PageViewRestriction.objects.get(page=private)
    client.post(reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, private.pk]),
                {"password": "cunwu-pw", "return_url": private.url}, HTTP_HOST="localhost")
    assert client.get(private.url, HTTP_HOST="localhost").status_code == 200
    assert page_visits(town, private) == 1  # once the visitor passed the restriction, it is a visit
