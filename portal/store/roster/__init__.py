"""Applying a parsed roster to one school: update in place by MIS id, mark leavers, never delete.

Every import is one transaction with one audit entry. Each table is read once per import and
written in bulk, so a 10,000-row file costs a few dozen queries, not several per row. A file that
would mark too many people as left is taken for a partial export and refused (see core.Leavers).
"""

from portal.store.roster.importing import import_roster
from portal.store.roster.report import ImportReport, Tally, TooManyLeavers, UnknownSchool
from portal.store.roster.summary import LastImport, RosterSummary, roster_summary

__all__ = [
    "ImportReport",
    "LastImport",
    "RosterSummary",
    "Tally",
    "TooManyLeavers",
    "UnknownSchool",
    "import_roster",
    "roster_summary",
]
