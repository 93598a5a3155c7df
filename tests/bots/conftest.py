"""Slack tests: a local Slack peer, and requests to /slack/events signed as Slack signs them."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

from portal.settings import Settings
from portal.web.app import create_app
from tests.bots.slack_peer import BOT_TOKEN, SlackPeer
from tests.conftest import make_settings

SIGNING_SECRET = "peer-signing-secret-0123456789abcdef"
TEAM = "T1"
SCHOOL = "clearwell"
_ids = count(1)


@pytest.fixture
async def peer() -> AsyncIterator[SlackPeer]:
    server = SlackPeer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def slack_settings(tmp_path: Path, peer: SlackPeer, **env: str) -> Settings:
    defaults = {
        "SIGNOFF_SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SIGNOFF_SLACK_BOT_TOKEN": BOT_TOKEN,
        "SIGNOFF_SLACK_DEFAULT_SCHOOL": SCHOOL,
        "SIGNOFF_SLACK_API_URL": peer.url,
    }
    return make_settings(tmp_path, **{**defaults, **env})


@dataclass
class Slack:
    """Posts to /slack/events as Slack would: form or JSON bodies, signed with the secret."""

    http: httpx.AsyncClient
    peer: SlackPeer
    secret: str = SIGNING_SECRET

    async def post(self, body: str, content_type: str, **headers: str) -> httpx.Response:
        timestamp = headers.pop("timestamp", str(int(time.time())))
        signature = headers.pop(
            "signature",
            SignatureVerifier(self.secret).generate_signature(timestamp=timestamp, body=body),
        )
        return await self.http.post(
            "/slack/events",
            content=body,
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": signature,
            },
        )

    async def command(
        self, text: str, user: str = "U1", channel: str = "C1", **headers: str
    ) -> httpx.Response:
        body = urlencode(
            {
                "command": "/policy",
                "text": text,
                "user_id": user,
                "channel_id": channel,
                "team_id": TEAM,
                "trigger_id": "trigger-1",
                "api_app_id": "APEER",
                "response_url": self.peer.response_url("command"),
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded", **headers)

    async def event(self, event: dict[str, Any], team: str = TEAM) -> httpx.Response:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": team,
                "api_app_id": "APEER",
                "type": "event_callback",
                "event": {"event_ts": event.get("ts", "1.0"), **event},
                "event_id": f"Ev{next(_ids)}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
            }
        )
        return await self.post(body, "application/json")

    async def interaction(self, payload: dict[str, Any], team: str = TEAM) -> httpx.Response:
        payload = {
            "team": {"id": team},
            "api_app_id": "APEER",
            "token": "legacy",
            "trigger_id": f"trigger-{next(_ids)}",
            **payload,
        }
        return await self.post(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )

    async def click(self, user: str, action_id: str, value: str, **payload: Any) -> httpx.Response:
        return await self.interaction(
            {
                "type": "block_actions",
                "user": {"id": user, "team_id": TEAM},
                "actions": [
                    {
                        "type": "button",
                        "action_id": action_id,
                        "block_id": "b",
                        "value": value,
                        "action_ts": "1.0",
                    }
                ],
                "response_url": self.peer.response_url("action"),
                **payload,
            }
        )


@pytest.fixture
async def slack(tmp_path: Path, peer: SlackPeer, db: None) -> AsyncIterator[Slack]:
    app = create_app(slack_settings(tmp_path, peer), manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
        yield Slack(http, peer)
