"""Socket Mode, for trying the app without a public URL (development only)."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bots.slack.app import create_slack_app
from portal.settings import Settings, SettingsError
from portal.store.published import PublishedAgreements


async def serve_socket_mode(settings: Settings) -> None:
    """Take events over a WebSocket until interrupted; replies still go through the Web API."""
    if settings.slack.client_id or not settings.slack.bot_token:
        raise SettingsError(
            "Socket Mode runs one workspace: set SIGNOFF_SLACK_BOT_TOKEN and "
            "SIGNOFF_SLACK_DEFAULT_SCHOOL, and leave SIGNOFF_SLACK_CLIENT_ID unset"
        )
    app = create_slack_app(settings, PublishedAgreements(curation_root=settings.agreements_dir))
    handler = AsyncSocketModeHandler(app, settings.slack.socket_mode_app_token.value)
    try:
        await handler.start_async()  # type: ignore[no-untyped-call]
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
