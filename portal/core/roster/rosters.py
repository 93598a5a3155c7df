"""The typed rows a file becomes: staff, or pupils with their contacts and the links."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RosterKind(StrEnum):
    STAFF = "staff"
    PUPILS = "pupils"


@dataclass(frozen=True, slots=True)
class StaffMember:
    mis_id: str
    full_name: str
    email: str | None
    role: str = ""
    teams: tuple[str, ...] = ()
    phone: str = ""
    title: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Pupil:
    mis_id: str
    full_name: str
    year_group: str
    form: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Contact:
    mis_id: str
    full_name: str
    email: str | None
    phone: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Guardianship:
    pupil_id: str
    contact_id: str
    relationship: str = ""
    parental_responsibility: bool = True
    priority: int = 1
    line: int = 0


@dataclass(frozen=True, slots=True)
class StaffRoster:
    staff: tuple[StaffMember, ...]
    provided: frozenset[str]
    """The fields the file has a column for; the import leaves the others as they are."""
    ignored_columns: tuple[str, ...] = ()

    @property
    def kind(self) -> RosterKind:
        return RosterKind.STAFF

    @property
    def without_email(self) -> tuple[StaffMember, ...]:
        return tuple(s for s in self.staff if s.email is None)


@dataclass(frozen=True, slots=True)
class PupilRoster:
    pupils: tuple[Pupil, ...]
    contacts: tuple[Contact, ...]
    guardianships: tuple[Guardianship, ...]
    provided: frozenset[str]
    ignored_columns: tuple[str, ...] = ()

    @property
    def kind(self) -> RosterKind:
        return RosterKind.PUPILS

    @property
    def without_email(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.email is None)

    @property
    def without_contacts(self) -> tuple[Pupil, ...]:
        linked = {g.pupil_id for g in self.guardianships}
        return tuple(p for p in self.pupils if p.mis_id not in linked)

    def pupils_by_contact(self) -> dict[str, list[Pupil]]:
        by_id = {p.mis_id: p for p in self.pupils}
        found: dict[str, list[Pupil]] = {}
        for link in self.guardianships:
            found.setdefault(link.contact_id, []).append(by_id[link.pupil_id])
        return found


Roster = StaffRoster | PupilRoster
