"""What every listener finds in Bolt's context: Signoff's settings, the policies, the school."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from slack_bolt.context.async_context import AsyncBoltContext

from bots.slack.identity import school_for_team
from portal.settings import Settings
from portal.store.models import School
from portal.store.published import PublishedAgreements

_KEY = "signoff"


@dataclass(frozen=True, slots=True)
class Signoff:
    settings: Settings
    policies: PublishedAgreements


def signoff(context: AsyncBoltContext) -> Signoff:
    found: Signoff = context[_KEY]
    return found


def school(context: AsyncBoltContext) -> School | None:
    found: School | None = context.get("school")
    return found


def attach(deps: Signoff) -> Callable[..., Awaitable[None]]:
    """Global middleware: runs after Bolt has verified the request and authorised the team."""

    async def middleware(context: AsyncBoltContext, next: Callable[[], Awaitable[None]]) -> None:
        context[_KEY] = deps
        context["school"] = await school_for_team(deps.settings.slack, context.team_id)
        await next()

    return middleware
