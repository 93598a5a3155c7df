"""Who is asking: the school a workspace belongs to, and the roster person a Slack user is."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from tortoise.exceptions import IntegrityError

from bots.slack.client import web_client
from bots.slack.installation import open_tokens
from portal.sealing import Sealer
from portal.settings import SlackSettings
from portal.store.models import Person, School
from portal.store.slack_models import SlackIdentity, SlackInstallation


class Unmatched(StrEnum):
    """Why a Slack user could not be matched to the staff roster."""

    NO_SCHOOL = "no_school"
    NO_EMAIL = "no_email"
    UNCONFIRMED_EMAIL = "unconfirmed_email"
    NOT_ON_ROSTER = "not_on_roster"
    AMBIGUOUS = "ambiguous"
    LOOKUP_FAILED = "lookup_failed"


@dataclass(frozen=True, slots=True)
class Match:
    person: Person | None
    email: str = ""
    problem: Unmatched | None = None


async def school_for_team(slack: SlackSettings, team_id: str | None) -> School | None:
    """Multi-workspace: the school that installed the app; single workspace: the default school."""
    if not slack.client_id:
        return await single_workspace_school(slack)
    if not team_id:
        return None
    installation = await SlackInstallation.get_or_none(team_id=team_id).select_related("school")
    return installation.school if installation is not None else None


async def single_workspace_school(slack: SlackSettings) -> School | None:
    """SIGNOFF_SLACK_DEFAULT_SCHOOL, or the deployment's only school when it has just one."""
    if slack.default_school:
        return await School.get_or_none(slug=slack.default_school)
    schools = await School.all().limit(2)
    return schools[0] if len(schools) == 1 else None


async def match_user(client: AsyncWebClient, school: School, team_id: str, user_id: str) -> Match:
    """The staff member behind a Slack user, by the email Slack holds for them; remembered."""
    linked = await _linked(school, team_id, user_id)
    if linked is not None:
        return linked
    try:
        user = (await client.users_info(user=user_id))["user"]
    except SlackApiError:
        return Match(None, problem=Unmatched.LOOKUP_FAILED)
    email = (user.get("profile") or {}).get("email") or ""
    if not email:
        return Match(None, problem=Unmatched.NO_EMAIL)
    if user.get("is_email_confirmed") is False:
        return Match(None, email, Unmatched.UNCONFIRMED_EMAIL)
    return await _match_email(school, team_id, user_id, email)


async def slack_user_for(
    client: AsyncWebClient, school: School, team_id: str, person: Person
) -> str:
    """A staff member's Slack user id, looked up by roster email once. Raises SlackApiError."""
    link = await SlackIdentity.get_or_none(school=school, person=person, team_id=team_id)
    if link is not None:
        return link.user_id
    user = (await client.users_lookupByEmail(email=person.email or ""))["user"]
    await _remember(school, person, team_id, user["id"], person.email or "")
    return str(user["id"])


async def _linked(school: School, team_id: str, user_id: str) -> Match | None:
    link = await SlackIdentity.get_or_none(
        school=school, team_id=team_id, user_id=user_id
    ).select_related("person")
    if link is None:
        return None
    if link.person.kind != "staff" or link.person.left_at is not None:
        return Match(None, link.email, Unmatched.NOT_ON_ROSTER)
    return Match(link.person, link.email)


async def _match_email(school: School, team_id: str, user_id: str, email: str) -> Match:
    people = await Person.filter(
        school=school, kind="staff", left_at__isnull=True, email__iexact=email
    ).limit(2)
    if not people:
        return Match(None, email, Unmatched.NOT_ON_ROSTER)
    if len(people) > 1:
        return Match(None, email, Unmatched.AMBIGUOUS)
    await _remember(school, people[0], team_id, user_id, email)
    return Match(people[0], email)


async def _remember(school: School, person: Person, team_id: str, user_id: str, email: str) -> None:
    with suppress(IntegrityError):  # a concurrent event linked the same user first
        await SlackIdentity.create(
            school=school, person=person, team_id=team_id, user_id=user_id, email=email
        )


class NotConnected(LookupError):
    """The school has no Slack workspace to send through."""


async def workspace_for(slack: SlackSettings, school: School, sealer: Sealer) -> tuple[str, str]:
    """The bot token and team id that act for the school (auth.test names the team when single)."""
    if slack.client_id:
        installation = await SlackInstallation.get_or_none(school=school)
        if installation is None:
            raise NotConnected(f"{school.slug} has not installed the Slack app")
        tokens = await open_tokens(installation, sealer)
        if tokens is None:
            raise NotConnected(
                f"{school.slug}'s Slack token cannot be read (SIGNOFF_SECRET_KEY changed, "
                "without the old key in SIGNOFF_SECRET_KEY_PREVIOUS?): "
                f"reinstall the Slack app from `signoff slack install-link --school {school.slug}`"
            )
        return tokens[0], installation.team_id
    connected = await single_workspace_school(slack)
    if connected is None or connected.id != school.id or not slack.bot_token:
        raise NotConnected(
            f"Slack is set up for {connected.slug if connected else 'no school'}, not {school.slug}"
        )
    team = (await web_client(slack, slack.bot_token.value).auth_test())["team_id"]
    return slack.bot_token.value, str(team)
