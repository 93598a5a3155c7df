"""create_slack_app(settings, published): Bolt, configured for one workspace or for many (OAuth)."""

from __future__ import annotations

from logging import Logger

from slack_bolt.async_app import AsyncApp

from bots.slack import ask, feedback, home, nudge, sign
from bots.slack.client import web_client
from bots.slack.context import Signoff, attach
from bots.slack.oauth import SchoolOAuthFlow
from portal.settings import Settings, SettingsError
from portal.store.published import PublishedAgreements


def create_slack_app(settings: Settings, published: PublishedAgreements) -> AsyncApp:
    slack = settings.slack
    _check(settings)
    if slack.client_id:
        client = web_client(slack)
        app = AsyncApp(
            name="signoff",
            signing_secret=slack.signing_secret.value,
            client=client,
            oauth_flow=SchoolOAuthFlow(settings, client),
            installation_store_bot_only=True,
        )
        # Removing the app from a workspace deletes its installation, so its token is gone too.
        app.enable_token_revocation_listeners()
    else:
        app = AsyncApp(
            name="signoff",
            signing_secret=slack.signing_secret.value,
            client=web_client(slack, slack.bot_token.value),
        )
        app.event("app_uninstalled")(_token_gone)
        app.event("tokens_revoked")(_token_gone)
    app.use(attach(Signoff(settings, published)))
    for listeners in (ask, feedback, home, sign, nudge):
        listeners.register(app)
    return app


async def _token_gone(logger: Logger) -> None:
    logger.warning(
        "Slack says the app was removed from the workspace or its token revoked: replies and "
        "nudges fail until it is reinstalled and SIGNOFF_SLACK_BOT_TOKEN is updated"
    )


def _check(settings: Settings) -> None:
    slack = settings.slack
    if slack.client_id and not slack.client_secret:
        raise SettingsError("SIGNOFF_SLACK_CLIENT_SECRET is required with SIGNOFF_SLACK_CLIENT_ID")
