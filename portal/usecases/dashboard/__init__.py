"""Completion for the office: who has signed each agreement, by group, down to the person.

Counts come from `store.completion` (one aggregate query per agreement); the date rules come from
`core.completion.boundaries`, which derives them from `core.renewals`.
"""

from portal.core.renewals import DEFAULT_DUE_SOON_DAYS
from portal.usecases.dashboard.export import export_csv, safe_cell
from portal.usecases.dashboard.listing import people
from portal.usecases.dashboard.plans import local_today
from portal.usecases.dashboard.results import (
    NO_TEAM,
    STATUS_LABELS,
    Adult,
    Completion,
    Group,
    People,
    PeopleFilter,
    Row,
    SchoolRollup,
    Tally,
)
from portal.usecases.dashboard.totals import agreement_completion, school_completion, trust_rollup

__all__ = [
    "DEFAULT_DUE_SOON_DAYS",
    "NO_TEAM",
    "STATUS_LABELS",
    "Adult",
    "Completion",
    "Group",
    "People",
    "PeopleFilter",
    "Row",
    "SchoolRollup",
    "Tally",
    "agreement_completion",
    "export_csv",
    "local_today",
    "people",
    "safe_cell",
    "school_completion",
    "trust_rollup",
]
