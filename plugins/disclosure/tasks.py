import datetime
import logging

from celery import shared_task
from django.utils import timezone
from wagtail.log_actions import log

from cunwu.plugins import api

from .importer import ImportRefused, import_lines, read_rows
from .models import ImportJob

ERRORS_KEPT = 1000
# A job still waiting this long was never queued (the broker was down when it was saved): the sweep runs it.
STALE_AFTER = datetime.timedelta(minutes=2)

logger = logging.getLogger(__name__)


def queue_import(job_id):
    """Queue a saved import; with the broker down the job stays waiting and the import sweep runs it later."""
    try:
        import_ledger.delay(job_id)
    except Exception:
        logger.warning("could not queue ledger import %s; the import sweep will run it", job_id, exc_info=True)


@shared_task(name="disclosure.import_ledger")
def import_ledger(job_id):
    # Claimed by a conditional update: the queued task and the sweep may both reach a job, only one runs it.
    if not ImportJob.objects.filter(pk=job_id, state=ImportJob.State.PENDING).update(state=ImportJob.State.RUNNING):
        return "taken"
    job = ImportJob.objects.select_related("ledger__village__town", "created_by").get(pk=job_id)

    def progress(count, phase):
        ImportJob.objects.filter(pk=job_id).update(processed=count, phase=phase)

    try:
        with job.upload.open("rb") as handle:
            rows = read_rows(job.filename, handle.read())
        result = import_lines(job.ledger, rows, job.mapping, progress=progress)
    except ImportRefused as refused:
        ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.FAILED, message=str(refused), finished_at=timezone.now())
        return "refused"
    state = ImportJob.State.DONE if result.ok else ImportJob.State.FAILED
    ImportJob.objects.filter(pk=job_id).update(
        state=state, processed=result.total, created=result.created, error_count=len(result.errors),
        errors=[list(error) for error in result.errors[:ERRORS_KEPT]], finished_at=timezone.now(),
    )
    if result.ok:
        log(job.ledger, "disclosure.import", user=job.created_by, data={"rows": result.created, "file": job.filename})
    return state


@shared_task(name="disclosure.import_sweep")
def import_sweep(now=None):
    """Run the imports that were saved but never queued; returns how many ran."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = ImportJob.objects.filter(state=ImportJob.State.PENDING, created_at__lt=cutoff).order_by("created_at")
    ran = 0
    for job_id in stale.values_list("pk", flat=True)[:5]:
        try:
            ran += import_ledger(job_id) != "taken"
        except Exception:
            logger.exception("ledger import %s failed in the sweep", job_id)
    return ran


@api.town_periodic_task("disclosure")
def _publication_sweep(town):
    from .publication import sweep_town

    return sweep_town(town)


@shared_task(name="disclosure.publication_sweep")
def publication_sweep():
    return _publication_sweep()


@api.town_periodic_task("disclosure")
def _lease_sweep(town):
    from .leases import sweep_leases

    return sweep_leases(town)


@shared_task(name="disclosure.lease_sweep")
def lease_sweep():
    return _lease_sweep()


@api.town_periodic_task("disclosure")
def _record_warning_sweep(town):
    from .record_warnings import sweep_town

    return sweep_town(town)


@shared_task(name="disclosure.record_warning_sweep")
def record_warning_sweep():
    """Mark the steps past their time limit overdue, then raise each one's early warning (once)."""
    from .record_gate import mark_overdue

    mark_overdue()
    return _record_warning_sweep()
