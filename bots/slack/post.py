"""Where replies go: in the asker's DM thread, only to the asker in a channel, or a fresh DM."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.blocks import Block


@dataclass(frozen=True, slots=True)
class Place:
    """Where a question was asked, so the reply goes there."""

    channel: str
    user: str
    thread_ts: str | None
    private: bool
    """A direct message: the reply is an ordinary message, nobody else can see it anyway."""


async def tell(
    client: AsyncWebClient,
    place: Place,
    message: list[Block],
    text: str,
    respond: AsyncRespond | None = None,
) -> None:
    """In a DM's thread, or elsewhere only to the asker."""
    if place.private:
        await client.chat_postMessage(
            channel=place.channel, thread_ts=place.thread_ts, blocks=message, text=text
        )
        return
    try:
        await client.chat_postEphemeral(
            channel=place.channel,
            user=place.user,
            thread_ts=place.thread_ts,
            blocks=message,
            text=text,
        )
    except SlackApiError as exc:
        # A slash command works in channels the bot is not in; its response_url still does.
        if respond is None or exc.response.get("error") not in {
            "channel_not_found",
            "not_in_channel",
        }:
            raise
        await respond(blocks=message, text=text, response_type="ephemeral")


async def direct_message(
    client: AsyncWebClient, user_id: str, message: list[Block], text: str
) -> str:
    """Open (or find) the DM with the user and post there; the DM's channel id."""
    channel = str((await client.conversations_open(users=user_id))["channel"]["id"])
    await client.chat_postMessage(channel=channel, blocks=message, text=text)
    return channel
