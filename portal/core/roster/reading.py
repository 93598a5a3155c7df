"""Reading a whole export: the bytes decoded as Excel saved them, the CSV dialect, row by row."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Mapping

from portal.core.roster.headers import read_layout
from portal.core.roster.problems import RosterProblem, RosterRefused
from portal.core.roster.pupils import PupilReader
from portal.core.roster.rosters import Roster, RosterKind
from portal.core.roster.rows import Row
from portal.core.roster.staff import StaffReader

NO_ROWS = "the file has no rows under the header; importing it would mark everyone as left"
_WORKBOOK = "this is an Excel workbook, not CSV: in Excel choose Save As → CSV UTF-8"
_UNCLOSED = 'a quoted value starts on this row and is never closed (a stray " ?)'

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
        raise RosterRefused([RosterProblem(1, "", _WORKBOOK)], whole_file=True)
    records = _records(decode(data))
    if not records:
        raise RosterRefused([RosterProblem(1, "", "the file is empty")], whole_file=True)
    layout = read_layout(records[0][1], kind, mapping or {})
    rows = records[1:]
    if not rows:
        raise RosterRefused([RosterProblem(2, "", NO_ROWS)], whole_file=True)
    reader = StaffReader(layout) if layout.kind is RosterKind.STAFF else PupilReader(layout)
    for done, (line, cells) in enumerate(rows, 1):
        reader.add(Row(line, cells, layout, reader.problems))
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


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Rows numbered as a spreadsheet shows them (header = 1); blank rows are skipped."""
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", "\t", ";"], key=first_line.count)
    # strict: an unclosed quote would otherwise swallow every row after it, unnoticed.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records, line = [], 0
    try:
        for line, cells in enumerate(reader, 1):
            if any(c.strip() for c in cells):
                records.append((line, cells))
    except csv.Error as exc:
        problem = _UNCLOSED if "end of data" in str(exc) else f"is not valid CSV ({exc})"
        raise RosterRefused([RosterProblem(line + 1, "", problem)]) from None
    return records
