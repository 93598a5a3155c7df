"""Building staff members from rows; a member listed once per team or post becomes one."""

from __future__ import annotations

import re

from portal.core.roster.columns import STAFF_NAME
from portal.core.roster.headers import Layout
from portal.core.roster.problems import RosterProblem, RosterRefused
from portal.core.roster.rosters import StaffMember, StaffRoster
from portal.core.roster.rows import Row, Seen


class StaffReader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.problems: list[RosterProblem] = []
        self.staff: dict[str, StaffMember] = {}
        self.seen = Seen("staff member", (*STAFF_NAME[1:], "email"))
        self.emails: dict[str, tuple[str, int]] = {}

    def add(self, row: Row) -> None:
        mis_id = row.required("staff_id")
        member = StaffMember(
            mis_id=mis_id,
            full_name=row.name(STAFF_NAME),
            email=row.email(),
            role=row.value("role"),
            teams=_teams(row),
            phone=row.value("phone"),
            title=row.value("title"),
            line=row.line,
        )
        if not mis_id:
            return
        if self.seen.check(row, mis_id):
            self._check_email_unique(row, member)
            self.staff[mis_id] = member
        else:
            self.staff[mis_id] = _merge(self.staff[mis_id], member)

    def _check_email_unique(self, row: Row, member: StaffMember) -> None:
        if member.email is None:
            return
        other = self.emails.setdefault(member.email, (member.mis_id, row.line))
        if other[0] != member.mis_id:
            row.flag(
                "email",
                f'"{member.email}" is also the email of staff member {other[0]} on line {other[1]}',
            )

    def finish(self) -> StaffRoster:
        if self.problems:
            raise RosterRefused(self.problems)
        return StaffRoster(
            staff=tuple(self.staff.values()),
            provided=frozenset(self.layout.index),
            ignored_columns=self.layout.ignored(),
        )


def _teams(row: Row) -> tuple[str, ...]:
    names = (" ".join(t.split()) for t in re.split(r"[;,|\n]", row.raw("teams")))
    teams = tuple(dict.fromkeys(n for n in names if n))
    for team in teams:
        if len(team) > 120:
            row.flag("teams", f'team "{team[:40]}…" is longer than 120 characters')
    return teams


def _merge(first: StaffMember, again: StaffMember) -> StaffMember:
    """A member listed once per team or post: keep every team and every role."""
    roles = dict.fromkeys(r for r in (first.role, again.role) if r)
    return StaffMember(
        mis_id=first.mis_id,
        full_name=first.full_name,
        email=first.email,
        role=", ".join(roles)[:120],
        teams=tuple(dict.fromkeys(first.teams + again.teams)),
        phone=first.phone or again.phone,
        title=first.title,
        line=first.line,
    )
