from celery import shared_task
from django.utils import timezone
from wagtail.log_actions import log

from cunwu.plugins import api

from .importer import ImportRefused, import_lines, read_rows
from .models import ImportJob

ERRORS_KEPT = 1000


@shared_task(name="disclosure.import_ledger")
def import_ledger(job_id):
    job = ImportJob.objects.select_related("ledger__village__town", "created_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.RUNNING)

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
