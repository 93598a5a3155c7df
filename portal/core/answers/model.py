"""What the answer engine gives back: a verdict, a plain answer and the clauses behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    YES = "yes"
    NO = "no"
    CONDITIONAL = "conditional"
    NOT_COVERED = "not_covered"
    SAFEGUARDING = "safeguarding"


class UnknownSchool(ValueError):
    """No school with that slug has agreements in force."""


class InvalidQuestion(ValueError):
    """Empty, or too long to be a chat question."""


@dataclass(frozen=True, slots=True)
class Citation:
    school: str
    agreement: str
    version: str
    clause: str
    """The clause reference, unique within the version."""
    number: str
    heading: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {
            "school": self.school,
            "agreement": self.agreement,
            "version": self.version,
            "clause": self.clause,
            "heading": self.heading,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Answer:
    verdict: Verdict
    answer: str
    citations: tuple[Citation, ...] = ()
    matched: tuple[str, ...] = ()
    """Why the deciding clause was chosen: topics, facts and shared terms."""
    condition: str = ""
    ask_whom: str = ""
    quote: str = ""
    """The sentence of the first citation that decides the verdict."""

    def to_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict.value,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "matched": list(self.matched),
            "condition": self.condition,
            "ask_whom": self.ask_whom,
            "quote": self.quote,
        }
