from celery import shared_task

from .counter import get_counter


@shared_task(name="cunwu.visits.flush")
def flush_visits():
    return get_counter().flush()
