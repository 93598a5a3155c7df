"""Asking the policy bot: `/policy …`, a direct message, or an @-mention in a channel.

Bolt acknowledges first; the answer is posted through the Web API afterwards. Answers in channels
are ephemeral until the asker shares them.
"""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack import blocks
from bots.slack.context import school, signoff
from bots.slack.identity import Unmatched
from bots.slack.post import Place, tell
from bots.slack.views import unmatched_text
from portal.core.agreements import Audience
from portal.core.answers import Answer, InvalidQuestion, UnknownSchool, Verdict
from portal.store.published import Published


def register(app: AsyncApp) -> None:
    app.command("/policy")(ask_by_command)
    app.event("app_mention")(ask_by_mention)
    app.event("message")(ask_by_message)
    app.action("answer_share")(share_answer)


async def ask_by_command(
    ack: AsyncAck,
    command: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
    respond: AsyncRespond,
) -> None:
    await ack()
    place = Place(command["channel_id"], command["user_id"], None, private=False)
    await _reply(client, context, command.get("text", ""), place, respond)


async def ask_by_mention(
    event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    place = Place(
        event["channel"], event["user"], event.get("thread_ts") or event["ts"], private=False
    )
    await _reply(client, context, event.get("text", ""), place)


async def ask_by_message(
    event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    # Edits, joins and other bots' messages arrive as message events too.
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return
    place = Place(
        event["channel"], event["user"], event.get("thread_ts") or event["ts"], private=True
    )
    await _reply(client, context, event.get("text", ""), place)


async def _reply(
    client: AsyncWebClient,
    context: AsyncBoltContext,
    text: str,
    place: Place,
    respond: AsyncRespond | None = None,
) -> None:
    message, fallback = await _compose(context, blocks.strip_mentions(text), place)
    await tell(client, place, message, fallback, respond)


async def _compose(
    context: AsyncBoltContext, question: str, place: Place
) -> tuple[list[blocks.Block], str]:
    found = school(context)
    if found is None:
        text = unmatched_text(Unmatched.NO_SCHOOL, "", "")
        return [blocks.section(text)], text
    policies = await signoff(context).policies.current()
    try:
        answer = _ask(policies, found.slug, question)
    except InvalidQuestion as exc:
        text = blocks.HELP if not question.strip() else f"I can't answer that: {exc}."
        return [blocks.section(text)], text
    except UnknownSchool:
        text = f"{found.name} has no policies in Signoff yet."
        return [blocks.section(text)], text
    # A safeguarding concern is nobody else's business: it is never offered for sharing.
    private = place.private or answer.verdict is Verdict.SAFEGUARDING
    share = "" if private else blocks.share_value(question, place.thread_ts)
    message = blocks.answer_blocks(
        answer, question, lambda a: policies.title(found.slug, a), share=share
    )
    return message, blocks.answer_text(answer)


async def share_answer(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
    respond: AsyncRespond,
) -> None:
    """Post the asker's ephemeral answer for the whole channel to see, then remove the original."""
    await ack()
    found = school(context)
    if found is None:
        return
    shared = json.loads(action["value"])
    policies = await signoff(context).policies.current()
    answer = _ask(policies, found.slug, shared["q"])
    message = blocks.answer_blocks(
        answer,
        shared["q"],
        lambda a: policies.title(found.slug, a),
        asked_by=body["user"]["id"],
        feedback=False,
    )
    text = blocks.answer_text(answer)
    if await _post_in_channel(client, respond, body["channel"]["id"], shared["t"], message, text):
        await respond(delete_original=True)


def _ask(policies: Published, school: str, question: str) -> Answer:
    """Staff ask in Slack, so answers come from the staff agreements.

    Raises InvalidQuestion (empty or too long) and UnknownSchool.
    """
    return policies.engine.ask(school, question, Audience.STAFF)


async def _post_in_channel(
    client: AsyncWebClient,
    respond: AsyncRespond,
    channel: str,
    thread_ts: str,
    message: list[blocks.Block],
    text: str,
) -> bool:
    """Post the shared answer; when Slack refuses for lack of access, tell the asker instead."""
    try:
        await client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts or None,
            blocks=message,
            text=text,
        )
    except SlackApiError as exc:
        if exc.response.get("error") not in {"channel_not_found", "not_in_channel"}:
            raise
        await respond(
            text="I can't post in this channel. Invite me first (`/invite @Signoff`), "
            "then share again.",
            response_type="ephemeral",
            replace_original=False,
        )
        return False
    return True
