import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bots.slack.routes import routes
from portal.settings import SettingsError
from portal.store.published import PublishedAgreements
from portal.web.app import create_app
from tests.bots.conftest import Slack, slack_settings
from tests.bots.slack_peer import SlackPeer
from tests.conftest import make_settings
from tests.factories import make_school, publish_seeds


async def test_requests_with_a_wrong_signature_are_rejected(slack: Slack):
    response = await slack.command("can I post photos?", signature="v0=" + "0" * 64)
    assert response.status_code == 401
    assert slack.peer.calls == []


async def test_requests_signed_with_another_secret_are_rejected(slack: Slack):
    slack.secret = "some-other-secret"
    response = await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
    assert response.status_code == 401


async def test_replayed_requests_with_an_old_timestamp_are_rejected(slack: Slack):
    stale = str(int(time.time()) - 10 * 60)
    response = await slack.command("can I post photos?", timestamp=stale)
    assert response.status_code == 401
    assert slack.peer.calls == []


async def test_url_verification_is_answered(slack: Slack):
    body = '{"type": "url_verification", "challenge": "abc123", "token": "legacy"}'
    response = await slack.post(body, "application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "abc123"}


def test_no_slack_routes_without_slack_settings(tmp_path: Path):
    assert routes(make_settings(tmp_path), PublishedAgreements()) == []


def test_an_oauth_client_id_needs_its_secret(tmp_path: Path):
    # Refused when the settings are read, before anything starts.
    with pytest.raises(SettingsError, match="SIGNOFF_SLACK_CLIENT_SECRET"):
        make_settings(
            tmp_path, SIGNOFF_SLACK_SIGNING_SECRET="s" * 32, SIGNOFF_SLACK_CLIENT_ID="1.2"
        )


async def _signed_slack(tmp_path: Path, peer: SlackPeer) -> AsyncIterator[Slack]:
    # Only the signing secret and a bot token: nothing else configured.
    settings = slack_settings(tmp_path, peer, SIGNOFF_SLACK_DEFAULT_SCHOOL="")
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://testserver"
    ) as http:
        yield Slack(http, peer)


async def test_secret_and_token_alone_serve_the_only_school(db, tmp_path: Path, peer: SlackPeer):
    await publish_seeds("clearwell")
    async for slack in _signed_slack(tmp_path, peer):
        assert (await slack.command("can I post photos of pupils?")).status_code == 200
        reply = (await peer.wait_for("chat.postEphemeral"))[0].body
        assert "not connected to a school" not in json.dumps(reply)
        assert reply["text"].startswith("⛔ No") and "6.9" in reply["text"]  # Clearwell 6.9


async def test_secret_and_token_alone_with_several_schools_say_which_is_missing(
    db, tmp_path: Path, peer: SlackPeer
):
    await make_school("clearwell", "Clearwell School")
    await make_school("stockham", "Stockham Primary School")
    async for slack in _signed_slack(tmp_path, peer):
        await slack.command("can I post photos?")
        reply = (await peer.wait_for("chat.postEphemeral"))[0].body
        assert "not connected to a school" in reply["text"]


async def test_a_workspace_whose_school_is_unknown_is_told_so(slack: Slack):
    await slack.command("can I post photos?")
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    assert "not connected to a school" in reply["text"]
