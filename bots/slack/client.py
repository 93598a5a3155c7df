"""Every Web API client Signoff makes: pointed at the configured API URL, retrying 429s."""

from __future__ import annotations

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from portal.settings import SlackSettings

# Slack answers 429 with Retry-After; the SDK waits that long and tries again, this many times.
RATE_LIMIT_RETRIES = 5


def web_client(slack: SlackSettings, token: str | None = None) -> AsyncWebClient:
    base_url = slack.api_url if slack.api_url.endswith("/") else slack.api_url + "/"
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )
