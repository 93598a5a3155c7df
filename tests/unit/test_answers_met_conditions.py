"""What the asker says is already done, or not: how many of something they have is read against a
rule's minimum (a count that meets it is done and does not steer the answer, one below it is a no
from that rule), and acting without asking anyone is a no where the duty is to ask first."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, counts
from portal.core.answers.model import Verdict
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.mark.parametrize(
    ("said", "required", "short"),
    [
        ("just one moderator", "at least 2 approved moderators", True),
        ("1 admin", "at least two approved Administrators", True),
        ("i'll be the only moderator", "at least 2 approved moderators", True),
        ("2 admins", "at least two approved Administrators", False),
        ("three mods", "at least 2 approved moderators", False),
        ("one moderator", "at least two approved Administrators", False),
    ],
)
def test_a_stated_count_is_read_against_the_rules_minimum(
    said: str, required: str, short: bool
) -> None:
    assert counts.short_of(required, said) is short


def test_short_names_stand_for_what_the_rule_counts() -> None:
    assert counts.same_thing("mods", "moderators")
    assert counts.same_thing("admins", "Administrators")
    assert not counts.same_thing("mo", "moderators")


def test_counts_that_meet_the_minimum_are_left_out_of_the_question() -> None:
    sentences = ("The site must have at least 2 approved moderators",)
    met = counts.met_counts(sentences, "we have 2 mods and the head approved it")
    assert counts.without("we have 2 mods and the head approved it", met).split() == [
        "we",
        "have",
        "and",
        "the",
        "head",
        "approved",
        "it",
    ]


@pytest.mark.parametrize(
    "question",
    [
        "can our class blog run with just one moderator?",
        "for our class page can i be the only moderator? the TA will be the admin",
        "we have one admin and one moderator for the class blog, ok to launch?",
    ],
)
def test_fewer_than_the_policy_asks_for_is_a_no_from_that_rule(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("stockham", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in ("Appendix A 5.4", "Appendix B 5.2", "Appendix B 4.2")


def test_a_count_below_the_minimum_at_another_school_is_a_no_too(engine: AnswerEngine) -> None:
    answer = engine.ask("clearwell", "we have one admin for the class blog, ok to launch?")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "A.4.d"


def test_counts_reported_as_met_leave_the_approval_to_decide(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham",
        "filled in the approval form (2 admins, 2 mods, closure date etc), my line manager and "
        "the data controller signed it and the head's given final approval. ok to set up the "
        "class blog now?",
    )
    assert answer.verdict is Verdict.YES
    assert not answer.citations[0].clause.endswith("3.1")


@pytest.mark.parametrize(
    ("school", "clause"),
    [
        ("knowsley", "4.10"),
        ("stockham", "Appendix A 2.7"),
        ("clearwell", "A.2.7"),
    ],
)
def test_acting_without_asking_where_the_duty_is_to_ask_first_is_a_no(
    engine: AnswerEngine, school: str, clause: str
) -> None:
    answer = engine.ask(
        school,
        "i'm not sure if it's ok to post a video of my classroom, i'll just post it without asking "
        "anyone",
    )
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == clause


def test_asking_forgiveness_later_is_acting_without_asking(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley",
        "not sure if a classroom tiktok is allowed. i'll just post and ask forgiveness later?",
    )
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "4.10"


def test_checking_first_where_the_duty_is_to_ask_stays_allowed(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley", "not sure if a classroom tiktok is allowed. should i check with the head first?"
    )
    assert answer.verdict is not Verdict.NO
