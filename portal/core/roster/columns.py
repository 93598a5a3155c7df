"""Every field a file can give, with the headers each MIS uses for it and how long it may be."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.core.roster.rosters import RosterKind


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
BY_FIELD = {c.field: c for c in (*STAFF_COLUMNS, *PUPIL_COLUMNS)}
REQUIRED = {
    RosterKind.STAFF: ("staff_id",),
    RosterKind.PUPILS: ("pupil_id", "year_group", "contact_id"),
}
# Name fields: (title, forename, surname, full name); a file needs the surname or the full name.
NameFields = tuple[str, str, str, str]
STAFF_NAME: NameFields = ("title", "forename", "surname", "name")
PUPIL_NAME: NameFields = ("", "pupil_forename", "pupil_surname", "pupil_name")
CONTACT_NAME: NameFields = ("contact_title", "contact_forename", "contact_surname", "contact_name")
