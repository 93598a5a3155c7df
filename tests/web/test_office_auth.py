"""Signing in to the office: passwords, codes, the guess limit, CSRF, cookies, single sign-on."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pyotp
import pytest

from portal.sealing import Unsealable, sealer_for
from portal.store.accounts import record_attempt
from portal.store.audit import verify
from portal.store.office_models import LoginAttempt, OfficeSession, OfficeUser
from portal.usecases import accounts
from portal.web.auth import SESSION_COOKIE
from tests.conftest import ROOT, make_settings
from tests.factories import make_school
from tests.web.office_support import (
    PASSWORD,
    client_for,
    code_at,
    csrf,
    csrf_for,
    enrol_totp,
    make_office_user,
    post_login,
    sign_in,
)
from tests.web.oidc_peer import OidcPeer


@pytest.fixture
async def clearwell(db):
    return await make_school("clearwell", "Clearwell School")


async def test_password_sign_in_lands_on_the_users_school(clearwell, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        response = await post_login(client, "  Office@Clearwell.example ")
        assert response.status_code == 303
        assert response.headers["location"] == "/office/"
        landing = await client.get("/office/")
        assert landing.status_code == 303 and landing.headers["location"] == "/office/clearwell/"
        home = await client.get("/office/clearwell/")
        assert home.status_code == 200 and "Clearwell School" in home.text
    await user.refresh_from_db()
    assert user.last_login_at is not None


async def test_wrong_password_and_unknown_email_get_the_same_answer(clearwell, settings):
    await make_office_user()
    async with client_for(settings) as client:
        wrong = await post_login(client, "office@clearwell.example", "not the password!")
        unknown = await post_login(client, "nobody@clearwell.example", "not the password!")
        assert wrong.status_code == unknown.status_code == 400
        assert "do not match an account" in wrong.text and "do not match an account" in unknown.text
        assert (
            (await client.get("/office/clearwell/")).headers["location"].startswith("/office/login")
        )


async def test_inactive_user_cannot_sign_in(clearwell, settings):
    user = await make_office_user()
    await OfficeUser.filter(id=user.id).update(active=False)
    async with client_for(settings) as client:
        assert (await post_login(client, user.email)).status_code == 400


async def test_sixth_failure_in_fifteen_minutes_is_refused_with_429(clearwell, settings):
    await make_office_user()
    async with client_for(settings) as client:
        for _ in range(accounts.MAX_FAILURES_PER_EMAIL):
            assert (
                await post_login(client, "office@clearwell.example", "wrong guess!!")
            ).status_code == 400
        limited = await post_login(client, "office@clearwell.example")  # even the right password
        assert limited.status_code == 429
        assert "Too many unsuccessful sign-in attempts" in limited.text
        # An unknown address is limited the same way, so the limit does not reveal accounts.
        for _ in range(accounts.MAX_FAILURES_PER_EMAIL):
            await post_login(client, "ghost@clearwell.example", "wrong guess!!")
        assert (await post_login(client, "ghost@clearwell.example")).status_code == 429


async def test_limit_per_ip_covers_many_addresses(clearwell, settings):
    await make_office_user()
    # Earlier guesses at other addresses from the test client's address, as the app records them.
    for n in range(accounts.MAX_FAILURES_PER_IP - 1):
        await record_attempt(
            f"guess{n}@clearwell.example",
            "127.0.0.1",
            accounts.now(),
            succeeded=False,
            stage="password",
        )
    async with client_for(settings) as client:
        assert (
            await post_login(client, "last-guess@clearwell.example", "wrong!")
        ).status_code == 400
        assert (await post_login(client, "office@clearwell.example")).status_code == 429


async def test_limit_holds_across_app_instances(clearwell, settings):
    """Attempts live in the database, so a second process (here: a second app) sees them."""
    await make_office_user()
    async with client_for(settings) as first:
        for _ in range(accounts.MAX_FAILURES_PER_EMAIL):
            await post_login(first, "office@clearwell.example", "wrong guess!!")
    async with client_for(settings) as second:
        assert (await post_login(second, "office@clearwell.example")).status_code == 429
    assert await LoginAttempt.filter(succeeded=False).count() == accounts.MAX_FAILURES_PER_EMAIL


async def test_trust_admin_must_enrol_then_signs_in_with_code_and_replay_is_refused(db, settings):
    await make_school("clearwell", "Clearwell School")
    admin = await make_office_user("admin@trust.example", role="trust_admin", name="Ada Admin")
    async with client_for(settings) as client:
        response = await post_login(client, admin.email)
        assert response.headers["location"] == "/office/enrol"
        assert (await client.get("/office/clearwell/")).status_code == 303  # not signed in yet
        page = await client.get("/office/enrol")
        assert "<svg" in page.text and "otpauth" not in page.text.split("<svg", 1)[0]
        secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")
        totp = pyotp.TOTP(secret)
        bad = await client.post("/office/enrol", data={"code": "000000", "csrf": csrf(page.text)})
        assert bad.status_code == 400 and "not right" in bad.text
        good = await client.post(
            "/office/enrol", data={"code": code_at(totp), "csrf": csrf(bad.text)}
        )
        assert good.status_code == 303 and good.headers["location"] == "/office/"
        assert (await client.get("/office/")).status_code == 200
        await client.post("/office/logout", data={"csrf": await csrf_for(client, "/office/")})

        # Signing in again: password, then a code. The code just used at enrolment is refused.
        response = await post_login(client, admin.email)
        assert response.headers["location"] == "/office/login/code"
        token = await csrf_for(client, "/office/login/code")
        replay = await client.post(
            "/office/login/code", data={"code": code_at(totp), "csrf": token}
        )
        assert replay.status_code == 400 and "used already" in replay.text
        fresh = await client.post(
            "/office/login/code", data={"code": code_at(totp, 1), "csrf": csrf(replay.text)}
        )
        assert fresh.status_code == 303
        assert "All schools" in (await client.get("/office/")).text
    await admin.refresh_from_db()
    assert admin.totp_confirmed
    assert await verify("trust") == (2, None)  # created, then enrolled


async def test_code_guesses_count_towards_the_limit(clearwell, settings):
    user = await make_office_user()
    totp = await enrol_totp(user, settings)
    async with client_for(settings) as client:
        await post_login(client, user.email)
        for _ in range(accounts.MAX_FAILURES_PER_EMAIL):
            token = await csrf_for(client, "/office/login/code")
            await client.post("/office/login/code", data={"code": "123456", "csrf": token})
        token = await csrf_for(client, "/office/login/code")
        limited = await client.post(
            "/office/login/code", data={"code": code_at(totp), "csrf": token}
        )
        assert limited.status_code == 429


async def test_every_office_user_enrols_when_settings_say_so(clearwell, tmp_path):
    user = await make_office_user()
    settings = make_settings(tmp_path, SIGNOFF_OFFICE_TOTP_REQUIRED="true")
    async with client_for(settings) as client:
        assert (await post_login(client, user.email)).headers["location"] == "/office/enrol"


async def test_post_without_the_sessions_csrf_token_is_refused(clearwell, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        no_token = await client.post(
            "/office/login", data={"email": user.email, "password": PASSWORD}
        )
        assert no_token.status_code == 403
        forged = await client.post(
            "/office/login", data={"email": user.email, "password": PASSWORD, "csrf": "x" * 43}
        )
        assert forged.status_code == 403
        await sign_in(client, user)
        home = await client.get("/office/clearwell/agreements")
        token = csrf(home.text)
        assert (await client.post("/office/logout", data={"csrf": "stale"})).status_code == 403
        assert (await client.get("/office/clearwell/")).status_code == 200  # still signed in
        signed_out = await client.post("/office/logout", data={"csrf": token})
        assert signed_out.headers["location"] == "/office/login?signed_out=1"
        assert (await client.get("/office/clearwell/")).status_code == 303


async def test_session_cookie_is_signed_httponly_lax_and_rotated_at_sign_in(clearwell, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        before = await client.get("/office/login")
        cookie = before.headers["set-cookie"]
        assert cookie.startswith(SESSION_COOKIE + "=")
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert "secure" not in cookie.lower()  # http base URL in tests
        old_csrf = csrf(before.text)
        await sign_in(client, user)
        new_csrf = csrf((await client.get("/office/clearwell/")).text)
        assert new_csrf != old_csrf
    session = await OfficeSession.get(user_id=user.id)
    assert len(session.key_hash) == 64 and session.method == "password"


async def test_cookie_is_secure_when_the_portal_is_https(clearwell, tmp_path):
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL="https://signoff.example")
    async with client_for(settings) as client:
        cookie = (await client.get("/office/login")).headers["set-cookie"].lower()
        assert "secure" in cookie and "httponly" in cookie


async def test_a_copied_cookie_stops_working_after_sign_out(clearwell, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        stolen = client.cookies.get(SESSION_COOKIE)
        token = csrf((await client.get("/office/clearwell/")).text)
        await client.post("/office/logout", data={"csrf": token})
    async with client_for(settings) as other:
        other.cookies.set(SESSION_COOKIE, stolen)
        assert (await other.get("/office/clearwell/")).status_code == 303


async def test_idle_session_expires(clearwell, tmp_path):
    settings = make_settings(tmp_path, SIGNOFF_OFFICE_IDLE_MINUTES="0")
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        response = await client.get("/office/clearwell/")
        assert response.status_code == 303
        assert response.headers["location"] == "/office/login?next=/office/clearwell/"


async def test_api_without_a_session_gets_401_json(clearwell, settings):
    async with client_for(settings) as client:
        response = await client.get("/api/office/clearwell/agreements")
        assert response.status_code == 401
        assert response.json() == {"error": "sign in required"}


async def test_next_never_leads_off_the_office(clearwell, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        token = await csrf_for(client, "/office/login?next=https://evil.example/")
        response = await client.post(
            "/office/login",
            data={
                "email": user.email,
                "password": PASSWORD,
                "csrf": token,
                "next": "//evil.example/office/",
            },
        )
        assert response.headers["location"] == "/office/"


async def test_pages_carry_a_strict_content_security_policy(clearwell, settings):
    async with client_for(settings) as client:
        response = await client.get("/office/login")
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert "<script" not in response.text and "style=" not in response.text


# -- single sign-on against a real local provider ---------------------------------------------


@pytest.fixture
def peer():
    provider = OidcPeer().start()
    yield provider
    provider.stop()


async def _sso(client: httpx.AsyncClient, peer: OidcPeer) -> httpx.Response:
    start = await client.get("/office/sso/peer?next=/office/clearwell/agreements")
    assert start.status_code == 302 and start.headers["location"].startswith(peer.issuer)
    async with httpx.AsyncClient() as browser:  # the "browser" visiting the provider
        at_provider = await browser.get(start.headers["location"])
    assert at_provider.status_code == 302
    back = at_provider.headers["location"]
    assert back.startswith("http://testserver/office/sso/peer/callback?")
    return await client.get(back.removeprefix("http://testserver"))


async def test_single_sign_on_signs_in_the_matching_user(clearwell, tmp_path, peer):
    user = await make_office_user()
    peer.identity = {"email": "OFFICE@clearwell.example", "email_verified": True}
    async with client_for(make_settings(tmp_path, **peer.env())) as client:
        assert "Sign in with Peer" in (await client.get("/office/login")).text
        response = await _sso(client, peer)
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/office/clearwell/agreements"
        assert (await client.get("/office/clearwell/agreements")).status_code == 200
    assert peer.tokens_issued == 1
    assert (await OfficeSession.get(user_id=user.id)).method == "sso:peer"


async def test_single_sign_on_for_a_trust_admin_still_asks_for_the_code(db, tmp_path, peer):
    admin = await make_office_user("admin@trust.example", role="trust_admin")
    settings = make_settings(tmp_path, **peer.env())
    await enrol_totp(admin, settings)
    peer.identity = {"email": admin.email, "email_verified": True}
    async with client_for(settings) as client:
        response = await _sso(client, peer)
        assert response.headers["location"] == "/office/login/code"


@pytest.mark.parametrize(
    "identity",
    [
        {"email": "stranger@clearwell.example", "email_verified": True},
        {"email": "office@clearwell.example", "email_verified": False},
        {"email": "office@clearwell.example"},
    ],
    ids=["no-such-user", "unverified", "verification-unknown"],
)
async def test_single_sign_on_creates_nobody_and_trusts_only_verified_email(
    clearwell, tmp_path, peer, identity
):
    await make_office_user()
    peer.identity = identity
    async with client_for(make_settings(tmp_path, **peer.env())) as client:
        response = await _sso(client, peer)
        assert response.status_code == 403
        assert "not linked to an active Signoff account" in response.text
        assert (await client.get("/office/clearwell/")).status_code == 303
    assert await OfficeUser.all().count() == 1


async def test_entra_id_email_counts_when_the_domain_owner_is_verified(clearwell, tmp_path, peer):
    await make_office_user()
    peer.identity = {"email": "office@clearwell.example", "xms_edov": True}
    async with client_for(make_settings(tmp_path, **peer.env())) as client:
        assert (await _sso(client, peer)).status_code == 303


async def test_forged_callback_is_refused(clearwell, tmp_path, peer):
    await make_office_user()
    async with client_for(make_settings(tmp_path, **peer.env())) as client:
        response = await client.get("/office/sso/peer/callback?code=made-up&state=made-up")
        assert response.status_code == 400
        assert (await client.get("/office/clearwell/")).status_code == 303
        assert (await client.get("/office/sso/nobody")).status_code == 404


# -- `signoff user add`, as an administrator runs it ----------------------------------------------


def _signoff(*args: str, data: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SIGNOFF_DATA_DIR": str(data),
        "SIGNOFF_SECRET_KEY": "k" * 40,
        "SIGNOFF_DATABASE_URL": f"sqlite://{data / 'db.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-m", "portal", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_signoff_user_add_creates_the_first_admin_and_office_users(tmp_path: Path):
    data = tmp_path / "data"
    admin = _signoff(
        "user",
        "add",
        "--email",
        "Head@Trust.example",
        "--name",
        "Hana Head",
        "--role",
        "trust_admin",
        "--password-stdin",
        data=data,
        stdin="a long enough password\n",
    )
    assert admin.returncode == 0, admin.stderr
    assert "added trust_admin head@trust.example" in admin.stdout
    add_olu = (
        "user",
        "add",
        "--email",
        "o@clearwell.example",
        "--name",
        "Olu",
        "--role",
        "office",
        "--school",
        "clearwell",
        "--password-stdin",
    )
    office = _signoff(*add_olu, data=data, stdin="another long password\n")
    assert office.returncode == 0, office.stderr
    again = _signoff(*add_olu, data=data, stdin="another long password\n")
    assert again.returncode != 0 and "already exists" in again.stderr
    short = _signoff(
        "user",
        "add",
        "--email",
        "p@clearwell.example",
        "--name",
        "P",
        "--role",
        "office",
        "--school",
        "nowhere",
        "--password-stdin",
        data=data,
        stdin="another long password\n",
    )
    assert short.returncode != 0 and "no school 'nowhere'" in short.stderr
    prompted = _signoff(
        "user",
        "add",
        "--email",
        "q@clearwell.example",
        "--name",
        "Q",
        "--role",
        "office",
        "--school",
        "clearwell",
        data=data,
        stdin="a typed password!\na typed password!\n",
    )
    assert prompted.returncode == 0, prompted.stderr
    reset = _signoff("user", "reset-code", "--email", "head@trust.example", data=data, stdin="")
    assert reset.returncode == 0 and "set up a code app" in reset.stdout, reset.stderr


async def test_reset_code_app_ends_sessions_and_asks_for_a_new_one(db, settings):
    admin = await make_office_user("admin@trust.example", role="trust_admin")
    totp = await enrol_totp(admin, settings)
    async with client_for(settings) as client:
        await sign_in(client, admin, totp)
        assert (await client.get("/office/")).status_code == 200
        await accounts.reset_code_app("Admin@Trust.example", by="tests")
        assert (await client.get("/office/")).status_code == 303
        assert (await post_login(client, admin.email)).headers["location"] == "/office/enrol"
    assert await verify("trust") == (2, None)


async def test_unreachable_provider_gets_a_clear_message(clearwell, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/.well-known/openid-configuration"
    settings = make_settings(
        tmp_path,
        SIGNOFF_OIDC_PROVIDERS="google",
        SIGNOFF_OIDC_GOOGLE_CLIENT_ID="x",
        SIGNOFF_OIDC_GOOGLE_METADATA_URL=dead,
    )
    async with client_for(settings) as client:
        assert "Sign in with Google" in (await client.get("/office/login")).text
        response = await client.get("/office/sso/google")
        assert response.status_code == 502 and "could not reach" in response.text


async def test_a_password_alone_cannot_replace_an_enrolled_code_app(clearwell, settings):
    user = await make_office_user()
    totp = await enrol_totp(user, settings)
    async with client_for(settings) as client:
        assert (await post_login(client, user.email)).headers["location"] == "/office/login/code"
        assert (await client.get("/office/enrol")).headers["location"] == "/office/login/code"
        token = await csrf_for(client, "/office/login/code")
        forced = await client.post("/office/enrol", data={"code": "123456", "csrf": token})
        assert forced.headers["location"] == "/office/login/code"
        assert (await client.get("/office/clearwell/")).status_code == 303
    await user.refresh_from_db()
    assert user.totp_confirmed and sealer_for(settings).open(user.totp_secret) == totp.secret


# -- code app secrets are sealed at rest ----------------------------------------------------


async def _stored_secret(user: OfficeUser) -> str:
    """The column exactly as a database dump would show it."""
    stored = await OfficeUser.filter(id=user.id).values_list("totp_secret", flat=True)
    return str(stored[0])


async def test_a_code_app_secret_is_stored_sealed_and_signs_in(clearwell, settings):
    user = await make_office_user()
    totp = await enrol_totp(user, settings)
    stored = await _stored_secret(user)
    assert stored.startswith("sealed:v1:") and totp.secret not in stored
    async with client_for(settings) as client:
        await sign_in(client, user, totp)
        assert (await client.get("/office/clearwell/")).status_code == 200
    assert await _stored_secret(user) == stored  # reading a sealed value leaves it as it was


async def test_a_code_app_stored_before_sealing_still_signs_in_and_is_sealed(clearwell, settings):
    user = await make_office_user()
    totp = pyotp.TOTP(pyotp.random_base32())
    await OfficeUser.filter(id=user.id).update(
        totp_secret=totp.secret, totp_confirmed=True, totp_last_step=0
    )
    async with client_for(settings) as client:
        await sign_in(client, user, totp)
        assert (await client.get("/office/clearwell/")).status_code == 200
    stored = await _stored_secret(user)
    assert stored.startswith("sealed:v1:") and totp.secret not in stored
    assert sealer_for(settings).open(stored) == totp.secret


@pytest.mark.parametrize("damage", ["another_key", "corrupted"])
async def test_an_unreadable_code_app_refuses_sign_in_and_says_to_reset_it(
    clearwell, settings, tmp_path, caplog, damage
):
    # An office user, for whom "no code app" would mean signing in with the password alone.
    user = await make_office_user()
    totp = await enrol_totp(user, settings)
    if damage == "another_key":
        settings = make_settings(tmp_path, SIGNOFF_SECRET_KEY="a-different-key-" + "y" * 40)
    else:
        stored = await _stored_secret(user)
        await OfficeUser.filter(id=user.id).update(totp_secret=stored[:-12] + "A" * 12)
    stored = await _stored_secret(user)
    async with client_for(settings) as client:
        response = await post_login(client, user.email)
        assert response.headers["location"] == "/office/login/code"  # still asked for a code
        token = await csrf_for(client, "/office/login/code")
        refused = await client.post(
            "/office/login/code", data={"code": code_at(totp), "csrf": token}
        )
        assert refused.status_code == 403
        assert "signoff user reset-code --email office@clearwell.example" in refused.text
        assert (await client.get("/office/clearwell/")).status_code == 303  # not signed in
    assert "signoff user reset-code --email office@clearwell.example" in caplog.text
    assert totp.secret not in caplog.text and stored not in caplog.text
    # Not a guess: the user is not locked out while the administrator resets the code app.
    assert not await LoginAttempt.filter(stage="code").exists()
    await user.refresh_from_db()
    assert user.totp_confirmed and await _stored_secret(user) == stored

    # The way out the message gives: after the reset, the password signs in (an office user
    # sets up a code app again at will; a trust administrator is sent to set one up).
    await accounts.reset_code_app(user.email, by="tests")
    async with client_for(settings) as client:
        assert (await post_login(client, user.email)).headers["location"] == "/office/"


async def test_an_unreadable_unconfirmed_code_app_is_replaced_at_enrolment(db, settings, tmp_path):
    admin = await make_office_user("admin@trust.example", role="trust_admin")
    await accounts.begin_enrolment(admin, sealer_for(settings))  # scanned, never confirmed
    other = make_settings(tmp_path, SIGNOFF_SECRET_KEY="a-different-key-" + "y" * 40)
    async with client_for(other) as client:
        assert (await post_login(client, admin.email)).headers["location"] == "/office/enrol"
        page = await client.get("/office/enrol")
        secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")
        good = await client.post(
            "/office/enrol", data={"code": code_at(pyotp.TOTP(secret)), "csrf": csrf(page.text)}
        )
        assert good.status_code == 303 and good.headers["location"] == "/office/"
    assert sealer_for(other).open(await _stored_secret(admin)) == secret


# -- rotating SIGNOFF_SECRET_KEY ------------------------------------------------------------

OLD_KEY, NEW_KEY = "the-old-key-" + "o" * 40, "the-new-key-" + "n" * 40


async def test_a_code_app_sealed_under_the_previous_key_signs_in_and_is_resealed(
    clearwell, tmp_path
):
    before = make_settings(tmp_path, SIGNOFF_SECRET_KEY=OLD_KEY)
    rotated = make_settings(
        tmp_path, SIGNOFF_SECRET_KEY=NEW_KEY, SIGNOFF_SECRET_KEY_PREVIOUS=OLD_KEY
    )
    user = await make_office_user()
    totp = await enrol_totp(user, before)
    sealed_before = await _stored_secret(user)

    async with client_for(rotated) as client:
        await sign_in(client, user, totp)
        assert (await client.get("/office/clearwell/")).status_code == 200

    resealed = await _stored_secret(user)
    assert resealed != sealed_before
    assert resealed.startswith("sealed:v1:") and totp.secret not in resealed
    # Sealed under the new key: it opens with that key alone, and no longer with the old one.
    new_alone = make_settings(tmp_path, SIGNOFF_SECRET_KEY=NEW_KEY)
    assert sealer_for(new_alone).open(resealed) == totp.secret
    with pytest.raises(Unsealable):
        sealer_for(before).open(resealed)
    async with client_for(rotated) as client:  # the next sign-in leaves it as it is
        await OfficeUser.filter(id=user.id).update(totp_last_step=0)
        await sign_in(client, user, totp)
    assert await _stored_secret(user) == resealed


async def test_an_office_session_ends_when_the_key_rotates(clearwell, tmp_path):
    # Starlette's SessionMiddleware verifies with one key: a rotation signs everyone out
    # (README), and the password signs in again.
    before = make_settings(tmp_path, SIGNOFF_SECRET_KEY=OLD_KEY)
    rotated = make_settings(
        tmp_path, SIGNOFF_SECRET_KEY=NEW_KEY, SIGNOFF_SECRET_KEY_PREVIOUS=OLD_KEY
    )
    user = await make_office_user()
    async with client_for(before) as client:
        await sign_in(client, user)
        cookie = client.cookies[SESSION_COOKIE]
    async with client_for(rotated) as client:
        client.cookies.set(SESSION_COOKIE, cookie)
        assert (await client.get("/office/clearwell/")).status_code == 303
        await sign_in(client, user)
        assert (await client.get("/office/clearwell/")).status_code == 200


async def test_an_office_user_sets_up_a_code_app_from_the_code_app_link(clearwell, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        home = await client.get("/office/clearwell/")
        assert 'href="/office/enrol"' in home.text  # "Code app" in the masthead
        page = await client.get("/office/enrol")
        assert page.status_code == 200
        secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")
        done = await client.post(
            "/office/enrol", data={"code": code_at(pyotp.TOTP(secret)), "csrf": csrf(page.text)}
        )
        assert done.status_code == 200 and "Your code app is set up" in done.text
        again = await client.get("/office/enrol")
        assert again.status_code == 200 and "ask your trust administrator" in again.text
    await user.refresh_from_db()
    assert user.totp_confirmed
