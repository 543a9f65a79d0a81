from celery import shared_task


@shared_task(name="cunwu.retention_sweep")
def retention_sweep():
    """Daily: anonymise the personal data each town keeps beyond its retention periods.
    Returns {town slug: records anonymised} (None for a town that failed as a whole)."""
    from .retention import sweep

    return {
        slug: None if runs is None else sum(run.count or 0 for run in runs)
        for slug, runs in sweep().items()
    }
