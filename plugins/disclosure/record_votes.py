"""Quorum and majority of a step's vote (e.g. 村民代表会议: at least 2/3 of the representatives present, more than
half of those present for), counted in exact fractions so that exactly 2/3 passes and one fewer fails."""

import math

from django.utils.translation import gettext as _

from .power_models import MajorityRule, share

FIGURES = ("members", "present", "for", "against")


def _counts(figures):
    try:
        counts = {name: int(figures[name]) for name in FIGURES}
    except (KeyError, TypeError, ValueError):
        return None
    return counts if all(value >= 0 for value in counts.values()) else None


def vote_problem(step, figures):
    """The Chinese reason the figures do not carry the vote `step` (a matter's Step) requires, or None."""
    quorum, majority = share(step.quorum), share(step.majority)
    if quorum is None and majority is None:
        return None
    counts = _counts(figures or {})
    if counts is None:
        return _("“%(title)s” needs its vote figures: members, present, for and against.") % {"title": step.title}
    members, present, votes_for = counts["members"], counts["present"], counts["for"]
    if not 0 < present <= members or votes_for + counts["against"] > present:
        return _("The vote figures do not add up: %(present)s present of %(members)s members, %(for)s for and "
                 "%(against)s against.") % counts
    if quorum is not None and present < members * quorum:
        return _("Quorum not met: %(present)s of %(members)s members present; at least %(share)s, that is "
                 "%(needed)s, must attend.") % {**counts, "share": step.quorum, "needed": math.ceil(members * quorum)}
    if majority is None:
        return None
    if step.majority_rule == MajorityRule.AT_LEAST:
        if votes_for < present * majority:
            return _("Majority not reached: %(for)s of the %(present)s present voted for; at least %(share)s of "
                     "them, that is %(needed)s, must vote for.") % {
                **counts, "share": step.majority, "needed": math.ceil(present * majority)}
    elif votes_for <= present * majority:
        return _("Majority not reached: %(for)s of the %(present)s present voted for; more than %(share)s of them, "
                 "that is at least %(needed)s, must vote for.") % {
            **counts, "share": step.majority, "needed": math.floor(present * majority) + 1}
    return None
