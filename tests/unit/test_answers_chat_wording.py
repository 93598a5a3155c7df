"""How staff word what they mean to do: going on doing something is not keeping a record, the
school's account named by its platform alone, posting for the school from one's own account,
pupils set to post their own work, a holding-back duty, an abuser named as the one who acts,
taking a screenshot to the head, message after message as harassment, memes about one person,
a partner in the school community, an account called after the school, hours of use, a
contact list passed round, switching off the school's monitoring, and a new account for the
school where the policy has no clause on creating one."""

from __future__ import annotations

import pytest

from portal.core.answers import AnswerEngine, Verdict
from tests.unit.engines import curated_engine, text_engine


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return curated_engine()


def _check(engine: AnswerEngine, question: str, verdict: Verdict, clauses: tuple[str, ...]) -> None:
    answer = engine.ask("knowsley", question)
    assert answer.verdict is verdict, answer.answer
    assert answer.citations[0].clause in clauses


@pytest.mark.parametrize(
    "question",
    [
        "a dad keeps messaging me on facebook about his daughter's reading book. i don't know him "
        "outside school, is it ok to accept his friend request?",
        "this mum keeps messaging me on insta about parents evening slots, we're not friends in "
        "real life. ok to follow her so i can reply?",
        "a parent keeps texting me on whatsapp about homework, we've never met outside school. "
        "can i add her on facebook instead?",
    ],
)
def test_going_on_messaging_is_not_keeping_messages(engine: AnswerEngine, question: str) -> None:
    _check(engine, question, Verdict.NO, ("8.4",))


@pytest.mark.parametrize(
    "question",
    [
        "a year 9 won't stop sending me follow requests on tiktok. can i write back something "
        "snarky so he gets the hint?",
        "a year 8 keeps sending me friend requests on instagram, could i reply back with a cheeky "
        "message telling him to pack it in?",
        "loads of follow requests from my year 11s lately. can I message them back something "
        "sarcastic so they stop?",
    ],
)
def test_answering_a_pupils_request_is_a_message_turning_them_down(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("8.3.2",))


@pytest.mark.parametrize(
    "question",
    [
        "can i post the football scores on the school twitter? no one's said i can",
        "the music teacher asked if i'd update the school instagram with concert dates while "
        "she's away, is that ok?",
        "is it ok to share the sports day results on the school facebook myself?",
    ],
)
def test_the_school_account_named_by_its_platform_needs_permission(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.CONDITIONAL, ("5.1",))


@pytest.mark.parametrize(
    "question",
    [
        "i've got the head's go ahead to run the school twitter. can i post on it from the "
        "classroom pc?",
        "i've got the head's permission to look after the school instagram. ok to use the office "
        "computer to post on it?",
        "we've got the head's green light for me to run the school facebook. can i update it "
        "from the school ipad?",
    ],
)
def test_permission_given_in_the_leaders_name_is_approval(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.YES, ("5.1", "8.6.3"))


@pytest.mark.parametrize(
    "question",
    [
        "i've been asked to help run the school's new instagram. can i just post from my own "
        "account and tag the school?",
        "head's put me in charge of the school facebook, would it be easier to do the posts from "
        "my personal profile?",
        "i'm doing the school twitter now. any problem with tweeting the updates from my own "
        "account instead?",
    ],
)
def test_posting_for_the_school_from_ones_own_account_goes_against_separate_accounts(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("5.3",))


@pytest.mark.parametrize(
    "question",
    [
        "i'm doing a sponsored swim for the hospice, can i put the justgiving link on the school "
        "facebook page?",
        "can i use the school twitter to plug my sister's bake sale this weekend?",
        "i help run the school instagram - any issue with posting about my fundraiser for my "
        "dad's care home?",
    ],
)
def test_a_personal_fundraiser_on_the_school_account_is_a_personal_matter(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("5.4", "8.2.1"))


@pytest.mark.parametrize(
    "question",
    [
        "can i let my year 4s upload their poems to a blog for homework?",
        "thinking of having my year 9s make instagram posts for their geography project, is "
        "that ok?",
        "could i get my year 6s to share their science write-ups on a class blog?",
    ],
)
def test_pupils_set_to_post_their_work_is_social_media_in_teaching(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.CONDITIONAL, ("6.1",))


@pytest.mark.parametrize(
    "question",
    [
        "writing a linkedin post about a lad in my class who's turned his reading round. ok to "
        "put his first name and year group?",
        "doing a blog for other teachers about one of my year 3 girls and her progress, can i use "
        "her first name?",
        "can i mention a pupil's first name in a tweet about how well my year 6 did in their play?",
    ],
)
def test_being_careful_not_to_reveal_forbids_revealing_read_from_the_text(question: str) -> None:
    _check(text_engine(), question, Verdict.NO, ("7.3",))


@pytest.mark.parametrize(
    "question",
    [
        "taught her a level english like 4 years ago, she's 22 now and just asked to connect on "
        "insta. all good to accept?",
        "taught him in year 7 ages ago and he's 25 now, he's added me on facebook. fine to accept?",
        "taught them both gcse maths years back, they're 20 now and want to follow me on tiktok. "
        "ok?",
    ],
)
def test_taught_them_once_makes_an_ex_pupil(engine: AnswerEngine, question: str) -> None:
    _check(engine, question, Verdict.YES, ("8.3",))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "a boy in my form sent me a snap saying his dad punched him again last night. is it "
            "ok to deal with it myself and check in with him tomorrow?",
            Verdict.NO,
        ),
        (
            "one of my year 6s put on the class blog that she's terrified to go home at the "
            "weekend. can i wait and keep an eye on her myself?",
            Verdict.NO,
        ),
        (
            "a year 9 messaged the school instagram saying her stepdad hurts her. can i just "
            "reply to her myself and keep it between us?",
            Verdict.NO,
        ),
        (
            "a pupil posted on our class page that her mum's partner beats her. can i go "
            "straight to the dsl with it?",
            Verdict.YES,
        ),
        (
            "saw a post where a year 8 says he's scared to go home. ok to take it straight to "
            "the safeguarding lead?",
            Verdict.YES,
        ),
        (
            "a yr 7 dm'd the school account that her uncle hits her. can i go to the dsl "
            "right now?",
            Verdict.YES,
        ),
    ],
)
def test_abuse_told_with_the_adult_acting_is_a_concern_to_pass_on(
    engine: AnswerEngine, question: str, verdict: Verdict
) -> None:
    _check(engine, question, verdict, ("4.1.2",))


@pytest.mark.parametrize(
    "question",
    [
        "off to a hen do on saturday and there'll be some raunchy photos. can i stick them on my "
        "insta? i've got the school in my bio",
        "got some pretty saucy pics from my holiday, ok to put them on my facebook? my profile "
        "says i work at the school",
        "my mate took some risque photos of me at a party. can i post them on my instagram "
        "where i'm tagged at work?",
    ],
)
def test_raunchy_photos_are_sexual_content(engine: AnswerEngine, question: str) -> None:
    _check(engine, question, Verdict.NO, ("4.4", "4.4.1"))


@pytest.mark.parametrize(
    "question",
    [
        "is it alright to tweet a joke about how dim my year 8 set are?",
        "can i post a tiktok joking about how useless my year 10 class are at spelling?",
        "is it ok to put up an insta story joking about how lazy the kids in my form are?",
    ],
)
def test_a_joke_about_how_bad_pupils_are_insults_them(engine: AnswerEngine, question: str) -> None:
    _check(engine, question, Verdict.NO, ("4.5",))


@pytest.mark.parametrize(
    "question",
    [
        "some dads are mouthing off about me in a community facebook group, can i screenshot "
        "the thread and bring it to the head?",
        "a mum has been posting nasty stuff about me on the village facebook page, can i show it "
        "to the head?",
        "parents in the class whatsapp are being really rude about me. can i take screenshots to "
        "the head?",
    ],
)
def test_taking_abuse_to_the_head_is_reporting_it(engine: AnswerEngine, question: str) -> None:
    _check(engine, question, Verdict.YES, ("12.2",))


@pytest.mark.parametrize(
    "question",
    [
        "a mum won't delete a post about me, is it ok if i keep commenting on it every day until "
        "she does?",
        "my ex-colleague owes me money. can i keep messaging him on whatsapp non-stop until he "
        "pays up?",
        "a dad has been spreading rumours about me online. could i keep tagging him in posts "
        "every day till he apologises?",
    ],
)
def test_message_after_message_until_they_give_in_is_harassment(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("4.6",))


@pytest.mark.parametrize(
    "question",
    [
        "can we keep sharing silly memes about the new ta in our staff whatsapp? she's not in it",
        "is it ok to post memes about one of the dinner ladies in our group chat?",
        "a few of us make jokes about a colleague in a private snapchat group, that's fine right?",
    ],
)
def test_memes_about_one_person_attack_them(engine: AnswerEngine, question: str) -> None:
    _check(engine, question, Verdict.NO, ("4.5", "4.6"))


@pytest.mark.parametrize(
    "question",
    [
        "the head's asked me to look after the school instagram. ok to upload the sports day "
        "photos to it from my work ipad?",
        "i manage the school facebook page with the head's approval, can i post the nativity "
        "pictures on it from the office pc?",
        "i'm in charge of the school twitter (the head ok'd it). can i put the match photos up "
        "from the school laptop?",
    ],
)
def test_photos_for_the_school_page_are_not_photos_on_a_personal_page(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.YES, ("5.1", "8.6.3"))


@pytest.mark.parametrize(
    "question",
    [
        "my partner teaches here too and we're thinking of going instagram official. any rule "
        "against that?",
        "been dating a colleague for a few months, we want to be facebook official. anything "
        "against it?",
        "i'm in a relationship with one of the deputy heads, is it ok for us to go facebook "
        "official?",
    ],
)
def test_a_partner_at_school_is_a_relationship_to_declare(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.CONDITIONAL, ("4.2.1",))


@pytest.mark.parametrize(
    "question",
    [
        "i've been seeing a mum from my class and we follow each other on facebook now. can i "
        "keep it quiet at school?",
        "started dating a dad from year 4, we're friends on insta. ok to keep it to myself at "
        "work?",
        "i'm going out with a parent of a boy in year 9 and we chat on snapchat. can i keep it "
        "secret at work?",
    ],
)
def test_a_partner_spared_the_parent_ban_is_still_to_be_declared(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("4.2.1",))


@pytest.mark.parametrize(
    "question",
    [
        "thinking of naming my teaching instagram after the school so people find it. is that ok?",
        "could i use the school's name as my handle on my personal tiktok where i post science "
        "tips?",
        "want to start a podcast about teaching and call the channel after our school, any "
        "problem?",
    ],
)
def test_an_account_called_after_the_school_uses_its_name(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("7.2",))


@pytest.mark.parametrize(
    "question",
    [
        "is it alright to spend the whole afternoon on tiktok during my ppa?",
        "can i scroll instagram all afternoon during my non-contact time? there's no kids around",
        "my frees are quiet so i'm on facebook for hours a day at school, that's fine as long as "
        "no pupils are there right?",
    ],
)
def test_too_much_use_is_answered_by_the_ban_on_excessive_use(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("9.1",))


@pytest.mark.parametrize(
    "question",
    [
        "the pta want me to share the year 3 phone numbers list in their facebook group, is that "
        "ok?",
        "can i forward the team's parent contact details to the club whatsapp so they can arrange "
        "lifts?",
        "would it be ok to post the class email list in our parents facebook chat?",
    ],
)
def test_passing_round_a_contact_list_breaks_data_protection(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("4.7.1",))


@pytest.mark.parametrize(
    "question",
    [
        "can i opt out of the monitoring on the school computers when i check my personal "
        "facebook?",
        "is it ok to ask the technician to turn off the monitoring on my work laptop so my "
        "instagram stays private?",
        "i refuse to have my school ipad monitored when i'm on twitter at break, can i?",
    ],
)
def test_a_right_the_school_keeps_is_not_the_askers_to_switch_off(
    engine: AnswerEngine, question: str
) -> None:
    _check(engine, question, Verdict.NO, ("10.1",))


@pytest.mark.parametrize(
    "question",
    [
        "thinking of setting up a facebook page for the school choir so parents can see "
        "performances, can i?",
        "could we start a tiktok account for our pe department to post match highlights?",
        "i'd like to create a youtube channel for the school to share assemblies, is that allowed?",
    ],
)
def test_an_account_for_the_school_needs_the_permission_to_act_for_it(
    engine: AnswerEngine, question: str
) -> None:
    """Knowsley has no clause on creating sites: its rule on acting for the school answers."""
    _check(engine, question, Verdict.CONDITIONAL, ("5.1",))
