"""The App Home tab: each agreement the person must keep signed, and where they stand."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.context import school, signoff
from bots.slack.duties import my_agreements
from bots.slack.identity import Match, Unmatched, match_user
from bots.slack.views import home_view, unmatched_home, unmatched_text


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(home_opened)


async def home_opened(
    event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    if event.get("tab", "home") == "home":
        await publish_home(client, context, event["user"])


async def publish_home(
    client: AsyncWebClient, context: AsyncBoltContext, user_id: str, match: Match | None = None
) -> None:
    found = school(context)
    if found is None:
        view = unmatched_home(unmatched_text(Unmatched.NO_SCHOOL, "", ""))
    else:
        match = match or await match_user(client, found, context.team_id or "", user_id)
        if match.person is None:
            view = unmatched_home(
                unmatched_text(match.problem or Unmatched.NOT_ON_ROSTER, match.email, found.name)
            )
        else:
            mine = await my_agreements(found, match.person, signoff(context).settings.due_soon_days)
            view = home_view(found.name, match.person.full_name, mine)
    await client.views_publish(user_id=user_id, view=view)
