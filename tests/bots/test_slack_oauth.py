import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from bots.slack.installation import InstallationStore
from bots.slack.nudge import NudgeError, nudge_unsigned
from bots.slack.oauth import install_url
from portal.sealing import sealer_for
from portal.settings import Settings
from portal.store.models import AuditEvent
from portal.store.slack_models import SlackInstallation
from portal.web.app import create_app
from tests.bots.conftest import Slack, slack_settings
from tests.bots.slack_peer import SlackPeer
from tests.factories import make_school, publish_seeds

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "peer-client-secret"

# slack_sdk sends oauth.v2.access credentials with aiohttp's BasicAuth, which aiohttp 3.14
# deprecates; it is slack_sdk's to change (it still works until aiohttp 4).
pytestmark = pytest.mark.filterwarnings(
    "ignore:BasicAuth is deprecated:DeprecationWarning:slack_sdk.web.async_base_client"
)


def _oauth_settings(tmp_path: Path, peer: SlackPeer, **env: str) -> Settings:
    """An install through OAuth: no bot token or default school of its own."""
    return slack_settings(
        tmp_path,
        peer,
        SIGNOFF_SLACK_BOT_TOKEN="",
        SIGNOFF_SLACK_DEFAULT_SCHOOL="",
        SIGNOFF_SLACK_CLIENT_ID=CLIENT_ID,
        SIGNOFF_SLACK_CLIENT_SECRET=CLIENT_SECRET,
        **env,
    )


@pytest.fixture
def settings(tmp_path: Path, peer: SlackPeer) -> Settings:
    peer.app_credentials = (CLIENT_ID, CLIENT_SECRET)
    return _oauth_settings(tmp_path, peer)


@pytest.fixture
async def http(settings: Settings, db: None) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(settings) as client:
        yield client


def _client(settings: Settings) -> httpx.AsyncClient:
    app = create_app(settings, manage_database=False)
    # Bolt's state cookie is Secure, so the browser must be on https.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


async def _install(http: httpx.AsyncClient, settings: Settings, school: str, code: str):
    started = await http.get(_path(install_url(settings, school)))
    assert started.status_code == 302
    authorize = urlsplit(started.headers["location"])
    query = parse_qs(authorize.query)
    assert authorize.netloc == "slack.com" and query["client_id"] == [CLIENT_ID]
    assert "users:read.email" in query["scope"][0].split(",")
    assert query["redirect_uri"] == ["http://testserver/slack/oauth_redirect"]
    return await http.get(
        "/slack/oauth_redirect", params={"code": code, "state": query["state"][0]}
    )


async def test_installing_from_a_schools_link_maps_the_team_to_the_school(
    http: httpx.AsyncClient, settings: Settings, peer: SlackPeer
):
    await publish_seeds()
    await make_school("clearwell")
    peer.add_install("code-1", "T42", "xoxb-clearwell", "Clearwell Staff")

    finished = await _install(http, settings, "clearwell", "code-1")

    assert finished.status_code == 200
    access = peer.called("oauth.v2.access")[0]
    assert access.body["code"] == "code-1"
    assert access.body["redirect_uri"] == "http://testserver/slack/oauth_redirect"
    installation = await SlackInstallation.get(team_id="T42").select_related("school")
    assert installation.school.slug == "clearwell"
    # Sealed at rest: a dump of the table does not hand out the workspace's bot token.
    assert installation.bot_token.startswith("sealed:v1:")
    assert "xoxb-clearwell" not in installation.bot_token
    assert sealer_for(settings).open(installation.bot_token) == "xoxb-clearwell"
    assert installation.team_name == "Clearwell Staff"
    assert await AuditEvent.filter(action="slack.installed", chain="clearwell").exists()

    # Events from that team now act for Clearwell, with Clearwell's token.
    peer.add_user("U7", "nobody@clearwell.example")
    slack = Slack(http, peer)
    response = await slack.event(
        {"type": "app_home_opened", "user": "U7", "tab": "home"}, team="T42"
    )
    assert response.status_code == 200
    publish = (await peer.wait_for("views.publish"))[0]
    assert publish.token == "xoxb-clearwell"
    assert "Clearwell School" in publish.body["view"]["blocks"][0]["text"]["text"]


async def test_an_install_needs_a_valid_link(http: httpx.AsyncClient, settings: Settings):
    await make_school("clearwell")
    assert (await http.get("/slack/install")).status_code == 403
    forged = install_url(settings, "clearwell").replace("ticket=", "ticket=x")
    assert (await http.get(_path(forged))).status_code == 403


async def test_a_state_is_good_for_one_install_only(
    http: httpx.AsyncClient, settings: Settings, peer: SlackPeer
):
    await make_school("clearwell")
    peer.add_install("code-1", "T42", "xoxb-clearwell")
    started = await http.get(_path(install_url(settings, "clearwell")))
    state = parse_qs(urlsplit(started.headers["location"]).query)["state"][0]
    assert (
        await http.get("/slack/oauth_redirect", params={"code": "code-1", "state": state})
    ).status_code == 200
    # Success clears the browser's state cookie; a replay that brings it back still fails.
    params = {"code": "code-1", "state": state}
    assert (await http.get("/slack/oauth_redirect", params=params)).status_code == 400
    cookie = {"Cookie": f"slack-app-oauth-state={state}"}
    replay = await http.get("/slack/oauth_redirect", params=params, headers=cookie)
    assert replay.status_code == 401
    assert await SlackInstallation.all().count() == 1


async def test_one_workspace_per_school(
    http: httpx.AsyncClient, settings: Settings, peer: SlackPeer
):
    await make_school("clearwell")
    await make_school("stockham")
    peer.add_install("code-1", "T42", "xoxb-1")
    peer.add_install("code-2", "T42", "xoxb-2")
    peer.add_install("code-3", "T99", "xoxb-3")
    assert (await _install(http, settings, "clearwell", "code-1")).status_code == 200

    taken = await _install(http, settings, "stockham", "code-2")
    assert taken.status_code == 500 and "already connected to another school" in taken.text
    second = await _install(http, settings, "clearwell", "code-3")
    assert second.status_code == 500 and "already connected" in second.text
    assert await SlackInstallation.all().values_list("team_id", flat=True) == ["T42"]

    again = await _install(http, settings, "clearwell", "code-1")  # reinstalling refreshes
    assert again.status_code == 200


async def test_a_token_stored_before_sealing_still_works_and_is_sealed(
    http: httpx.AsyncClient, settings: Settings, peer: SlackPeer
):
    school = await make_school("clearwell")
    await SlackInstallation.create(
        school=school,
        team_id="T42",
        bot_token="xoxb-legacy",
        bot_refresh_token="xoxe-legacy",
        installed_at=datetime.now(UTC),
    )
    peer.add_install("never-used", "T42", "xoxb-legacy")  # so the peer knows the token's team
    peer.tokens.add("xoxb-legacy")
    peer.add_user("U7", "nobody@clearwell.example")
    response = await Slack(http, peer).event(
        {"type": "app_home_opened", "user": "U7", "tab": "home"}, team="T42"
    )
    assert response.status_code == 200
    assert (await peer.wait_for("views.publish"))[0].token == "xoxb-legacy"
    row = await SlackInstallation.get(team_id="T42")
    for stored, plain in ((row.bot_token, "xoxb-legacy"), (row.bot_refresh_token, "xoxe-legacy")):
        assert stored and stored.startswith("sealed:v1:") and plain not in stored
        assert sealer_for(settings).open(stored) == plain


async def test_a_token_sealed_with_another_key_is_unusable_until_reinstalled(
    http: httpx.AsyncClient,
    settings: Settings,
    peer: SlackPeer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
):
    await publish_seeds()
    await make_school("clearwell")
    peer.add_install("code-1", "T42", "xoxb-clearwell")
    peer.add_install("code-2", "T42", "xoxb-fresh")
    assert (await _install(http, settings, "clearwell", "code-1")).status_code == 200
    changed = slack_settings(
        tmp_path,
        peer,
        SIGNOFF_SECRET_KEY="a-different-key-" + "y" * 40,
        SIGNOFF_SLACK_BOT_TOKEN="",
        SIGNOFF_SLACK_DEFAULT_SCHOOL="",
        SIGNOFF_SLACK_CLIENT_ID=CLIENT_ID,
        SIGNOFF_SLACK_CLIENT_SECRET=CLIENT_SECRET,
    )
    store = InstallationStore(sealer_for(changed))

    with caplog.at_level(logging.ERROR, logger="bots.slack.installation"):
        assert await store.async_find_bot(enterprise_id=None, team_id="T42") is None
        with pytest.raises(NudgeError, match="reinstall the Slack app"):
            await nudge_unsigned(changed, "clearwell", "staff-social-media", step=1, pace=0)
    assert "install-link --school clearwell" in caplog.text and "T42" in caplog.text
    assert "xoxb-clearwell" not in caplog.text and "sealed:v1:" not in caplog.text
    assert not peer.called("chat.postMessage")

    # Installing again stores a token sealed with the key now in use.
    async with _client(changed) as client:
        assert (await _install(client, changed, "clearwell", "code-2")).status_code == 200
    bot = await store.async_find_bot(enterprise_id=None, team_id="T42")
    assert bot is not None and bot.bot_token == "xoxb-fresh"


async def test_tokens_and_install_links_from_before_a_key_rotation_keep_working(
    http: httpx.AsyncClient, settings: Settings, peer: SlackPeer, tmp_path: Path
):
    await publish_seeds()
    await make_school("clearwell")
    await make_school("stockham")
    peer.add_install("code-1", "T42", "xoxb-clearwell")
    peer.add_install("code-2", "T99", "xoxb-stockham")
    assert (await _install(http, settings, "clearwell", "code-1")).status_code == 200
    link_before = install_url(settings, "stockham")
    sealed_before = (await SlackInstallation.get(team_id="T42")).bot_token
    assert sealed_before.startswith("sealed:v1:")

    def keys(**env: str) -> Settings:
        return _oauth_settings(tmp_path, peer, **env)

    new_key = "the-new-key-" + "n" * 40
    rotated = keys(
        SIGNOFF_SECRET_KEY=new_key, SIGNOFF_SECRET_KEY_PREVIOUS=settings.secret_key.value
    )
    dropped = keys(SIGNOFF_SECRET_KEY=new_key)

    async with _client(rotated) as client:
        peer.add_user("U7", "nobody@clearwell.example")
        response = await Slack(client, peer).event(
            {"type": "app_home_opened", "user": "U7", "tab": "home"}, team="T42"
        )
        assert response.status_code == 200
        assert (await peer.wait_for("views.publish"))[0].token == "xoxb-clearwell"
        # An install link handed out before the rotation still starts an install.
        started = await client.get(_path(link_before))
        assert started.status_code == 302

    # Read once under the new key, the token is resealed with it.
    row = await SlackInstallation.get(team_id="T42")
    assert row.bot_token != sealed_before and "xoxb-clearwell" not in row.bot_token
    assert sealer_for(dropped).open(row.bot_token) == "xoxb-clearwell"
    bot = await InstallationStore(sealer_for(dropped)).async_find_bot(
        enterprise_id=None, team_id="T42"
    )
    assert bot is not None and bot.bot_token == "xoxb-clearwell"

    async with _client(dropped) as client:  # the old key gone, so is the old link
        assert (await client.get(_path(link_before))).status_code == 403
