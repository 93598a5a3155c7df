"""A conditional answer is grounded in the rule that says who approves: a duty or limit that
leaves the question open ("there must be a strong reason for creating sites") gives way to a
close rule on the same topic naming the approval, unless the approval is for something else
than the question names."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine
from tests.unit.engines import policy_engine, text_engine

_POLICY = """---
title: Online Conduct Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 6 Contact with pupils

### 6.1
If staff members wish to communicate with pupils through social media sites or to enable pupils
to keep in touch with one another, they can only do so with the approval of the school.

## 7 Official school sites

### 7.1
There must be a strong educational reason for creating official school sites to communicate
with pupils or others.

### 7.2
Individuals wishing to be ‘friends’ on a site must be checked carefully before they are
approved.

### 7.3
Approval must be obtained from the Head Teacher to make an external organisation a friend of
an official school site.
"""


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


@pytest.fixture(scope="module")
def policy() -> AnswerEngine:
    return policy_engine(_POLICY, "conduct")


@pytest.mark.parametrize(
    ("school", "question", "deciding"),
    [
        # 7.2 (a strong reason for creating official sites) ranks first; 6.2.3 says pupils keep
        # in touch online only with the School's approval.
        (
            "amcis",
            "could i set up a site online so my year 9 tutor group can talk to each other about"
            " homework?",
            "6.2.3",
        ),
        (
            "stockport",
            "can i make an online space where my year 9 history group can message each other?",
            "6.5",
        ),
    ],
)
def test_the_approval_decides_what_a_duty_leaves_open(
    engine: AnswerEngine, school: str, question: str, deciding: str
) -> None:
    answer = engine.ask(school, question)
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == deciding


def test_an_approval_of_something_else_does_not_decide(engine: AnswerEngine) -> None:
    # A.4.i approves making an external organisation a friend of the site; a grandparent is
    # vetted as a friend under A.2.6.
    answer = engine.ask(
        "clearwell",
        "a pupil's nan wants to become a friend of our official school page, can i accept?",
    )
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == "A.2.6"


def test_a_made_up_policy_cites_its_approval(policy: AnswerEngine) -> None:
    answer = policy.ask("newschool", "can i set up a site for my class to chat with each other?")
    assert answer.verdict.value == "conditional"
    assert answer.citations[0].clause == "6.1"


@pytest.mark.parametrize(
    "question",
    [
        "can i make a school snapchat for my yr 8 form? theyre all 12. i'd get the head master's "
        "approval first obviously",
        "would it be a problem if i started an official tiktok for my year 7 tutor group with "
        "head master approval? they are 11",
        "the head's already ok'd it in principle - can i set up an official instagram for my "
        "year 6 class? they're 10 and 11",
    ],
)
def test_no_approval_lifts_the_minimum_age_ban_beside_it(question: str) -> None:
    # AMCIS 7.3: "… only with the prior approval of the Head Master. Sites created must not
    # breach the terms and conditions …, particularly with regard to minimum age requirements."
    answer = text_engine().ask("amcis", question)
    assert answer.verdict.value == "no"
    assert "minimum age requirements" in answer.citations[0].text
