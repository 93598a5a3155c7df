"""When an asker's act is allowed outright, and when what the policy attaches to it still holds it:
a ban the asker is outside of allows nothing by itself, a required step the asker is taking is
met, hiding what a ban says not to reveal keeps the ban, and raising an issue the way a duty asks
is what the duty wants."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_an_official_blog_outside_a_personal_page_ban_still_needs_logo_approval(
    engine: AnswerEngine,
) -> None:
    # 6.9 bars school logos on personal web space; a class blog is not that, but Appendix A 3.5
    # asks for the Head Teacher's approval to use the logo at all.
    answer = engine.ask(
        "stockham", "could our new class blog use the school logo as its banner image?"
    )
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == "Appendix A 3.5"


def test_logo_on_a_personal_page_is_still_banned(engine: AnswerEngine) -> None:
    answer = engine.ask("stockham", "can I use the school logo on my personal facebook page?")
    assert answer.verdict.value == "no"


def test_an_approved_site_taking_the_required_step_is_allowed(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell",
        "the governors have approved a school instagram. two of us will be admins so we can "
        "cover for each other, ok?",
    )
    assert answer.verdict.value == "yes"
    assert answer.citations[0].clause == "A.4.d"


def test_the_required_step_without_approval_stays_conditional(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell",
        "we'd like a school instagram. two of us will be admins so we can cover for each "
        "other, ok?",
    )
    assert answer.verdict.value == "conditional"


def test_an_approved_site_skipping_the_required_step_is_not_allowed(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell", "the governors approved our school twitter and I'll be the only admin, ok?"
    )
    assert answer.verdict.value == "no"


def test_keeping_details_out_of_view_keeps_a_ban_on_revealing_them(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "amcis", "can I stop strangers searching for my instagram using my phone number?"
    )
    assert answer.verdict.value == "yes"
    assert answer.citations[0].clause == "6.11"


def test_revealing_those_details_is_still_banned(engine: AnswerEngine) -> None:
    answer = engine.ask("amcis", "can i post my home address on my facebook?")
    assert answer.verdict.value == "no"
    assert answer.citations[0].clause == "6.11"


def test_telling_the_school_is_approaching_it_as_the_pledge_asks(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "clearwell",
        "someone in the parents' whatsapp is spreading rumours about the head. "
        "can I let the school know?",
        "parent",
    )
    assert answer.verdict.value == "yes"
    assert answer.citations[0].clause in {"10.3", "10.5"}


def test_a_pupils_relative_spared_a_contact_ban_is_held_to_its_terms(
    engine: AnswerEngine,
) -> None:
    # 8.4 spares relationships that are not solely staff/parent; 8.3.1 allows contact with a
    # pupil who is family "where other appropriate relationships exist", if open and transparent.
    answer = engine.ask(
        "knowsley",
        "my grandson started in reception and his mum and I are friends on facebook. "
        "is that allowed?",
    )
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == "8.3.1"


def test_staff_who_are_the_pupils_parent_are_parents_like_any_other(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask(
        "knowsley", "my own son is in year 2, can I join the year 2 parents' facebook group?"
    )
    assert answer.verdict.value == "yes"
    assert answer.citations[0].clause == "8.4"


def test_a_parent_who_is_an_old_friend_is_outside_the_ban(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "knowsley",
        "one of the year 1 mums has been my best friend since school, we're on facebook "
        "together. is that a problem?",
    )
    assert answer.verdict.value == "yes"


def test_family_contact_a_policy_sets_no_terms_on_stays_allowed(engine: AnswerEngine) -> None:
    answer = engine.ask(
        "stockham",
        "my grandson is in year 3 and we're in the same family whatsapp group. is that ok?",
    )
    assert answer.verdict.value == "yes"
