"""A form a policy prints is read as a form: its fields say what to write, so a field on a
matter the procedure rules on gives way to the procedure. A rule saying who holders of a role
must be decides whether someone may hold it."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from portal.core.answers.verdicts import asked_role
from tests.unit.engines import policy_engine, seed_rule, text_engine

_POLICY = """---
title: Class Sites Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 3 Running a class site

### 3.1
Site moderators must be members of staff or other authorised adults.

### 3.2
Every class site must have at least two approved moderators, so that the site is still
moderated during absences.

# Appendix B Class Site Request Form

Please complete this form and send it to the Head Teacher.

## MODERATION

Names of moderators (the site must have at least 2 approved moderators)

How will you obtain the consent of parents of pupils who contribute?
"""


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.fixture(scope="module")
def policy() -> AnswerEngine:
    return policy_engine(_POLICY, "class-sites")


@pytest.mark.parametrize(
    ("opening", "echoed"),
    [
        # On site administrators, which Appendix A 5.4 rules on too.
        ("Names of moderators", True),
        ("Names of administrators", True),
        # On parents' consent, which only the form asks about.
        ("If contributors include children", False),
        # The form's own instruction and the procedure are sentences, not fields.
        ("Use of social media on behalf of Stockham School", False),
        ("The team must designate at least two approved Administrators", False),
    ],
)
def test_a_form_field_that_echoes_the_procedure_is_read_as_one(opening: str, echoed: bool) -> None:
    assert seed_rule("stockham", opening).echoed_field is echoed


def test_policies_without_a_form_have_no_fields() -> None:
    assert not seed_rule("stockport", "Staff members can only use official").echoed_field


def test_the_procedure_decides_before_the_form_field(engine: AnswerEngine) -> None:
    # Appendix B 5.1 (the form's "Names of administrators") echoes Appendix A 5.4.
    answer = engine.ask("stockham", "can I be the only administrator of the class blog?")
    assert answer.verdict.value == "no"
    assert answer.citations[0].clause == "Appendix A 5.4"


def test_a_field_on_what_nothing_else_covers_still_decides(policy: AnswerEngine) -> None:
    # Only the form asks about parents' consent: its field is all the policy says of it.
    answer = policy.ask(
        "newschool", "do I need parents' consent before pupils contribute to the class site?"
    )
    assert answer.citations[0].clause == "Appendix B 1.2"


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("could my neighbour, who isn't on the staff, be an administrator of our blog?", "admin"),
        ("can a parent helper become a moderator of our class site?", "moderator"),
        ("can I post the match results on the school page?", ""),
    ],
)
def test_asking_whether_someone_may_hold_a_role(question: str, role: str) -> None:
    assert asked_role(question).startswith(role)
    assert bool(asked_role(question)) is bool(role)


@pytest.mark.parametrize(
    "question",
    [
        "could my neighbour, who isn't on the staff, be an administrator of our class blog?",
        "can a parent helper become a moderator of our class site?",
        "could a grandparent who helps with reading be a moderator on our approved class blog?",
    ],
)
def test_who_may_hold_a_role_is_decided_by_who_holders_must_be(
    engine: AnswerEngine, question: str
) -> None:
    # Appendix A 3.1: administrators and moderators must be employees or authorised people.
    answer = engine.ask("stockham", question)
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == "Appendix A 3.1"


def test_a_made_up_policy_says_who_may_moderate(policy: AnswerEngine) -> None:
    answer = policy.ask("newschool", "could a parent helper be a moderator of the class site?")
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == "3.1"


def test_a_made_up_policy_reads_its_form(policy: AnswerEngine) -> None:
    fields = {r.sentence: r.echoed_field for r in policy._books["newschool"].all_rules}
    assert fields["Names of moderators (the site must have at least 2 approved moderators)"]
    assert not fields["How will you obtain the consent of parents of pupils who contribute?"]
    assert not fields["Site moderators must be members of staff or other authorised adults."]
