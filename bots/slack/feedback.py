"""Helpful or not: each verdict on an answer is kept, so the school sees what the bot gets wrong."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack import blocks
from bots.slack.context import school
from bots.slack.identity import match_user
from bots.slack.post import Place, tell
from portal.store.slack_models import AnswerFeedback


def register(app: AsyncApp) -> None:
    app.action("answer_helpful")(record_feedback)
    app.action("answer_not_helpful")(record_feedback)


async def record_feedback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
    respond: AsyncRespond,
) -> None:
    await ack()
    found = school(context)
    if found is None:
        return
    about = json.loads(action["value"])
    user, team = body["user"]["id"], context.team_id or ""
    match = await match_user(client, found, team, user)
    helpful = action["action_id"] == "answer_helpful"
    await AnswerFeedback.create(
        school=found,
        person=match.person,
        channel="slack",
        chat_team_id=team,
        chat_user_id=user,
        question=about["q"],
        verdict=about["v"],
        agreement=about["a"],
        clause_ref=about["r"],
        version=about["n"],
        helpful=helpful,
    )
    container = body.get("container") or {}
    where = Place(
        body["channel"]["id"],
        user,
        container.get("thread_ts"),
        private=not container.get("is_ephemeral", False),
    )
    text = "Thanks, noted." if helpful else "Thanks. I've passed that on so the answer can improve."
    await tell(client, where, [blocks.section(text)], text, respond)
