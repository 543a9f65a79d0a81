"""This month's figures for the core statistics block."""

from django.utils.translation import gettext as _

from cunwu.plugins import api
from cunwu.plugins.api import Figure

from .models import Case, Rating, Satisfaction

SATISFIED = (Satisfaction.VERY, Satisfaction.SATISFIED, Satisfaction.BASIC)


def month_start(town, now=None):
    """The first moment of this month in the town's zone."""
    today = api.town_localtime(town, now).date()
    return api.town_month_bounds(town, today.year, today.month)[0]


def figures(town):
    """Satisfaction counts only ratings given: a case closed unrated is neither satisfied nor unsatisfied."""
    since = month_start(town)
    cases = Case.objects.filter(town=town)
    received = cases.filter(created_at__gte=since).count()
    resolved = cases.filter(resolved_at__gte=since).count()
    ratings = Rating.objects.filter(case__town=town, at__gte=since)
    rated = ratings.count()
    satisfied = ratings.filter(overall__in=SATISFIED).count()
    rate = round(100 * satisfied / rated) if rated else "—"
    return [
        Figure(_("Appeals received this month"), received, _("cases")),
        Figure(_("Appeals resolved this month"), resolved, _("cases")),
        Figure(_("Satisfaction this month"), rate, "%" if rated else ""),
    ]
