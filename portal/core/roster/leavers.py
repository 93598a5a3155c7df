"""The guard against partial exports: a file of one year group would mark everyone else as left."""

from __future__ import annotations

from dataclasses import dataclass

# Both, so that a small school losing a few people at the end of a year is never stopped,
# and a September import (Year 11 and Year 13 leave: up to ~30 % in an 11–18 school) passes.
_MOST_PERCENT = 35
_MOST_PEOPLE = 5


LEAVERS_RULE = f"more than {_MOST_PERCENT} % (and more than {_MOST_PEOPLE} people)"
"""When an import is taken for a partial export, in the words the command's help uses."""


@dataclass(frozen=True, slots=True)
class Leavers:
    """How many of one kind of people an import would mark as left, of those on the roll now."""

    noun: str
    left: int
    current: int

    @property
    def too_many(self) -> bool:
        return self.left > _MOST_PEOPLE and self.left * 100 > self.current * _MOST_PERCENT

    def __str__(self) -> str:
        return f"{self.left} of {self.current} current {self.noun}"


def leavers_refusal(leavers: list[Leavers]) -> str | None:
    """Why an import is refused ("This file would mark 212 of 240 current pupils as left.")."""
    over = [str(group) for group in leavers if group.too_many]
    return f"This file would mark {' and '.join(over)} as left." if over else None
