"""Completion counted by the database: one aggregate query per agreement, whatever the head count.

Each subject (a member of staff, or a pupil for parent agreements) gets a rank from its latest
signature, compared with instants the caller computed from `core.completion.Boundaries`:

    0 never signed, 1 superseded, 2 overdue, 3 due soon, 4 current.

"Latest" follows `renewals.standing()`: the signature of the newest version first, then the most
recent. Versions are grouped by effective date, newest first; per subject the query takes the last
signing time within each group (`s0`, `s1`, …), and the first non-null of those is the latest.
"""

from portal.store.completion.catalog import agreements, teams
from portal.store.completion.counting import counts, counts_sql, school_counts, school_totals
from portal.store.completion.rows import (
    AgreementRow,
    CountRow,
    Filter,
    Spec,
    SubjectRow,
    VersionRow,
)
from portal.store.completion.subjects import count_subjects, subjects

__all__ = [
    "AgreementRow",
    "CountRow",
    "Filter",
    "Spec",
    "SubjectRow",
    "VersionRow",
    "agreements",
    "count_subjects",
    "counts",
    "counts_sql",
    "school_counts",
    "school_totals",
    "subjects",
    "teams",
]
