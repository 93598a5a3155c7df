"""What an import did, or would do, and the reasons it may refuse."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from portal.core import roster as core

# The tables of people, checked against partial exports; guardianships follow their people.
_PEOPLE = ("staff", "pupils", "parents")


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0


@dataclass
class ImportReport:
    kind: core.RosterKind
    tallies: dict[str, Tally]
    current: dict[str, int]
    """How many of each table were on the roll before the import (earlier leavers not counted)."""
    invitations_revoked: int = 0
    saved: bool = True

    @property
    def changed(self) -> bool:
        return any(t.added or t.updated or t.left for t in self.tallies.values())

    @property
    def leavers(self) -> list[core.Leavers]:
        return [
            core.Leavers(noun, tally.left, self.current[noun])
            for noun, tally in self.tallies.items()
            if noun in _PEOPLE
        ]

    @property
    def too_many_leavers(self) -> str | None:
        return core.leavers_refusal(self.leavers)

    def as_data(self) -> dict[str, Any]:
        tallies = {noun: asdict(tally) for noun, tally in self.tallies.items()}
        return {"kind": self.kind.value, **tallies, "invitations_revoked": self.invitations_revoked}


class UnknownSchool(LookupError):
    """No school has that slug; schools come from agreements/<slug>/school.yaml."""

    def __init__(self, slug: str, known: list[str]) -> None:
        super().__init__(
            f'no school "{slug}" (schools: {", ".join(known) or "none yet"}); a school is added '
            f"by giving it agreements/{slug}/school.yaml"
        )


class TooManyLeavers(Exception):
    """The file would mark so many people as left that it looks like a partial export."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(report.too_many_leavers)
