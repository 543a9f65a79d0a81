import logging

from django.core.mail import send_mail
from django.db import transaction

from cunwu.towns.links import town_url

from .models import Notification

logger = logging.getLogger(__name__)


def notify(town, roles, subject, body, url=""):
    """Put a notice in the admin inbox of each active staff member of `roles`, and e-mail those with an address."""
    recipients = list(town.members(*roles))
    Notification.objects.bulk_create(
        [Notification(town=town, recipient=user, subject=subject, body=body, url=url) for user in recipients]
    )
    addresses = [user.email for user in recipients if user.email]
    if addresses:
        # An e-mail is read outside the site: its link must carry the town's canonical address.
        link = town_url(town, url) if url else ""
        transaction.on_commit(lambda: _mail(subject, body, link, addresses))
    return len(recipients)


def _mail(subject, body, url, addresses):
    try:
        send_mail(subject, f"{body}\n\n{url}".strip(), None, addresses, fail_silently=False)
    except OSError:
        logger.exception("could not e-mail a notification to %d staff", len(addresses))
