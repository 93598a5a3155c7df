import time
from pathlib import Path

import pytest

from bots.slack.routes import routes
from portal.settings import SettingsError
from tests.bots.conftest import Slack
from tests.conftest import make_settings


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
    assert routes(make_settings(tmp_path)) == []


def test_one_workspace_needs_its_school(tmp_path: Path):
    # Refused when the settings are read, before anything starts.
    with pytest.raises(SettingsError, match="SIGNOFF_SLACK_DEFAULT_SCHOOL"):
        make_settings(
            tmp_path, SIGNOFF_SLACK_SIGNING_SECRET="s" * 32, SIGNOFF_SLACK_BOT_TOKEN="xoxb-1"
        )


async def test_a_workspace_whose_school_is_unknown_is_told_so(slack: Slack):
    await slack.command("can I post photos?")
    reply = (await slack.peer.wait_for("chat.postEphemeral"))[0].body
    assert "not connected to a school" in reply["text"]
