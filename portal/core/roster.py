"""Reading a school's roster export (CSV from SIMS, Arbor, Bromcom …) into typed rows.

Headers vary between systems, so every field has aliases. The file is checked as a whole:
any bad row refuses all of it, with every problem listed, so the office fixes the export once.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

IGNORE = "ignore"
NO_ROWS = "the file has no rows under the header; importing it would mark everyone as left"


class RosterKind(StrEnum):
    STAFF = "staff"
    PUPILS = "pupils"


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    description: str
    aliases: tuple[str, ...]
    limit: int = 200


def _columns(table: str) -> tuple[Column, ...]:
    """One field per line: `field/longest description: Header | Other Header | …`."""
    columns = []
    for entry in re.split(r"\n(?! )", table.strip()):
        head, aliases = entry.split(":", 1)
        field, rest = head.split("/", 1)
        limit, description = rest.split(" ", 1)
        names = tuple(" ".join(a.split()) for a in aliases.split("|"))
        columns.append(Column(field, description, names, int(limit)))
    return tuple(columns)


# When a file has several headers for one field, the earliest in its list wins.
_STAFF_HEADERS = """
staff_id/64 the staff member's MIS id: MIS ID | Staff MIS ID | Staff ID | Person ID |
    Employee ID | Employee Number | Staff Number | Payroll Number | ID
title/32 title: Title
forename/200 forename: Forename | Legal Forename | First Name | Legal First Name | Given Name |
    Preferred Forename | Preferred First Name
surname/200 surname: Surname | Legal Surname | Last Name | Legal Last Name | Family Name |
    Preferred Surname | Preferred Last Name
name/200 full name: Full Name | Name | Staff Name | Display Name
email/254 email: Email | Email Address | Primary Email | Work Email | School Email | Staff Email |
    Contact Email | Main Email
role/120 role: Role | Job Title | Staff Role | Post | Position | Roles
teams/120 staff teams: Staff Teams | Staff Team | Teams | Team | Staff Groups | Staff Group |
    Departments | Department
phone/64 phone: Mobile | Mobile Phone | Mobile Number | Work Mobile | Phone | Telephone |
    Work Phone
"""
_PUPIL_HEADERS = """
pupil_id/64 the pupil's MIS id: Pupil MIS ID | Student MIS ID | Pupil ID | Student ID |
    Learner ID | Pupil Person ID | MIS ID | UPN | Unique Pupil Number | Admission Number |
    Admission No | Adno | Pupil Adno
pupil_forename/200 the pupil's forename: Forename | Legal Forename | First Name |
    Legal First Name | Pupil Forename | Pupil First Name | Student Forename | Student First Name |
    Preferred Forename | Preferred First Name
pupil_surname/200 the pupil's surname: Surname | Legal Surname | Last Name | Legal Last Name |
    Pupil Surname | Pupil Last Name | Student Surname | Student Last Name | Preferred Surname |
    Preferred Last Name
pupil_name/200 the pupil's full name: Pupil Name | Student Name | Child Name | Pupil Full Name |
    Student Full Name
year_group/32 year group: Year Group | Year | Yr | NC Year | National Curriculum Year |
    Curriculum Year | Year Taught In
form/32 registration group: Reg Group | Registration Group | Reg | Form | Form Group |
    Tutor Group | Class | Registration Class | Reg Form
contact_id/64 the contact's MIS id: Contact MIS ID | Contact ID | Contact Person ID |
    Contact Number | Parent ID | Parent MIS ID | Guardian ID | Carer ID
contact_title/32 the contact's title: Contact Title | Title | Parent Title
contact_forename/200 the contact's forename: Contact Forename | Contact Legal Forename |
    Contact First Name | Parent Forename | Parent First Name | Guardian Forename |
    Guardian First Name
contact_surname/200 the contact's surname: Contact Surname | Contact Legal Surname |
    Contact Last Name | Parent Surname | Parent Last Name | Guardian Surname |
    Guardian Last Name
contact_name/200 the contact's full name: Contact Name | Contact Full Name | Parent Name |
    Parent/Carer Name | Guardian Name | Carer Name
relationship/64 relationship: Relationship | Relationship to Pupil | Relationship to Student |
    Relationship to Child | Contact Relationship | Relation
parental_responsibility/200 parental responsibility: Parental Responsibility |
    Has Parental Responsibility | Parental Resp | PR
priority/200 contact priority: Priority | Contact Priority | Priority Order | Contact Order |
    Order
email/254 the contact's email: Email | Email Address | Primary Email | Contact Email |
    Contact Email Address | Contact Primary Email | Parent Email | Main Email
phone/64 the contact's phone: Mobile | Mobile Phone | Mobile Number | Contact Mobile | Phone |
    Telephone | Contact Telephone | Contact Phone | Primary Telephone
"""
STAFF_COLUMNS = _columns(_STAFF_HEADERS)
PUPIL_COLUMNS = _columns(_PUPIL_HEADERS)
COLUMNS = {RosterKind.STAFF: STAFF_COLUMNS, RosterKind.PUPILS: PUPIL_COLUMNS}
_LIMITS = {c.field: c.limit for c in (*STAFF_COLUMNS, *PUPIL_COLUMNS)}
_REQUIRED = {
    RosterKind.STAFF: ("staff_id",),
    RosterKind.PUPILS: ("pupil_id", "year_group", "contact_id"),
}
# Name fields: (title, forename, surname, full name); a file needs the surname or the full name.
_STAFF_NAME = ("title", "forename", "surname", "name")
_PUPIL_NAME = ("", "pupil_forename", "pupil_surname", "pupil_name")
_CONTACT_NAME = ("contact_title", "contact_forename", "contact_surname", "contact_name")
_CONTACT_FIELDS = ("contact_id", *_CONTACT_NAME, "email", "phone", "relationship")


@dataclass(frozen=True, slots=True)
class RosterProblem:
    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        where = f'line {self.line}, column "{self.column}"' if self.column else f"line {self.line}"
        return f"{where}: {self.problem}"


class RosterRefused(ValueError):
    """The file cannot be imported as it stands; `problems` lists every bad row."""

    def __init__(self, problems: list[RosterProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        super().__init__("\n".join(str(p) for p in self.problems))


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
Progress = Callable[[int, int], None]


def read_roster(
    data: bytes,
    *,
    kind: RosterKind | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Roster:
    """Parse a whole export; raises RosterRefused naming every problem, so nothing half-imports."""
    if data.startswith(b"PK\x03\x04"):
        raise RosterRefused([RosterProblem(1, "", _WORKBOOK)])
    records = _records(decode(data))
    if not records:
        raise RosterRefused([RosterProblem(1, "", "the file is empty")])
    layout = _layout(records[0][1], kind, mapping or {})
    rows = records[1:]
    if not rows:
        raise RosterRefused([RosterProblem(2, "", NO_ROWS)])
    reader = _StaffReader(layout) if layout.kind is RosterKind.STAFF else _PupilReader(layout)
    for done, (line, cells) in enumerate(rows, 1):
        reader.add(_Row(line, cells, layout, reader.problems))
        if progress is not None and (done % 500 == 0 or done == len(rows)):
            progress(done, len(rows))
    return reader.finish()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as Excel saves on UK PCs."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 keeps them rather than failing.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def normalise_header(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


_WORKBOOK = "this is an Excel workbook, not CSV: in Excel choose Save As → CSV UTF-8"


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Rows numbered as a spreadsheet shows them (header = 1); blank rows are skipped."""
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", "\t", ";"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for n, cells in enumerate(reader, 1):
            if any(c.strip() for c in cells):
                records.append((n, cells))
    except csv.Error as exc:
        raise RosterRefused(
            [RosterProblem(len(records) + 1, "", f"is not valid CSV: {exc}")]
        ) from None
    return records


@dataclass(frozen=True, slots=True)
class _Layout:
    kind: RosterKind
    headers: tuple[str, ...]
    index: dict[str, int]

    def header(self, field: str) -> str:
        return self.headers[self.index[field]] if field in self.index else ""


def _layout(headers: list[str], kind: RosterKind | None, mapping: Mapping[str, str]) -> _Layout:
    headers = [" ".join(h.split()) for h in headers]
    problems: list[RosterProblem] = []
    chosen = kind or _detect(headers, mapping)
    if chosen is None:
        problems.append(
            RosterProblem(
                1,
                "",
                (
                    "cannot tell a staff file from a pupils-with-contacts file from these headers; "
                    "give --kind staff or --kind pupils"
                ),
            )
        )
        raise RosterRefused(problems)
    index = _resolve(headers, chosen, mapping, problems)
    layout = _Layout(chosen, tuple(headers), index)
    problems += _missing_columns(layout)
    if problems:
        raise RosterRefused(problems)
    return layout


def _detect(headers: list[str], mapping: Mapping[str, str]) -> RosterKind | None:
    pupil_fields = _resolve(headers, RosterKind.PUPILS, mapping, [])
    if {"contact_id", "year_group"} & pupil_fields.keys():
        return RosterKind.PUPILS
    if "staff_id" in _resolve(headers, RosterKind.STAFF, mapping, []):
        return RosterKind.STAFF
    return None


def _resolve(
    headers: list[str],
    kind: RosterKind,
    mapping: Mapping[str, str],
    problems: list[RosterProblem],
) -> dict[str, int]:
    """Which column gives each field: --map first, then the earliest alias in each list."""
    positions = {}
    for position, header in enumerate(headers):
        positions.setdefault(normalise_header(header), position)
    index: dict[str, int] = {}
    known = {c.field for c in COLUMNS[kind]}
    for theirs, field in mapping.items():
        if field != IGNORE and field not in known:
            problems.append(
                RosterProblem(
                    1,
                    theirs,
                    (
                        f'--map names "{field}", which is not a {kind} field '
                        f"(fields: {', '.join(sorted(known))}, {IGNORE})"
                    ),
                )
            )
        elif normalise_header(theirs) not in positions:
            problems.append(RosterProblem(1, theirs, "--map names a column the file does not have"))
        elif field != IGNORE:
            index[field] = positions[normalise_header(theirs)]
    taken = set(index.values()) | {positions.get(normalise_header(t), -1) for t in mapping}
    for column in COLUMNS[kind]:
        for alias in column.aliases:
            position = positions.get(normalise_header(alias))
            if column.field not in index and position is not None and position not in taken:
                index[column.field] = position
                taken.add(position)
    return index


def _missing_columns(layout: _Layout) -> list[RosterProblem]:
    wanted = [(f,) for f in _REQUIRED[layout.kind]]
    names = [_STAFF_NAME] if layout.kind is RosterKind.STAFF else [_PUPIL_NAME, _CONTACT_NAME]
    wanted += [(name[2], name[3]) for name in names]
    return [
        RosterProblem(1, "", _no_column(fields))
        for fields in wanted
        if not set(fields) & layout.index.keys()
    ]


def _no_column(fields: tuple[str, ...]) -> str:
    columns = {c.field: c for c in (*STAFF_COLUMNS, *PUPIL_COLUMNS)}
    what = " or ".join(columns[f].description for f in fields)
    accepted = ", ".join(f'"{a}"' for f in fields for a in columns[f].aliases[:3])
    return f'no column gives {what} (e.g. {accepted}; or --map "Your Header={fields[0]}")'


class _Row:
    def __init__(
        self, line: int, cells: list[str], layout: _Layout, problems: list[RosterProblem]
    ) -> None:
        self.line, self.cells, self.layout, self.problems = line, cells, layout, problems
        if len(cells) > len(layout.headers) and any(
            c.strip() for c in cells[len(layout.headers) :]
        ):
            self.flag(
                "", f"has {len(cells)} values but the header has {len(layout.headers)} columns"
            )

    def raw(self, field: str) -> str:
        position = self.layout.index.get(field)
        if position is None or position >= len(self.cells):
            return ""
        value = self.cells[position].strip()
        # Excel users keep leading zeros by exporting ="00123".
        quoted = re.fullmatch(r'="(.*)"', value, re.DOTALL)
        return quoted.group(1).strip() if quoted else value

    def text(self, field: str) -> str:
        return " ".join(self.raw(field).split())

    def value(self, field: str) -> str:
        """The cell with its whitespace tidied, flagged when too long to store."""
        value = self.text(field)
        if len(value) > _LIMITS[field]:
            self.flag(field, f"is longer than {_LIMITS[field]} characters")
        return value

    def flag(self, field: str, problem: str) -> None:
        column = self.layout.header(field) if field else ""
        self.problems.append(RosterProblem(self.line, column, problem))

    def required(self, field: str) -> str:
        value = self.value(field)
        if not value:
            self.flag(field, "is empty but required")
        return value

    def email(self) -> str | None:
        value = self.value("email").lower()
        if value and not _EMAIL.fullmatch(value):
            self.flag("email", f'"{value}" is not an email address')
        return value or None

    def name(self, fields: tuple[str, str, str, str]) -> str:
        title, forename, surname, full = (self.value(f) if f else "" for f in fields)
        if forename and surname:
            return f"{forename} {surname}"
        if full:
            return _surname_first(full)
        if surname:
            return f"{title} {surname}".strip()
        self.flag(
            fields[2] if fields[2] in self.layout.index else fields[3], "is empty but required"
        )
        return ""


_EMAIL = re.compile(r"[^@\s,;:<>()\[\]\"]+@(?:[\w-]+\.)+[\w-]{2,}")


def _surname_first(name: str) -> str:
    """SIMS prints "Smith, Jane"; everywhere else wants "Jane Smith"."""
    if name.count(",") == 1:
        surname, forename = (part.strip() for part in name.split(","))
        return f"{forename} {surname}".strip()
    return name


_NURSERY = {"n", "n1", "n2", "nursery", "nursery1", "nursery2", "f1", "fs1"}
_RECEPTION = {"r", "rec", "reception", "yr", "yearr", "f2", "fs2", "0", "y0", "year0"}
_SIXTH = {"l6": 12, "lowersixth": 12, "lower6th": 12, "u6": 13, "uppersixth": 13, "upper6th": 13}
_YEAR = re.compile(r"(?:year|yr|y|ncyear|ncy|nc)?0*(\d{1,2})")


def year_group(value: str) -> str | None:
    """ "Year 4", "Y4", "4", "Yr 04" → "Year 4"; also Nursery, Reception and the sixth form."""
    key = normalise_header(value)
    if key in _NURSERY:
        return "Nursery"
    if key in _RECEPTION:
        return "Reception"
    if key in _SIXTH:
        return f"Year {_SIXTH[key]}"
    match = _YEAR.fullmatch(key)
    if match and 1 <= int(match.group(1)) <= 13:
        return f"Year {int(match.group(1))}"
    return None


_YES = {"yes", "y", "true", "t", "1"}
_NO = {"no", "n", "false", "f", "0", ""}


def _yes_no(row: _Row, field: str) -> bool:
    """Without the column everyone counts as Yes; a blank cell is an unticked box: No."""
    if field not in row.layout.index:
        return True
    value = row.text(field)
    if value.casefold() not in _YES | _NO:
        row.flag(field, f'"{value}" is not Yes or No')
    return value.casefold() in _YES


def _teams(row: _Row) -> tuple[str, ...]:
    names = (" ".join(t.split()) for t in re.split(r"[;,|\n]", row.raw("teams")))
    teams = tuple(dict.fromkeys(n for n in names if n))
    for team in teams:
        if len(team) > 120:
            row.flag("teams", f'team "{team[:40]}…" is longer than 120 characters')
    return teams


class _Seen:
    """The first row giving each id, so a later row that disagrees is named with both lines."""

    def __init__(self, noun: str, fields: tuple[str, ...]) -> None:
        self.noun, self.fields = noun, fields
        self.first: dict[str, tuple[int, dict[str, str]]] = {}

    def check(self, row: _Row, mis_id: str) -> bool:
        """True the first time an id is seen; afterwards, flags every field that differs."""
        values = {f: row.text(f) for f in self.fields if f in row.layout.index}
        if mis_id not in self.first:
            self.first[mis_id] = (row.line, values)
            return True
        line, before = self.first[mis_id]
        for field, value in values.items():
            if _same_key(field, value) != _same_key(field, before[field]):
                row.flag(
                    field,
                    (
                        f'{self.noun} {mis_id} has "{value}" here but "{before[field]}" '
                        f"on line {line}"
                    ),
                )
        return False


def _same_key(field: str, value: str) -> str:
    if field == "phone":
        return re.sub(r"\D", "", value)
    if field == "year_group":
        return year_group(value) or value
    if field == "parental_responsibility":
        return str(value.casefold() in _YES)
    if field == "priority":
        return value.lstrip("0")
    return value.casefold()


class _StaffReader:
    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.problems: list[RosterProblem] = []
        self.staff: dict[str, StaffMember] = {}
        self.seen = _Seen("staff member", (*_STAFF_NAME[1:], "email"))
        self.emails: dict[str, tuple[str, int]] = {}

    def add(self, row: _Row) -> None:
        mis_id = row.required("staff_id")
        member = StaffMember(
            mis_id=mis_id,
            full_name=row.name(_STAFF_NAME),
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

    def _check_email_unique(self, row: _Row, member: StaffMember) -> None:
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
            ignored_columns=_ignored(self.layout),
        )


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


class _PupilReader:
    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.problems: list[RosterProblem] = []
        self.pupils: dict[str, Pupil] = {}
        self.contacts: dict[str, Contact] = {}
        self.links: dict[tuple[str, str], Guardianship] = {}
        self.pupil_seen = _Seen("pupil", (*_PUPIL_NAME[1:], "year_group", "form"))
        self.contact_seen = _Seen("contact", (*_CONTACT_NAME[1:], "email", "phone"))
        self.link_seen = _Seen(
            "this pupil–contact pair", ("relationship", "parental_responsibility", "priority")
        )

    def add(self, row: _Row) -> None:
        pupil = self._pupil(row)
        if not any(row.raw(f) for f in _CONTACT_FIELDS):
            return  # a pupil listed without any contact
        contact = Contact(
            mis_id=row.required("contact_id"),
            full_name=row.name(_CONTACT_NAME),
            email=row.email(),
            phone=row.value("phone"),
            line=row.line,
        )
        if contact.mis_id and self.contact_seen.check(row, contact.mis_id):
            self.contacts[contact.mis_id] = contact
        if pupil is not None and contact.mis_id:
            self._link(row, pupil, contact)

    def _pupil(self, row: _Row) -> Pupil | None:
        mis_id, name, given = (
            row.required("pupil_id"),
            row.name(_PUPIL_NAME),
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

    def _link(self, row: _Row, pupil: Pupil, contact: Contact) -> None:
        link = Guardianship(
            pupil_id=pupil.mis_id,
            contact_id=contact.mis_id,
            relationship=row.value("relationship"),
            parental_responsibility=_yes_no(row, "parental_responsibility"),
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
            ignored_columns=_ignored(self.layout),
        )


def _priority(row: _Row) -> int:
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


def _ignored(layout: _Layout) -> tuple[str, ...]:
    used = set(layout.index.values())
    return tuple(h for i, h in enumerate(layout.headers) if i not in used and h)
