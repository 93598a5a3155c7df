"""Finding the ask in questions written the way people chat: about someone else, stated as a
plan, pointing back to the story, with a reason tacked on, or about matters outside the policy."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.question import (
    ask_span,
    asked_part,
    asks_permission,
    question_sentence,
    read_question,
)
from tests.unit.engines import text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return text_engine()


def test_a_closing_frame_is_a_whole_word_not_the_end_of_a_longer_one() -> None:
    # "ok" inside "facebook" or "book" is not a closing "… ok?".
    assert asked_part("can i mention it in my facebook?") == "can i mention it in my facebook?"
    assert asked_part("is a link to my guest book?").endswith("guest book?")


def test_a_closing_frame_about_someone_else_is_cut_off() -> None:
    folded = "the supply teacher uploads clips of her lessons, is she actually allowed?"
    assert asked_part(folded) == "the supply teacher uploads clips of her lessons"


@pytest.mark.parametrize(
    ("folded", "span"),
    [
        ("is there any rule against me liking a parent's post?", " me liking a parent's post"),
        ("ok if i comment on the pta page?", " comment on the pta page"),
        ("can she tag pupils in the match report?", " tag pupils in the match report"),
        ("is he actually allowed to livestream assembly?", " livestream assembly"),
    ],
)
def test_asks_about_doubt_or_another_person_are_found(folded: str, span: str) -> None:
    assert asks_permission(folded)
    assert ask_span(folded) == span


def test_a_stated_plan_is_the_ask_when_nothing_else_asks() -> None:
    folded = "i'm planning to open a class blog for the choir"
    assert ask_span(folded) == " open a class blog for the choir"
    # A plan does not count as asking permission on its own...
    assert not asks_permission(folded)
    # ...and a real ask elsewhere in the question wins.
    assert ask_span("we want to go abroad. can i post the itinerary?") == " post the itinerary"


def test_the_reason_behind_an_ask_is_not_the_ask() -> None:
    assert ask_span("can i text the parents from my mobile because it saves time?") == (
        " text the parents from my mobile"
    )
    assert ask_span("could i use the school login so that i don't forget it?") == (
        " use the school login"
    )
    # "so" that is not a reason clause stays part of the ask.
    assert ask_span("can i say so on twitter?") == " say so on twitter"


def test_an_ask_that_points_back_takes_in_the_sentence_it_points_to() -> None:
    folded = "a pupil's mum sent me her holiday photos. can i share them on my page?"
    assert question_sentence(folded).startswith("a pupil's mum sent me her holiday photos")
    # An ask that names its own object is still the sentence alone.
    folded = "a pupil's mum sent me photos. can i share the school calendar on my page?"
    assert question_sentence(folded) == " can i share the school calendar on my page"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("a dad offered me a bottle of wine as a gift, can I accept it?", "gifts"),
        ("can I ring in sick by text?", "leave_absence"),
        ("can I claim back the cost towards my broadband?", "pay_expenses"),
        ("am I allowed to confiscate a year 8's mobile?", "pupil_devices"),
    ],
)
def test_matters_outside_the_policy_are_recognised(question: str, topic: str) -> None:
    assert topic in read_question(question, load_lexicon()).fired


def test_a_gift_shared_online_is_not_the_gifts_topic() -> None:
    asked = read_question("can I post a photo of the gift my class gave me?", load_lexicon())
    assert "gifts" not in asked.fired


@pytest.mark.parametrize(
    "question",
    [
        "a governor gave me a gift voucher for helping at the fete - can I keep it?",
        "can I phone in sick from home tomorrow?",
    ],
)
def test_outside_matters_are_not_answered_from_the_policy(
    engine: AnswerEngine, question: str
) -> None:
    assert engine.ask("stockport", question).verdict is Verdict.NOT_COVERED


def test_what_about_social_media_at_work_is_about_personal_use() -> None:
    asked = read_question("what about tiktok during lunch, banned?", load_lexicon())
    assert "personal_use_at_work" in asked.fired


def test_chat_shorthand_for_question_words_is_spelled_out() -> None:
    asked = read_question("wat about twitter, shud i lock it?", load_lexicon())
    assert asked.folded.startswith("what about twitter, should i")


def test_putting_something_up_is_posting() -> None:
    lexicon = load_lexicon()
    with_putting = read_question(
        "my colleague keeps putting up photos of her class online", lexicon
    )
    assert "pupil_images" in with_putting.fired


def test_the_frame_in_the_sentence_that_asks_wins_over_an_earlier_doubt() -> None:
    folded = "no idea if it's ok to share. can i check with the head of year first?"
    assert ask_span(folded) == " check with the head of year first"
    # With no question mark anywhere, the first frame is still the ask.
    assert ask_span("is it ok to share my slides") == " to share my slides"


@pytest.mark.parametrize(
    ("question", "clock", "fact"),
    [
        # The time in the ask beats the time in the story.
        ("pupils leave at 3:30. can I check facebook at 9:45?", 9.75, "school_hours"),
        ("can I scroll instagram at half past 12?", 12.5, "school_hours"),
        # "before 8:30" is earlier than 8:30.
        ("can I go on twitter before 8:30?", 8.25, "outside_hours"),
    ],
)
def test_times_are_read_as_staff_say_them(question: str, clock: float, fact: str) -> None:
    asked = read_question(question, load_lexicon())
    assert asked.clock == pytest.approx(clock)
    assert fact in asked.facts


def test_half_term_is_not_a_time() -> None:
    assert read_question("can I post about half term plans?", load_lexicon()).clock is None


def test_a_school_role_with_an_adjective_is_still_a_colleague() -> None:
    asked = read_question("the new bursar added me on facebook, accept?", load_lexicon())
    assert "colleague_contact" in asked.fired


def test_sending_the_class_reminders_is_communicating_with_pupils() -> None:
    asked = read_question("could I send the class revision reminders on an app?", load_lexicon())
    assert "communicate_pupils" in asked.fired


def test_hiding_a_profile_from_public_view_keeps_the_privacy_advice(
    engine: AnswerEngine,
) -> None:
    hidden = engine.ask("stockham", "my facebook is hidden from public searches now, fine?")
    assert hidden.verdict is Verdict.YES
    # Making it public still goes against the same advice.
    assert engine.ask("stockham", "my instagram is public, is that ok?").verdict is Verdict.NO


def test_posting_what_someone_asked_you_not_to_goes_against_their_wishes(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask(
        "knowsley",
        "a colleague told me not to share the video of her singing at the quiz night. "
        "can I upload it to tiktok regardless?",
    )
    assert answer.verdict is Verdict.NO
    assert "respect the wishes" in answer.citations[0].text


@pytest.mark.parametrize(
    "question",
    [
        "can I start the department blog today and get the head's sign-off next term?",
        "I'll reply to the reporter myself, no need to involve the office, right?",
    ],
)
def test_approval_put_off_or_skipped_is_acting_alone(question: str) -> None:
    assert "unilateral" in read_question(question, load_lexicon()).facts


def test_approval_asked_for_first_is_not_acting_alone() -> None:
    asked = read_question("can I get approval for a class blog next week?", load_lexicon())
    assert "unilateral" not in asked.facts


@pytest.mark.parametrize(
    "question",
    [
        "my neighbour, who has nothing to do with the school, wants to join our class blog. ok?",
        "should we let anybody who asks follow the department page?",
    ],
)
def test_people_outside_the_school_joining_a_school_site(question: str) -> None:
    assert "site_outsiders" in read_question(question, load_lexicon()).fired
