from celery import shared_task

from cunwu.plugins.api import town_periodic_task


@shared_task(name="appeals.deadline_sweep")
def deadline_sweep():
    """Every minute: fire due escalation timers, each exactly once."""
    from .deadlines import sweep

    return sweep()


@town_periodic_task("appeals")
def _close_unrated(town):
    from .workflow import close_unrated as close

    return close(town)


@shared_task(name="appeals.close_unrated")
def close_unrated():
    """Hourly: resolved cases without a rating after the town's limit (7 days by default) close as not rated."""
    return _close_unrated()
