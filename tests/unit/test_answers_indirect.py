"""Things said indirectly. A pupil wishing they were not here, or naming the adult at home who
hurts them, is a disclosure; a low rating, "disgusting" or a sanction "for no reason" is a
grievance; "do I need to … or can I just go ahead?" asks whether a step is needed rather than
planning to skip it, where "quickest is a post tonight - can I just do that?" plans to act alone,
which a ban on acting alone answers; a poet's poem or a journalist's article is someone else's
work; and advertising on a platform for volunteers to help with a site is recruiting
contributors, not selling."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import curated_engine

AUTHORITIES = "appropriate authorities must be informed immediately"


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "a kid in my form commented under our school blog post 'everyone would be better off "
            "without me'. can i just delete it and keep an eye on him myself?",
            Verdict.NO,
        ),
        (
            "saw a year 9 post on the official class page that she wishes she wasn't around "
            "anymore. ok to just delete the post and leave it?",
            Verdict.NO,
        ),
        (
            "one of my tutees put on the class blog that no one would care if she was gone. "
            "can i just hide the comment?",
            Verdict.NO,
        ),
        (
            "pupil messaged the school insta saying her dad's girlfriend beats her. can i pass it "
            "straight to the dsl?",
            Verdict.YES,
        ),
        (
            "a boy wrote on our approved school blog that his step-dad punches him. should i take "
            "it straight to the dsl?",
            Verdict.YES,
        ),
        (
            "a pupil wrote in the class blog comments that her mum's partner kicks her. should i "
            "go straight to the dsl?",
            Verdict.YES,
        ),
    ],
)
def test_indirect_disclosures_on_school_sites_are_passed_on(
    engine: AnswerEngine, question: str, verdict: Verdict
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is verdict
    assert AUTHORITIES in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "no one would even notice if i changed my profile pic, right?",
        "once i wasn't here anymore could i add my old colleagues on facebook?",
    ],
)
def test_ordinary_talk_of_not_being_noticed_is_not_a_disclosure(
    engine: AnswerEngine, question: str
) -> None:
    assert engine.ask("clearwell", question).verdict is not Verdict.SAFEGUARDING


@pytest.mark.parametrize(
    "question",
    [
        "can i give the school a one star review on facebook after how they handled my son?",
        "my daughter got a detention for no reason and i want to put it on the class fb group, "
        "can i?",
        "the school lunches are disgusting, can i post a photo of them on the village facebook "
        "page?",
        "would it be ok if i left the school a bad review on facebook about the homework?",
    ],
)
def test_grievances_put_indirectly_are_what_parents_pledge_not_to_post(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question, "parent")
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause in ("10.2", "10.5")


@pytest.mark.parametrize(
    "question",
    [
        "do i need permission to quote someone's article on the school blog or can i just go "
        "ahead?",
        "before referencing another teacher's work on our official site, do i need to check with "
        "anyone or can i just go ahead?",
        "want to cite a local author's book on the school's official page, is there anything i "
        "have to do first or can we just go ahead?",
    ],
)
def test_asking_whether_a_step_is_needed_is_not_skipping_it(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "A.3.6"


def test_just_going_ahead_without_asking_is_still_skipping_it(engine: AnswerEngine) -> None:
    asked = "can i just go ahead and quote a local author's blog on the school website?"
    answer = engine.ask("clearwell", asked)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "A.3.6"


@pytest.mark.parametrize(
    "question",
    [
        "can I share a link to a local author's blog and quote some of it on the school's site?",
        "can we share an illustrator's drawings on the school facebook page for book week?",
        "i'd like to repost a journalist's article about our town on the school's site, ok?",
    ],
)
def test_a_named_creators_work_needs_their_permission(engine: AnswerEngine, question: str) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "A.3.6"


@pytest.mark.parametrize(
    "question",
    [
        "swimming is cancelled tomorrow because the pool's closed. quickest way to tell everyone "
        "is a post on my facebook - can i just do that?",
        "the inset day has been postponed. i'll announce it in the class parents whatsapp off my "
        "own bat, ok?",
        "the school disco's been called off. easiest is to post in the village facebook group "
        "tonight, can we just do it?",
    ],
)
def test_school_news_posted_alone_breaks_the_ban_on_acting_alone(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.NO
    assert answer.citations[0].clause == "5.6"


def test_school_news_on_a_personal_page_still_turns_on_authorisation(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("clearwell", "the school disco's been called off. can i post it on my fb?")
    assert answer.verdict is Verdict.CONDITIONAL


@pytest.mark.parametrize(
    "question",
    [
        "can i advertise on twitter for local volunteers to write for our school blog?",
        "thinking of advertising in the parents' facebook group for helpers to moderate the "
        "school page, is that fine?",
        "we want to advertise on instagram for writers for the approved school site, allowed?",
    ],
)
def test_advertising_for_helpers_needs_the_communications_managers_approval(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask("clearwell", question)
    assert answer.verdict is Verdict.CONDITIONAL
    assert answer.citations[0].clause == "A.4.h"
