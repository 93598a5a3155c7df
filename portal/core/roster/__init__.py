"""Reading a school's roster export (CSV from SIMS, Arbor, Bromcom …) into typed rows.

Headers vary between systems, so every field has aliases. The file is checked as a whole:
any bad row refuses all of it, with every problem listed, so the office fixes the export once.
"""

from portal.core.roster.columns import COLUMNS, PUPIL_COLUMNS, STAFF_COLUMNS, Column
from portal.core.roster.headers import IGNORE, normalise_header
from portal.core.roster.leavers import LEAVERS_RULE, Leavers, leavers_refusal
from portal.core.roster.problems import RosterProblem, RosterRefused
from portal.core.roster.reading import NO_ROWS, Progress, decode, read_roster
from portal.core.roster.rosters import (
    Contact,
    Guardianship,
    Pupil,
    PupilRoster,
    Roster,
    RosterKind,
    StaffMember,
    StaffRoster,
)
from portal.core.roster.values import year_group

__all__ = [
    "COLUMNS",
    "IGNORE",
    "LEAVERS_RULE",
    "NO_ROWS",
    "PUPIL_COLUMNS",
    "STAFF_COLUMNS",
    "Column",
    "Contact",
    "Guardianship",
    "Leavers",
    "Progress",
    "Pupil",
    "PupilRoster",
    "Roster",
    "RosterKind",
    "RosterProblem",
    "RosterRefused",
    "StaffMember",
    "StaffRoster",
    "decode",
    "leavers_refusal",
    "normalise_header",
    "read_roster",
    "year_group",
]
