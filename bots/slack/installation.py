"""Bolt's installation and OAuth state stores, kept in Signoff's database.

The app asks for bot scopes only, so an installation is one bot token per workspace, and each
workspace belongs to exactly one school. Tokens are stored sealed (portal.sealing); a workspace
whose token cannot be opened counts as not installed until the school installs the app again.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt.error import BoltError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from tortoise.transactions import in_transaction

from portal.sealing import Sealer, Unsealable
from portal.store import audit
from portal.store.models import School
from portal.store.sealed import opened
from portal.store.slack_models import SlackInstallation, SlackOAuthState

_logger = logging.getLogger(__name__)


class InstallationStore(AsyncInstallationStore):
    def __init__(self, sealer: Sealer) -> None:
        self.sealer = sealer

    @property
    def logger(self) -> logging.Logger:
        return _logger

    async def save_for_school(self, installation: Installation, school: School) -> None:
        """Link the workspace to the school that started the install; audited."""
        team_id = installation.team_id or ""
        async with in_transaction() as conn:
            taken = (
                await SlackInstallation.filter(team_id=team_id)
                .exclude(school=school)
                .using_db(conn)
            )
            other = (
                await SlackInstallation.filter(school=school)
                .exclude(team_id=team_id)
                .using_db(conn)
            )
            if taken or other:
                raise BoltError(_conflict(school, team_id, other[0] if other else None))
            await SlackInstallation.update_or_create(
                defaults={**_bot_fields(installation.to_bot(), self.sealer), "school": school},
                team_id=team_id,
                using_db=conn,
            )
            await audit.record(
                "slack.installed",
                actor=f"slack:{installation.user_id}",
                subject=f"slack-team:{team_id}",
                school=school,
                connection=conn,
                data={"team_id": team_id, "team_name": installation.team_name or ""},
            )

    async def async_save(self, installation: Installation) -> None:
        await self.async_save_bot(installation.to_bot())

    async def async_save_bot(self, bot: Bot) -> None:
        """Token rotation refreshes an existing workspace; new ones come via save_for_school."""
        updated = await SlackInstallation.filter(team_id=bot.team_id).update(
            **_bot_fields(bot, self.sealer)
        )
        if not updated:
            raise BoltError("a new workspace must be installed from a school's install link")

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        row = await SlackInstallation.get_or_none(team_id=team_id or "")
        if row is None:
            return None
        tokens = await open_tokens(row, self.sealer)
        if tokens is None:
            return None  # Bolt then answers as for a workspace that never installed the app
        return Bot(
            app_id=row.app_id,
            enterprise_id=row.enterprise_id,
            team_id=row.team_id,
            team_name=row.team_name,
            bot_token=tokens[0],
            bot_id=row.bot_id,
            bot_user_id=row.bot_user_id,
            bot_scopes=row.bot_scopes,
            bot_refresh_token=tokens[1],
            bot_token_expires_at=row.bot_token_expires_at,
            installed_at=row.installed_at.timestamp(),
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await SlackInstallation.filter(team_id=team_id or "").delete()

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        if user_id is None:  # no user tokens are ever stored: only a whole workspace goes
            await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)


async def open_tokens(row: SlackInstallation, sealer: Sealer) -> tuple[str, str | None] | None:
    """The bot token and refresh token, or None (logged) when they cannot be opened."""
    try:
        token = await opened(row, "bot_token", sealer)
        refresh = await opened(row, "bot_refresh_token", sealer)
        return token or "", refresh
    except Unsealable:
        # Which workspace and what to do, never the stored value.
        school = await School.get_or_none(id=row.school_id)  # type: ignore[attr-defined]
        slug = school.slug if school is not None else "SLUG"
        _logger.error(
            "the Slack bot token of workspace %s (school %s) cannot be opened: "
            "SIGNOFF_SECRET_KEY has changed since it was stored and the old key is not in "
            "SIGNOFF_SECRET_KEY_PREVIOUS, or it is damaged. Slack is "
            "unusable for that school until its Slack admin reinstalls the app from a new "
            "install link (signoff slack install-link --school %s)",
            row.team_id,
            slug,
            slug,
        )
        return None


def _bot_fields(bot: Bot, sealer: Sealer) -> dict[str, Any]:
    expires = bot.bot_token_expires_at
    refresh = bot.bot_refresh_token
    return {
        "team_name": bot.team_name or "",
        "enterprise_id": bot.enterprise_id,
        "app_id": bot.app_id or "",
        "bot_id": bot.bot_id or "",
        "bot_user_id": bot.bot_user_id,
        "bot_token": sealer.seal(bot.bot_token or ""),
        "bot_scopes": ",".join(bot.bot_scopes or ()),
        "bot_refresh_token": sealer.seal(refresh) if refresh else None,
        "bot_token_expires_at": datetime.fromtimestamp(expires, UTC) if expires else None,
        "installed_at": datetime.fromtimestamp(bot.installed_at, UTC),
    }


def _conflict(school: School, team_id: str, other: SlackInstallation | None) -> str:
    if other is not None:
        return (
            f"{school.name} is already connected to the Slack workspace "
            f"{other.team_name or other.team_id}. Disconnect it first "
            f"(signoff slack disconnect --school {school.slug})."
        )
    return f"The Slack workspace {team_id} is already connected to another school."


class StateStore(AsyncOAuthStateStore):
    """One row per install started: which school it is for, consumed once."""

    def __init__(self, expiration_seconds: int) -> None:
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        return _logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        school: School = kwargs["school"]
        state = secrets.token_urlsafe(32)
        expires_at = datetime.now(UTC) + timedelta(seconds=self.expiration_seconds)
        await SlackOAuthState.create(state=state, school=school, expires_at=expires_at)
        return state

    async def async_consume(self, state: str) -> bool:
        now = datetime.now(UTC)
        consumed = await SlackOAuthState.filter(
            state=state or "", consumed_at__isnull=True, expires_at__gt=now
        ).update(consumed_at=now)
        return consumed == 1

    async def school_of(self, state: str) -> School | None:
        row = await SlackOAuthState.get_or_none(state=state).select_related("school")
        return row.school if row is not None else None


async def disconnect_school(slug: str, *, by: str) -> bool:
    """Forget a school's workspace and its token; audited. False when it had none."""
    school = await School.get_or_none(slug=slug)
    if school is None:
        return False
    async with in_transaction() as conn:
        installation = await SlackInstallation.filter(school=school).using_db(conn).first()
        if installation is None:
            return False
        await installation.delete(using_db=conn)
        await audit.record(
            "slack.disconnected",
            actor=by,
            subject=f"slack-team:{installation.team_id}",
            school=school,
            connection=conn,
            data={"team_id": installation.team_id},
        )
    return True
