"""Agreements, their immutable versions and the clauses inside them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Audience(StrEnum):
    STAFF = "staff"
    PARENT = "parent"


class Renewal(StrEnum):
    ANNUAL = "annual"
    BIENNIAL = "biennial"
    NONE = "none"

    @property
    def years(self) -> int:
        return {"annual": 1, "biennial": 2, "none": 0}[self.value]


class Anchor(StrEnum):
    """Whether a cycle runs with the academic year (from 1 September) or from each signature."""

    ACADEMIC_YEAR = "academic-year"
    ROLLING = "rolling"


class SignerRule(StrEnum):
    """For parent agreements: one adult with parental responsibility per pupil, or all of them."""

    ANY = "any"
    EVERY = "every"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class School:
    slug: str
    name: str
    timezone: str = "Europe/London"
    # Whom the policy names for what it leaves open, e.g. {"questions": "the Head Teacher"}.
    contacts: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Clause:
    ref: str
    """Stable and unique within its version; the printed number may repeat, this never does."""
    number: str
    """As printed in the document ("6.2", "A.1.3"), or empty where the document prints none."""
    heading: str
    text: str
    section: str = ""
    position: int = 0

    @property
    def label(self) -> str:
        if self.number:
            return self.number if self.ref == self.number else f"{self.number} ({self.ref})"
        return (
            f"{self.heading}, paragraph {self.ref.rsplit('.', 1)[-1]}" if self.heading else self.ref
        )


@dataclass(frozen=True, slots=True)
class AgreementVersion:
    label: str
    effective: date
    text: str
    clauses: tuple[Clause, ...]
    material: bool = True
    statement: str = ""
    changes: str = ""
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))

    def clause(self, ref: str) -> Clause | None:
        return next((c for c in self.clauses if c.ref == ref), None)


@dataclass(frozen=True, slots=True)
class Agreement:
    school: str
    slug: str
    title: str
    audience: Audience
    renewal: Renewal
    anchor: Anchor = Anchor.ACADEMIC_YEAR
    signers: SignerRule = SignerRule.ANY
    versions: tuple[AgreementVersion, ...] = ()
    """Oldest first."""

    def in_force(self, on: date) -> AgreementVersion | None:
        """The version a reader on that day is bound by: the latest already effective."""
        effective = [v for v in self.versions if v.effective <= on]
        return max(effective, key=lambda v: v.effective) if effective else None

    def version(self, label: str) -> AgreementVersion | None:
        return next((v for v in self.versions if v.label == label), None)

    def latest_material(self, on: date) -> AgreementVersion | None:
        """The newest effective version that demanded re-acknowledgement."""
        material = [v for v in self.versions if v.material and v.effective <= on]
        return max(material, key=lambda v: v.effective) if material else None
