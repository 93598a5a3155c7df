import json

from bots.slack.blocks import VERDICTS
from portal.store.slack_models import AnswerFeedback
from tests.bots.conftest import SCHOOL, Slack
from tests.factories import make_school, make_staff, publish_reworded, publish_seeds

QUESTION = "Yr 6 girl keeps sending me friend requests on fb. can i just accept to stop her asking?"


async def _school(slack: Slack) -> None:
    await publish_seeds()
    school = await make_school(SCHOOL)
    await make_staff(school, "Tess Teacher", "tess@clearwell.example")
    slack.peer.add_user("U1", "tess@clearwell.example")


async def _direct_message(slack: Slack, text: str) -> None:
    await slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": "U1",
            "text": text,
            "ts": "10.000100",
        }
    )


def _answer(blocks: list[dict]) -> dict[str, object]:
    """What a reader sees: the verdict line, the quoted clause, its reference, the buttons."""
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    contexts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    buttons = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    verdict = sections[0].split("\n")[0].strip("*")
    return {"verdict": verdict, "sections": sections, "contexts": contexts, "buttons": buttons}


def _assert_cited(seen: dict) -> None:
    assert seen["verdict"] in VERDICTS.values()
    assert seen["verdict"] == "⛔ No"
    assert seen["sections"][1].startswith("> ")  # the clause, quoted in the policy's words
    assert any("version 2024-09" in c and "clause 6." in c for c in seen["contexts"])


async def test_slash_command_answers_only_the_asker(slack: Slack):
    await _school(slack)
    response = await slack.command(QUESTION, user="U1", channel="C1")
    assert response.status_code == 200 and response.text == ""

    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    assert (reply["channel"], reply["user"]) == ("C1", "U1")
    seen = _answer(reply["blocks"])
    _assert_cited(seen)
    assert seen["buttons"] == ["answer_helpful", "answer_not_helpful", "answer_share"]
    assert reply["text"].startswith("⛔ No")
    assert slack.peer.called("chat.postMessage") == []


async def test_answers_quote_a_version_published_after_the_first_answer(slack: Slack):
    await _school(slack)
    await slack.command(QUESTION)
    before = _answer((await slack.peer.wait_for("chat.postEphemeral"))[0].body["blocks"])
    await publish_reworded(
        SCHOOL, "staff-social-media", "personal social media", "private social media"
    )
    await slack.command(QUESTION)
    after = _answer((await slack.peer.wait_for("chat.postEphemeral", 2))[1].body["blocks"])
    _assert_cited(before)
    assert after["verdict"] == "⛔ No"
    assert any("version 2099-01" in c and "clause 6." in c for c in after["contexts"])
    assert "private social media" in after["sections"][1]


async def test_a_direct_message_is_answered_in_its_thread(slack: Slack):
    await _school(slack)
    await _direct_message(slack, QUESTION)
    reply = (await slack.peer.wait_for("chat.postMessage"))[0].body
    assert (reply["channel"], reply["thread_ts"]) == ("D1", "10.000100")
    seen = _answer(reply["blocks"])
    _assert_cited(seen)
    assert "answer_share" not in seen["buttons"]  # nobody else is in a DM


async def test_a_mention_is_answered_in_its_thread_for_the_asker_only(slack: Slack):
    await _school(slack)
    await slack.event(
        {
            "type": "app_mention",
            "channel": "C1",
            "user": "U1",
            "ts": "11.000100",
            "text": f"<@UBOT> {QUESTION}",
        }
    )
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    assert (reply["channel"], reply["user"], reply["thread_ts"]) == ("C1", "U1", "11.000100")
    _assert_cited(_answer(reply["blocks"]))


async def test_edits_and_bot_messages_are_not_questions(slack: Slack):
    await _school(slack)
    await slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": "U1",
            "subtype": "message_changed",
            "ts": "12.0",
        }
    )
    await slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": "U2",
            "bot_id": "B2",
            "text": "beep",
            "ts": "13.0",
        }
    )
    await slack.command("", user="U1")  # the last request, answered with help
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    assert "/policy" in reply["text"]
    assert slack.peer.called("chat.postMessage") == []


async def test_share_in_channel_posts_the_answer_for_everyone(slack: Slack):
    await _school(slack)
    await slack.command(QUESTION, user="U1", channel="C1")
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    share = next(
        e
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "answer_share"
    )

    await slack.click(
        "U1",
        "answer_share",
        share["value"],
        channel={"id": "C1"},
        container={"type": "message", "is_ephemeral": True, "channel_id": "C1"},
    )

    public = (await slack.peer.wait_for("chat.postMessage"))[0].body
    assert public["channel"] == "C1"
    seen = _answer(public["blocks"])
    assert seen["buttons"] == []
    assert seen["contexts"][0].startswith("<@U1> asked:")
    deleted = (await slack.peer.wait_for("response_url"))[0].body
    assert deleted["delete_original"] is True


async def test_feedback_is_stored_with_the_question_and_clause(slack: Slack):
    await _school(slack)
    await _direct_message(slack, QUESTION)
    reply = (await slack.peer.wait_for("chat.postMessage"))[0].body
    helpful = next(
        e
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "answer_not_helpful"
    )
    about = json.loads(helpful["value"])

    await slack.click(
        "U1",
        "answer_not_helpful",
        helpful["value"],
        channel={"id": "D1"},
        container={
            "type": "message",
            "is_ephemeral": False,
            "channel_id": "D1",
            "thread_ts": "10.000100",
        },
    )

    thanks = (await slack.peer.wait_for("chat.postMessage", 2))[1].body
    assert thanks["thread_ts"] == "10.000100" and "Thanks" in thanks["text"]
    feedback = await AnswerFeedback.get().select_related("person")
    assert feedback.person.full_name == "Tess Teacher"
    assert (feedback.question, feedback.helpful, feedback.chat_user_id) == (QUESTION, False, "U1")
    assert (feedback.verdict, feedback.version) == ("no", "2024-09")
    assert feedback.agreement == "staff-social-media" and feedback.clause_ref == about["r"] != ""


async def test_a_safeguarding_concern_is_never_offered_for_sharing(slack: Slack):
    await _school(slack)
    concern = "a pupil told me she is being hurt at home and posted about it on tiktok"
    await slack.command(concern, user="U1", channel="C1")
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    seen = _answer(reply["blocks"])
    assert seen["verdict"] == "🛟 Safeguarding"
    assert "answer_share" not in seen["buttons"]


async def test_a_question_too_long_to_answer_is_explained(slack: Slack):
    await _school(slack)
    await slack.command("can I " + "really " * 400 + "post this?", user="U1")
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    assert reply["text"].startswith("I can't answer that")


async def test_replies_are_retried_when_slack_rate_limits_them(slack: Slack):
    await _school(slack)
    slack.peer.rate_limit("chat.postEphemeral", 1)
    response = await slack.command(QUESTION, user="U1", channel="C1")
    assert response.status_code == 200  # acknowledged before the reply was even tried
    await slack.peer.wait_for("chat.postEphemeral", 2)
    assert [c.status for c in slack.peer.called("chat.postEphemeral")] == [429, 200]
