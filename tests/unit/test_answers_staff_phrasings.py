"""How staff tell what happened before they ask: a child's words passed on, a request already
turned down, a colleague's situation, a view put in the school's mouth, a page run for the
school, young pupils following it, a home email, and relatives who belong to someone else."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import read_question
from tests.unit.engines import text_engine

AUTHORITIES = "appropriate authorities must be informed immediately"
# What staff know of colleagues is theirs to keep off social media, in either clause's words.
PERSONAL_INFORMATION = (
    "must not be discussed on their personal web space",
    "must not discuss personal information about pupils, Stockham School staff",
)


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def _first(engine: AnswerEngine, question: str) -> tuple[Verdict, str]:
    answer = engine.ask("stockham", question)
    text = answer.citations[0].text.replace("\u2019", "'") if answer.citations else ""
    return answer.verdict, text


@pytest.mark.parametrize(
    "question",
    [
        "one of my year 3s wrote on the class blog that her mum's boyfriend hits her",
        "a pupil messaged the class page saying he's scared to go home tonight",
        "a lad in year 6 said on the learning platform that his dad beats him",
        "someone he plays with on roblox keeps asking my year 4 boy to send him photos",
        "a girl in my class says a man she chats to online keeps asking her for pictures",
    ],
)
def test_a_child_naming_who_harms_them_is_a_disclosure(engine: AnswerEngine, question: str) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.SAFEGUARDING
    assert AUTHORITIES in text


def test_reporting_a_disclosure_at_once_is_passing_it_on(engine: AnswerEngine) -> None:
    verdict, text = _first(
        engine,
        "a year 5 put on our class blog that her stepdad hits her. "
        "should i flag it straight away, even though it's the weekend?",
    )
    assert verdict is Verdict.YES
    assert AUTHORITIES in text


@pytest.mark.parametrize(
    "question",
    [
        "a year 5 tried to add me on snapchat and i rejected it. was that right?",
        "i declined a pupil's friend request on facebook yesterday, that's what i'm supposed to "
        "do isn't it?",
        "got a follow request from a kid in my class, i've declined it. ok?",
    ],
)
def test_a_request_already_declined_is_what_the_policy_asks(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.YES
    assert "must decline" in text


@pytest.mark.parametrize(
    "question",
    [
        "can i post on twitter that our school thinks the new curriculum is a step backwards?",
        "fine to tweet what the entire staffroom thinks about the new marking policy?",
        "i want to say on facebook that the school believes the council got it wrong, ok?",
    ],
)
def test_a_view_put_in_the_schools_mouth_is_passed_off_as_its_own(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "personal views as those of" in text


@pytest.mark.parametrize(
    "question",
    [
        "a colleague is off sick with stress, can i tell my facebook friends what's going on "
        "with her?",
        "can i explain in my whatsapp group why our deputy has been signed off?",
        "people keep asking about my colleague who's off with stress; can i post an update about "
        "what's happening with her on insta?",
    ],
)
def test_a_colleagues_situation_is_not_for_personal_pages(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert any(clause in text for clause in PERSONAL_INFORMATION)


@pytest.mark.parametrize(
    "question",
    [
        "a dad keeps slating me on the village page. can i post what he's really like?",
        "can i reply on facebook and expose her, she's a parent in my class who's been horrible "
        "to me",
        "can i name and shame the parent who's been bad mouthing me online?",
    ],
)
def test_getting_back_at_a_parent_in_public_is_an_attack(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "attack, insult, abuse or defame" in text


@pytest.mark.parametrize(
    "question",
    [
        "i'm the sole admin of our class blog, is that ok?",
        "we've only got one admin on the school page, is that enough?",
        "can i be the only admin on the approved school trip blog? my TA thinks that's fine",
    ],
)
def test_an_apostrophe_opens_no_display_name(engine: AnswerEngine, question: str) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "at least two approved Administrators" in text


@pytest.mark.parametrize(
    "question",
    [
        "i run a facebook page for our school football team (it's approved), can i use the "
        "school badge as its profile picture?",
        "i've made an instagram account for the school choir, can i put our logo on it?",
        "we've got an approved blog for our class, can the school logo go in the header?",
    ],
)
def test_a_page_run_for_the_school_needs_the_heads_approval_for_the_logo(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.CONDITIONAL
    assert "approval must be obtained for the use of the school logo" in text


@pytest.mark.parametrize(
    "question",
    [
        "could i post on the local community facebook group on behalf of the school to say we "
        "support the new crossing?",
        "can i reply on behalf of the school on the parish council's page to back their plans?",
        "ok for me to comment for the school on the village facebook group saying we welcome the "
        "new park?",
    ],
)
def test_speaking_for_the_school_on_others_pages_needs_the_heads_approval(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.CONDITIONAL
    assert "on sites created by third parties must be obtained from the Head Teacher" in text


@pytest.mark.parametrize(
    "question",
    [
        "can i put each childs name under their drawing on our class blog?",
        "ok to post the childs full name with his photo on the school website?",
        "for the official school page, can i tag each childs photo with their name?",
    ],
)
def test_a_childs_name_typed_without_its_apostrophe_still_identifies_them(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "must not be able to be identified" in text


@pytest.mark.parametrize(
    "question",
    [
        "a pupil in my class sent me a friend request - her dad is my neighbour's cousin. "
        "can i accept",
        "a year 4 sent me a follow request on insta, his mum is a friend's cousin so i know them. "
        "ok to accept?",
        "one of my year 2s sent me a friend request, her mum and i go to the same gym. is it fine "
        "to accept it?",
    ],
)
def test_a_request_a_pupil_sent_is_the_pupils_whoever_their_parents_know(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "must decline" in text


@pytest.mark.parametrize(
    "question",
    [
        "can i set up a group chat for my class to do reading challenges over half term?",
        "could i message my class over the summer with weekly spelling challenges?",
        "thinking of a group chat with my year 4 class to share book recommendations and keep "
        "them motivated, allowed?",
    ],
)
def test_keeping_a_class_reading_online_needs_an_approved_school_site(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.CONDITIONAL
    assert "can only do so with the approval of the school" in text


@pytest.mark.parametrize(
    "question",
    [
        "i manage our school's approved facebook. can i post the sports day timetable?",
        "as the one who runs the department's approved twitter, can i tweet our exam timetable?",
        "our school's approved instagram is mine to look after - can i share next week's lunch "
        "menu?",
    ],
)
def test_posts_on_an_approved_school_account_still_need_the_heads_approval(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.CONDITIONAL
    assert "must be discussed with and approved by the Head Teacher" in text


@pytest.mark.parametrize(
    "question",
    [
        "some of our 8 year olds want to follow the school instagram page. can i let them?",
        "year 3 pupils keep trying to follow our class tiktok account, is that fine?",
        "parents tell me their 7 yr olds would love to follow the school's facebook page. ok?",
    ],
)
def test_young_pupils_following_a_school_page_meet_the_platforms_minimum_age(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "minimum age" in text


@pytest.mark.parametrize(
    "question",
    [
        "can i put my home email on the approved class blog so parents can reach me?",
        "is it ok to give my home email address on the official school page for parents with "
        "questions?",
        "parents want a way to contact me, fine to list my home e-mail on our school's approved "
        "facebook?",
    ],
)
def test_a_home_email_is_a_home_contact_detail(engine: AnswerEngine, question: str) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "home contact details" in text


@pytest.mark.parametrize(
    "question",
    [
        "can i moan on facebook about how lazy the lunchtime supervisors are?",
        "fine to post a meme mocking the dinner ladies?",
        "can i slag off the midday assistants on my insta story?",
    ],
)
def test_lunchtime_staff_are_colleagues(question: str) -> None:
    assert "criticise_school" in read_question(question, load_lexicon()).fired


def test_an_asker_who_is_a_lunchtime_supervisor_is_not_talking_of_a_colleague() -> None:
    asked = read_question(
        "i'm a lunchtime supervisor and a reception mum wants to add me on facebook. ok?",
        load_lexicon(),
    )
    assert "colleague_contact" not in asked.fired


@pytest.mark.parametrize(
    "question",
    [
        "i want to start a blog where my year 5s can post their stories and comment on each "
        "other's. what do i need to do?",
        "how would i go about setting up a blog where my year 4s can write reviews and reply to "
        "each other?",
        "planning an online space for my year 3 class where they can upload their art and leave "
        "comments for classmates - what's the process?",
    ],
)
def test_a_space_for_pupils_to_post_in_is_pupils_communicating(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.CONDITIONAL
    assert "can only do so with the approval of the school" in text


@pytest.mark.parametrize(
    "question",
    [
        "as a governor, can i share my opinion on facebook about the budget cuts we discussed at "
        "our meeting?",
        "after the staff meeting about restructuring, is it ok if i put my view on instagram?",
        "can i tweet my thoughts about the head's pay rise that came up at the governors' meeting?",
    ],
)
def test_a_ban_on_opinions_on_official_sites_does_not_decide_a_personal_post(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert any(clause in text for clause in PERSONAL_INFORMATION)


@pytest.mark.parametrize(
    "question",
    [
        "the dinner ladies were so rude to me today, can i have a rant about it on my facebook?",
        "can i tweet about how rude the office staff were when i asked for help?",
        "one of the TAs was really rude to me in front of the class. ok to post about it on insta?",
    ],
)
def test_a_colleagues_rudeness_told_online_is_an_attack_not_offensive_content(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.NO
    assert "attack, insult, abuse or defame" in text


@pytest.mark.parametrize(
    "question",
    [
        "a child's grandad wants to follow our class page to see the photos, can i let him?",
        "a boy's uncle who lives abroad wants to join our class blog so he can see his stories, "
        "ok?",
        "a pupil's grandma in spain would love to follow our class page, can i let her join?",
    ],
)
def test_a_pupils_relative_joining_a_class_site_turns_on_the_checks_for_adults(
    engine: AnswerEngine, question: str
) -> None:
    verdict, text = _first(engine, question)
    assert verdict is Verdict.CONDITIONAL
    assert "must not allow any outsiders" in text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("a stranger wants to join our class blog, can i add them?", Verdict.NO),
        (
            "our parent volunteer has a dbs check and wants to join the class blog, ok to add her?",
            Verdict.YES,
        ),
    ],
)
def test_an_adult_known_to_be_checked_or_not_settles_the_exception(
    engine: AnswerEngine, question: str, verdict: Verdict
) -> None:
    got, text = _first(engine, question)
    assert got is verdict
    assert "must not allow any outsiders" in text
