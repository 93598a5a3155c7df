"""One row of the file: cells read as fields, problems flagged by line and column heading."""

from __future__ import annotations

import re

from portal.core.roster.columns import BY_FIELD, NameFields
from portal.core.roster.headers import Layout
from portal.core.roster.problems import RosterProblem
from portal.core.roster.values import excel_text, is_email, surname_first, year_group, yes_or_no


class Row:
    def __init__(
        self, line: int, cells: list[str], layout: Layout, problems: list[RosterProblem]
    ) -> None:
        self.line, self.cells, self.layout, self.problems = line, cells, layout, problems
        self.texts: dict[str, str] = {}
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
        return excel_text(self.cells[position].strip())

    def text(self, field: str) -> str:
        if field not in self.texts:
            self.texts[field] = " ".join(self.raw(field).split())
        return self.texts[field]

    def value(self, field: str) -> str:
        """The cell with its whitespace tidied, flagged when too long to store."""
        value = self.text(field)
        limit = BY_FIELD[field].limit
        if len(value) > limit:
            self.flag(field, f"is longer than {limit} characters")
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
        if value and not is_email(value):
            self.flag("email", f'"{value}" is not an email address')
        return value or None

    def yes_no(self, field: str) -> bool:
        """Without the column everyone counts as Yes; a blank cell is an unticked box: No."""
        if field not in self.layout.index:
            return True
        value = self.text(field)
        answer = yes_or_no(value)
        if answer is None:
            self.flag(field, f'"{value}" is not Yes or No')
        return answer is True

    def name(self, fields: NameFields) -> str:
        """Forename and surname, else the full name, else "Mrs Smith" as MIS lists some contacts."""
        title, forename, surname, full = (self.value(f) if f else "" for f in fields)
        if forename and surname:
            return f"{forename} {surname}"
        if full:
            return surname_first(full)
        if surname and (title or fields[1] not in self.layout.index):
            return f"{title} {surname}".strip()
        self.flag(self._missing_name(fields, surname), "is empty but required")
        return ""

    def _missing_name(self, fields: NameFields, surname: str) -> str:
        if not surname and fields[2] in self.layout.index:
            return fields[2]
        return fields[1] if surname and fields[1] in self.layout.index else fields[3]


class Seen:
    """The first row giving each id, so a later row that disagrees is named with both lines."""

    def __init__(self, noun: str, fields: tuple[str, ...]) -> None:
        self.noun, self.fields = noun, fields
        self.first: dict[str, tuple[int, dict[str, str]]] = {}

    def check(self, row: Row, mis_id: str) -> bool:
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
        return str(yes_or_no(value) is True)
    if field == "priority":
        return value.lstrip("0")
    return value.casefold()
