"""Building pupils, their contacts and the links between them from one-row-per-contact files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from portal.core.roster.columns import CONTACT_NAME, PUPIL_NAME
from portal.core.roster.headers import Layout
from portal.core.roster.problems import RosterProblem, RosterRefused
from portal.core.roster.rosters import Contact, Guardianship, Pupil, PupilRoster
from portal.core.roster.rows import Row, Seen
from portal.core.roster.values import year_group

_CONTACT_FIELDS = ("contact_id", *CONTACT_NAME, "email", "phone", "relationship")


class PupilReader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.problems: list[RosterProblem] = []
        self.pupils: dict[str, Pupil] = {}
        self.contacts: dict[str, Contact] = {}
        self.links: dict[tuple[str, str], Guardianship] = {}
        self.pupil_seen = Seen("pupil", (*PUPIL_NAME[1:], "year_group", "form"))
        self.contact_seen = Seen("contact", (*CONTACT_NAME[1:], "email", "phone"))
        self.link_seen = Seen(
            "this pupil–contact pair", ("relationship", "parental_responsibility", "priority")
        )

    def add(self, row: Row) -> None:
        pupil = self._pupil(row)
        if not any(row.raw(f) for f in _CONTACT_FIELDS):
            return  # a pupil listed without any contact
        contact = Contact(
            mis_id=row.required("contact_id"),
            full_name=row.name(CONTACT_NAME),
            email=row.email(),
            phone=row.value("phone"),
            line=row.line,
        )
        if contact.mis_id and self.contact_seen.check(row, contact.mis_id):
            self.contacts[contact.mis_id] = contact
        if pupil is not None and contact.mis_id:
            self._link(row, pupil, contact)

    def _pupil(self, row: Row) -> Pupil | None:
        mis_id, name, given = (
            row.required("pupil_id"),
            row.name(PUPIL_NAME),
            row.required("year_group"),
        )
        year = year_group(given)
        if year is None and given:
            row.flag(
                "year_group",
                f'"{given}" is not a year group (e.g. "Year 4", "Y4", "4", "Reception")',
            )
        pupil = Pupil(mis_id, name, year or "", row.value("form"), row.line)
        if not mis_id:
            return None
        if self.pupil_seen.check(row, mis_id):
            self.pupils[mis_id] = pupil
        return pupil

    def _link(self, row: Row, pupil: Pupil, contact: Contact) -> None:
        link = Guardianship(
            pupil_id=pupil.mis_id,
            contact_id=contact.mis_id,
            relationship=row.value("relationship"),
            parental_responsibility=row.yes_no("parental_responsibility"),
            priority=_priority(row),
            line=row.line,
        )
        if self.link_seen.check(row, f"{pupil.mis_id}/{contact.mis_id}"):
            self.links[(pupil.mis_id, contact.mis_id)] = link

    def finish(self) -> PupilRoster:
        if self.problems:
            raise RosterRefused(self.problems)
        return PupilRoster(
            pupils=tuple(self.pupils.values()),
            contacts=tuple(self.contacts.values()),
            guardianships=tuple(_number_priorities(self.links.values())),
            provided=frozenset(self.layout.index),
            ignored_columns=self.layout.ignored(),
        )


def _priority(row: Row) -> int:
    """0 stands for "not given"; the file's order among the pupil's contacts fills it in."""
    value = row.value("priority")
    if value.isdigit() and int(value) > 0:
        return int(value)
    if value:
        row.flag("priority", f'"{value}" is not a whole number (1 = first contact)')
    return 0


def _number_priorities(links: Iterable[Guardianship]) -> Iterator[Guardianship]:
    position: dict[str, int] = {}
    for link in links:
        position[link.pupil_id] = position.get(link.pupil_id, 0) + 1
        yield link if link.priority else replace(link, priority=position[link.pupil_id])
