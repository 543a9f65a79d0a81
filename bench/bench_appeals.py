"""Appeals: submissions per second and the deadline sweep over many open cases (SMS throughput: bench_sms)."""

import os
import time

SUBMISSIONS = 300
# 400k builds in about a minute on 2 busy cores (1M took 142 s); APPEALS_BENCH_CASES=1000000 for the full size.
OPEN_CASES = int(os.environ.get("APPEALS_BENCH_CASES", 400_000))


def _town():
    from cunwu.plugins.switch import set_plugin_enabled
    from cunwu.towns.services import create_town
    from wagtail.models import Page

    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    town, _created = create_town(name="诉求基准镇", hostname="appeals-bench.localhost", villages=("基准村",),
                                 theme="default", slug="appeals-bench")
    set_plugin_enabled(town, "appeals", True)
    town.__dict__.pop("enabled_plugin_labels", None)
    return town


def _submissions(report, town, category, village):
    from appeals.workflow import submit

    if os.environ.get("APPEALS_BENCH_PROFILE"):
        import cProfile

        cProfile.runctx("for n in range(30): submit(town, kind='application', category=category, village=village, "
                        "content='p', name='张三', phone='+8613812345678')", globals(), locals(), sort="cumtime")
    started = time.perf_counter()
    for n in range(SUBMISSIONS):
        submit(town, kind="application", category=category, village=village, content=f"基准诉求 {n}",
               name="张三", phone="+8613812345678")
    elapsed = time.perf_counter() - started
    report("submissions (number, case, step, 3 timers, SMS row, notices)", SUBMISSIONS / elapsed, "/s",
           f"{SUBMISSIONS} in one process, {1000 * elapsed / SUBMISSIONS:.1f} ms each")


def _build_open_cases(town, category, village):
    """Cases, first steps and their three timers in bulk SQL; 1% of cases have their reminder due now."""
    from django.db import connection

    with connection.cursor() as cursor:
        # A bulk load: the rows are consistent by construction, so skip the per-row deferred FK triggers.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("""
            INSERT INTO appeals_case (town_id, number, token, kind, category_id, village_id, content, name, phone,
                                      anonymous, level, state, reject_reason, response, created_at, due_at, published, answers)
            SELECT %s, 'B' || lpad(i::text, 10, '0'), md5(i::text), 'application', %s, %s, '基准诉求', '', '', false,
                   'yellow', 'submitted', '', '', now() - interval '1 hour', now() + interval '1 day', false, '{}'::jsonb
            FROM generate_series(1, %s) AS i""", [town.pk, category.pk, village.pk, OPEN_CASES])
        cursor.execute("""
            INSERT INTO appeals_transition (case_id, from_state, to_state, note, from_level, to_level, at)
            SELECT id, '', 'submitted', '', '', '', created_at FROM appeals_case WHERE town_id = %s AND content = '基准诉求'""",
                       [town.pk])
        cursor.execute("""
            INSERT INTO appeals_deadline (case_id, step_id, kind, due_at)
            SELECT t.case_id, t.id, k.kind,
                   CASE WHEN t.case_id %% 100 = 0 AND k.kind = 'remind' THEN now() - interval '1 minute'
                        ELSE now() + interval '1 day' + k.later END
            FROM appeals_transition t JOIN appeals_case c ON c.id = t.case_id AND c.town_id = %s AND c.content = '基准诉求'
            CROSS JOIN (VALUES ('remind', interval '0'), ('warn', interval '1 hour'), ('escalate', interval '2 hours'))
                 AS k(kind, later)""", [town.pk])
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE appeals_case; ANALYZE appeals_transition; ANALYZE appeals_deadline")


def _explain():
    from django.db import connection, transaction
    from django.utils import timezone

    from appeals.deadlines import Deadline

    with transaction.atomic():  # FOR UPDATE needs a transaction; rolled back so the sweep still finds every row
        query = (Deadline.objects.select_for_update(skip_locked=True, of=("self", "case")).select_related("case__town")
                 .filter(fired_at=None, cancelled_at=None, due_at__lte=timezone.now()).order_by("due_at")[:200])
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def run(report):
    from appeals.deadlines import Deadline, sweep
    from appeals.models import Category

    town = _town()
    village = town.villages.get()
    category = Category.objects.create(town=town, name="基准类别")
    _submissions(report, town, category, village)

    started = time.perf_counter()
    _build_open_cases(town, category, village)
    report("build open cases (bulk SQL, 3 timers each)", OPEN_CASES, "cases",
           f"{Deadline.objects.count():,} timers in {time.perf_counter() - started:.1f} s")
    due = Deadline.objects.filter(fired_at=None, cancelled_at=None, due_at__lte=time_now()).count()
    print("  EXPLAIN of the sweep's batch query:")
    plan = _explain()
    print("    " + plan.replace("\n", "\n    "))
    report("sweep batch query uses the partial index", "yes" if "appeals_deadline_pending" in plan else "NO", "",
           "Index Scan on appeals_deadline_pending" if "appeals_deadline_pending" in plan else "NO INDEX: see plan")
    started = time.perf_counter()
    fired = sweep()
    elapsed = time.perf_counter() - started
    report(f"sweep over {OPEN_CASES:,} open cases, 1% due", elapsed, "s", f"fired {fired:,} of {due:,} ({fired / elapsed:,.0f}/s)")
    started = time.perf_counter()
    sweep()
    report("idle sweep (nothing due)", 1000 * (time.perf_counter() - started), "ms", f"{OPEN_CASES * 3:,} pending timers")


def time_now():
    from django.utils import timezone

    return timezone.now()
