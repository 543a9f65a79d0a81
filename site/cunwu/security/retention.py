"""How long personal data is kept. A plugin declares `retention` on its PluginConfig: a list of
RetentionRule; the core's task `cunwu.retention_sweep` runs each rule for each town that enabled the plugin,
with the town's own period (Settings → Personal data retention), and a dry run reports what it would anonymise."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("cunwu.retention")

#: The shortest period a town may choose: cases are reopened, appealed and audited for months after closing.
MIN_DAYS = 180


@dataclass(frozen=True)
class RetentionRule:
    key: str                  # unique per plugin, e.g. "closed_cases"
    description: str          # shown to the town admin, e.g. _("Personal details of closed cases")
    default_days: int         # the period when the town has not chosen one
    # anonymise(town, cutoff, dry_run) -> number of records affected (would be, in a dry run). Records whose
    # relevant moment is before `cutoff` lose their personal fields; the record itself stays.
    anonymise: Callable


def town_rules(town):
    """(plugin config, rule, days) for every rule of the plugins `town` enabled, with the town's period."""
    from cunwu.plugins.registry import enabled_plugins, retention_rules

    from .models import RetentionPolicy

    chosen = {(p.plugin, p.rule): p.days for p in RetentionPolicy.objects.filter(town=town)}
    return [
        (config, rule, chosen.get((config.label, rule.key), rule.default_days))
        for config in enabled_plugins(town) for rule in retention_rules(config)
    ]


def run_rule(town, config, rule, days, dry_run=False, now=None, username=""):
    """Run one rule for one town and store its RetentionRun. A failing rule is logged and stored with its error;
    what it changed is rolled back. A dry run is rolled back too, so even a rule that ignores `dry_run` changes
    nothing."""
    from .models import RetentionRun

    cutoff = (now or timezone.now()) - timedelta(days=days)
    count, error = None, ""
    try:
        with transaction.atomic():
            count = int(rule.anonymise(town, cutoff, dry_run=dry_run))
            if dry_run:
                transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001 - one rule's failure must not stop the town's other rules
        error = type(exc).__name__
        logger.exception("retention rule %s.%s failed for town %s", config.label, rule.key, town.slug)
    return RetentionRun.objects.create(
        town=town, plugin=config.label, rule=rule.key, days=days, cutoff=cutoff, count=count, error=error,
        dry_run=dry_run, username=username,
    )


def sweep_town(town, dry_run=False, now=None, username=""):
    now = now or timezone.now()
    return [run_rule(town, config, rule, days, dry_run, now, username) for config, rule, days in town_rules(town)]


def sweep(towns=None, dry_run=False):
    """{town slug: [RetentionRun]} for every town (or `towns`); a town whose rules cannot even be listed is
    logged and skipped, the others still run."""
    from cunwu.plugins.api import for_each_town
    from cunwu.towns.models import Town

    def retention_sweep(town):
        return sweep_town(town, dry_run=dry_run)

    return for_each_town(Town.objects.all() if towns is None else towns, retention_sweep)
