"""The answer engines the unit tests share: building one reads and indexes every agreement, so
each is built once per run rather than once per test module."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from portal.core.agreements import School
from portal.core.answers import AnswerEngine
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.rules import Rule, rules_of
from portal.core.catalog import load_catalog
from portal.core.documents import agreement_from_files, parse_version
from tests.conftest import AGREEMENTS


@cache
def curated_engine() -> AnswerEngine:
    """The five seed policies with the curation kept beside them, as the product answers."""
    return AnswerEngine.from_catalog(load_catalog(Path(AGREEMENTS)), curation_root=Path(AGREEMENTS))


@cache
def text_engine() -> AnswerEngine:
    """The same policies read from their text alone, as a newly published version would be."""
    return AnswerEngine.from_catalog(load_catalog(Path(AGREEMENTS)))


def policy_engine(markdown: str, agreement: str) -> AnswerEngine:
    """An engine over one made-up policy at "newschool", to test a reading in isolation."""
    found = agreement_from_files("newschool", agreement, [parse_version(markdown, "2024-09.md")])
    school = School("newschool", "New School")
    return AnswerEngine({"newschool": school}, [found], today=date(2025, 1, 10))


def seed_rule(school: str, opening: str) -> Rule:
    """The rule of a school's staff policy whose sentence starts with `opening`."""
    agreement = load_catalog(Path(AGREEMENTS)).agreement(school, "staff-social-media")
    assert agreement is not None
    rules = rules_of(agreement, agreement.versions[-1], load_lexicon())
    return next(r for r in rules if r.sentence.startswith(opening))
