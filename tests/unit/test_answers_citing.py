"""Which clause is cited first when sibling rules share the question's topic: the one written
for the asker's kind of worker, for the kind of site they ask about, or naming the limit they
break."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from portal.core.answers.rules import Rule, rules_of
from portal.core.catalog import Catalog, load_catalog
from tests.conftest import AGREEMENTS
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(Path(AGREEMENTS))


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def ruled(engine: AnswerEngine, school: str, question: str) -> tuple[str, str]:
    answer = engine.ask(school, question)
    return answer.verdict.value, answer.citations[0].clause if answer.citations else ""


def staff_rules(catalog: Catalog, school: str) -> list[Rule]:
    agreement = next(a for a in catalog.for_school(school) if a.slug == "staff-social-media")
    version = agreement.in_force(date(2025, 1, 1))
    assert version is not None
    return rules_of(agreement, version, load_lexicon())


def rule_saying(rules: list[Rule], words: str) -> Rule:
    return next(r for r in rules if words in r.sentence)


def test_a_contractor_is_answered_by_the_duty_on_contracted_providers(
    engine: AnswerEngine,
) -> None:
    # Not the ban on publishing images of pupils, which the story also touches.
    assert ruled(
        engine,
        "stockport",
        "I work for the cleaning company that does the school. one of our cleaners put a photo of "
        "a classroom whiteboard with pupils' names on it on her instagram - can we just deal with "
        "it ourselves?",
    ) == ("no", "9.4")


def test_a_volunteer_is_answered_by_the_rule_that_names_volunteers(engine: AnswerEngine) -> None:
    assert ruled(
        engine,
        "knowsley",
        "one of our volunteers has been slagging off the head on twitter. "
        "can we end her placement?",
    ) == ("yes", "11.2")


def test_a_rule_in_a_personal_use_section_speaks_of_personal_accounts(catalog: Catalog) -> None:
    stockport = staff_rules(catalog, "stockport")
    assert rule_saying(stockport, "should keep their passwords confidential").personal_section
    # Words of its own win over the section it stands in.
    assert not rule_saying(stockport, "official school sites created").personal_section
    knowsley = staff_rules(catalog, "knowsley")
    assert not rule_saying(knowsley, "for purposes of updating school accounts").personal_section
    assert not rule_saying(knowsley, "must not breach school confidentiality").personal_section


def test_an_official_page_is_answered_from_the_rules_for_official_sites(
    engine: AnswerEngine,
) -> None:
    # Not the ban on contact with pupils through personal media, from the personal-use section.
    assert ruled(
        engine,
        "stockport",
        "thinking of an official linkedin page for our sixth form alumni, so current students "
        "can ask old students for advice. is that ok?",
    ) == ("conditional", "7.3")


def test_advice_from_a_personal_use_section_still_answers_when_nothing_else_does(
    engine: AnswerEngine,
) -> None:
    # Stockport has no rule on contact details on its own sites: the section only weighs a little.
    assert ruled(
        engine, "stockport", "can i put my mobile number on the class page so parents can reach me?"
    ) == ("no", "6.14")


@pytest.mark.parametrize(
    "question",
    [
        "the council has a facebook consultation page about the new crossing",
        "the library runs an instagram account for its summer reading challenge",
        "our local football club has a whatsapp group for the tournament",
    ],
)
def test_a_page_another_body_runs_is_a_third_party_site(question: str) -> None:
    assert "third_party" in read_question(question, load_lexicon()).facts


def test_the_school_page_is_not_a_third_party_site() -> None:
    assert (
        "third_party" not in read_question("the school has a facebook page", load_lexicon()).facts
    )


def test_posting_for_the_school_on_another_bodys_page_needs_the_approval_for_third_party_sites(
    engine: AnswerEngine,
) -> None:
    assert ruled(
        engine,
        "stockham",
        "the library runs an instagram account for its summer reading challenge. can I post on it "
        "on behalf of the school?",
    ) == ("conditional", "Appendix A 3.3")


def test_a_broken_permission_gives_way_to_the_rule_naming_the_broken_limit(
    engine: AnswerEngine,
) -> None:
    # The staff-room permission is broken by pupils being there; "only when no pupils are
    # present" is the limit that decides it.
    assert ruled(
        engine,
        "knowsley",
        "cover supervisor here. pupils are in the staff room today for a lunchtime club - can I "
        "still use tiktok on my phone at lunch in there?",
    ) == ("no", "8.6.2")
