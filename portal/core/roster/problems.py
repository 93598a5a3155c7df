"""What is wrong with a file, by the row number and heading the office sees in its spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RosterProblem:
    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        where = f'line {self.line}, column "{self.column}"' if self.column else f"line {self.line}"
        return f"{where}: {self.problem}"


class RosterRefused(ValueError):
    """The file cannot be imported as it stands; `problems` lists every bad row, or what is wrong
    with the file as a whole (`whole_file`: its kind, its headings, no rows at all)."""

    def __init__(self, problems: list[RosterProblem], *, whole_file: bool = False) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        self.whole_file = whole_file
        super().__init__("\n".join(str(p) for p in self.problems))
