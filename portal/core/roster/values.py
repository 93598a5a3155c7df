"""Single cells as schools write them: year groups, Yes/No, emails, names, Excel's text formulas."""

from __future__ import annotations

import re

from portal.core.roster.headers import normalise_header

_NURSERY = {"n", "n1", "n2", "nursery", "nursery1", "nursery2", "f1", "fs1"}
_RECEPTION = {"r", "rec", "reception", "yr", "yearr", "f2", "fs2", "0", "y0", "year0"}
_SIXTH = {"l6": 12, "lowersixth": 12, "lower6th": 12, "u6": 13, "uppersixth": 13, "upper6th": 13}
_YEAR = re.compile(r"(?:year|yr|y|ncyear|ncy|nc)?0*(\d{1,2})")
_YES = {"yes", "y", "true", "t", "1"}
_NO = {"no", "n", "false", "f", "0", ""}
_EMAIL = re.compile(r"[^@\s,;:<>()\[\]\"]+@(?:[\w-]+\.)+[\w-]{2,}")
_EXCEL_TEXT = re.compile(r'="(.*)"', re.DOTALL)


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


def yes_or_no(value: str) -> bool | None:
    """None when the cell is neither; a blank cell is an unticked box: No."""
    key = value.casefold()
    if key in _YES:
        return True
    return False if key in _NO else None


def is_email(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


def surname_first(name: str) -> str:
    """SIMS prints "Smith, Jane"; everywhere else wants "Jane Smith"."""
    if name.count(",") == 1:
        surname, forename = (part.strip() for part in name.split(","))
        return f"{forename} {surname}".strip()
    return name


def excel_text(value: str) -> str:
    """Excel users keep leading zeros by exporting ="00123"."""
    quoted = _EXCEL_TEXT.fullmatch(value) if value.startswith('="') else None
    return quoted.group(1).strip() if quoted else value
