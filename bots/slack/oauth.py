"""Installing the app into a school's workspace, from an install link the school's admin was given.

Matching people by the email their workspace holds only proves who they are if the workspace
really is the school's. So an install starts from a link signed with our secret key that names
the school (`signoff slack install-link --school clearwell`); the school rides in the OAuth state,
and the redirect back from Slack records team id → school.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeTimedSerializer
from slack_bolt.error import BoltError
from slack_bolt.oauth.async_callback_options import AsyncFailureArgs
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.installation import InstallationStore, StateStore
from portal.sealing import sealer_for
from portal.settings import Settings
from portal.store.models import School

BOT_SCOPES = (
    "commands",
    "chat:write",
    "im:history",
    "im:write",
    "app_mentions:read",
    "users:read",
    "users:read.email",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
TICKET_MAX_AGE = 7 * 24 * 3600
_SALT = "slack-install"
_HTML: dict[str, str | Sequence[str]] = {"Content-Type": "text/html; charset=utf-8"}


def install_url(settings: Settings, school: str) -> str:
    """A link an office admin opens to connect the school's workspace; valid for a week."""
    ticket = _tickets(settings).dumps(school)
    return f"{settings.base_url}{INSTALL_PATH}?{urlencode({'ticket': ticket})}"


def school_in_ticket(settings: Settings, ticket: str) -> str | None:
    try:
        return str(_tickets(settings).loads(ticket, max_age=TICKET_MAX_AGE))
    except BadSignature:  # also raised for expired tickets
        return None


def _tickets(settings: Settings) -> URLSafeTimedSerializer:
    # The current key signs; an install link made before a rotation still works until it expires.
    return URLSafeTimedSerializer(settings.signing_keys, salt=_SALT)


class SchoolOAuthFlow(AsyncOAuthFlow):
    settings: AsyncOAuthSettings

    def __init__(self, signoff: Settings, client: AsyncWebClient) -> None:
        self.signoff = signoff
        super().__init__(client=client, settings=_oauth_settings(signoff))
        self.failure_handler = _failure_page

    async def handle_installation(self, request: AsyncBoltRequest) -> BoltResponse:
        if await self._school(request) is None:
            return _page(
                403,
                "This install link is not valid or has expired.",
                "Ask for a new one: signoff slack install-link --school &lt;school&gt;",
            )
        return await super().handle_installation(request)

    async def issue_new_state(self, request: AsyncBoltRequest) -> str:
        return await self.settings.state_store.async_issue(school=await self._school(request))

    async def store_installation(
        self, request: AsyncBoltRequest, installation: Installation
    ) -> None:
        state_store: StateStore = self.settings.state_store  # type: ignore[assignment]
        school = await state_store.school_of(request.query.get("state", [""])[0])
        if school is None:
            raise BoltError("this install was not started from a school's install link")
        store: InstallationStore = self.settings.installation_store  # type: ignore[assignment]
        await store.save_for_school(installation, school)

    async def _school(self, request: AsyncBoltRequest) -> School | None:
        slug = school_in_ticket(self.signoff, request.query.get("ticket", [""])[0])
        return await School.get_or_none(slug=slug) if slug else None


def _oauth_settings(signoff: Settings) -> AsyncOAuthSettings:
    slack = signoff.slack
    return AsyncOAuthSettings(
        client_id=slack.client_id,
        client_secret=slack.client_secret.value,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=signoff.base_url + REDIRECT_PATH,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False,
        installation_store=InstallationStore(sealer_for(signoff)),
        installation_store_bot_only=True,
        state_store=StateStore(expiration_seconds=600),
    )


async def _failure_page(args: AsyncFailureArgs) -> BoltResponse:
    reason = str(args.error) if isinstance(args.error, BoltError) else args.reason
    return _page(args.suggested_status_code, "Slack was not connected.", html.escape(reason))


def _page(status: int, title: str, detail_html: str) -> BoltResponse:
    body = (
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Signoff: Slack</title>"
        f"<h1>{html.escape(title)}</h1><p>{detail_html}</p></html>"
    )
    return BoltResponse(status=status, body=body, headers=dict(_HTML))
