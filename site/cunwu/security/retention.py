"""How long personal data is kept. A plugin declares `retention` on its PluginConfig: a list of
RetentionRule; the core's task `cunwu.retention_sweep` runs each rule for each town that enabled the plugin,
with the town's own period (Settings → Town settings), and a dry run reports what it would anonymise."""

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class RetentionRule:
    key: str                  # unique per plugin, e.g. "closed_cases"
    description: str          # shown to the town admin, e.g. _("Personal details of closed cases")
    default_days: int         # the period when the town has not chosen one
    # anonymise(town, cutoff, dry_run) -> number of records affected (would be, in a dry run). Records whose
    # relevant moment is before `cutoff` lose their personal fields; the record itself stays.
    anonymise: Callable
