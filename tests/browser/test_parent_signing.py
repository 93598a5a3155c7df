"""A parent's whole journey, for real: roster import → invite → SMTP → Chromium → receipt.

The app runs under a real uvicorn on this test's event loop; mail goes to a real aiosmtpd.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.async_api import Page

from portal.cli.demo import import_demo
from portal.settings import Settings
from portal.store.models import Acknowledgement, AgreementVersion, Invitation, Person, SignResponse
from portal.usecases.invitations import invite
from tests.browser.support import chromium, free_port, serious, served
from tests.conftest import make_settings
from tests.factories import publish_seeds
from tests.mailpeer import MailPeer, text_of

pytestmark = pytest.mark.browser

PLEDGE = "parents-social-media-pledge"
# Three parents from the Clearwell demo export, one per way of signing.
MOUSE, NO_SCRIPT, KEYBOARD = (
    "funmilayo.adeyemi@example.com",
    "sadia.ahmed@example.com",
    "segun.adeyemi@example.net",
)


@pytest.fixture
def journey(tmp_path: Path, mail_peer: MailPeer) -> tuple[Settings, int]:
    port = free_port()
    settings = make_settings(
        tmp_path,
        SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}",
        SIGNOFF_SMTP_URL=mail_peer.url,
        SIGNOFF_MAIL_FROM="Clearwell School <office@clearwell.example>",
    )
    return settings, port


async def _invite_everyone(settings: Settings, mail_peer: MailPeer) -> None:
    await publish_seeds()
    await import_demo()
    report = await invite(settings, "clearwell", PLEDGE)
    assert report.sent and not [f for f in report.failed if "paper" not in f.reason]
    await mail_peer.wait_for(len(report.sent))


def _link_for(mail_peer: MailPeer, address: str) -> str:
    [message] = mail_peer.to(address)
    match = re.search(r"(http://127\.0\.0\.1:\d+/sign/\S+)", text_of(message))
    assert match, "no sign link in the invitation email"
    return match.group(1)


async def _stored(address: str) -> list[Acknowledgement]:
    person = await Person.get(email=address)
    acks = await Acknowledgement.filter(person=person)
    version = await AgreementVersion.get(
        agreement__slug=PLEDGE, agreement__school__slug="clearwell"
    )
    assert acks and all(a.version_sha256 == version.sha256 for a in acks)
    assert all(a.channel == "email-link" and a.user_agent for a in acks)
    return acks


async def _check_pdf(page: Page, sha256: str, tmp_path: Path) -> None:
    async with page.expect_download() as waiting:
        await page.get_by_role("link", name="Download your certificate (PDF)").click()
    target = tmp_path / "certificate.pdf"
    await (await waiting.value).save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = await _pdf_text(target)
        assert sha256 in text.replace("\n", "")


async def _pdf_text(path: Path) -> str:
    proc = await asyncio.create_subprocess_exec(
        "pdftotext", str(path), "-", stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0
    return out.decode()


async def test_parent_signs_from_the_emailed_link(db, journey, mail_peer, tmp_path):
    settings, port = journey
    await _invite_everyone(settings, mail_peer)
    link = _link_for(mail_peer, MOUSE)
    async with served(settings, port), chromium() as browser:
        context = await browser.new_context(
            viewport={"width": 320, "height": 640}, accept_downloads=True, bypass_csp=True
        )
        page = await context.new_page()
        response = await page.goto(link)
        assert response is not None and response.status == 200
        await page.screenshot(path=str(tmp_path / "sign-320.png"), full_page=False)
        assert await page.evaluate("document.documentElement.scrollWidth") <= 320
        assert await serious(page) == []
        await page.get_by_label("Your full name").fill("Funmilayo Adeyemi")
        await page.get_by_role("checkbox").check()
        await page.get_by_role("button", name="Sign").click()
        await page.get_by_role("heading", name="Signed – thank you").wait_for()
        assert await serious(page) == []
        acks = await _stored(MOUSE)
        await _check_pdf(page, acks[0].version_sha256, tmp_path)
        await context.close()
    receipt = [m for m in mail_peer.to(MOUSE) if m["Subject"].startswith("Signed")]
    assert receipt and acks[0].version_sha256 in text_of(receipt[0])


async def test_parent_signs_with_javascript_off(db, journey, mail_peer, tmp_path):
    settings, port = journey
    await _invite_everyone(settings, mail_peer)
    link = _link_for(mail_peer, NO_SCRIPT)
    async with served(settings, port), chromium() as browser:
        context = await browser.new_context(java_script_enabled=False, accept_downloads=True)
        page = await context.new_page()
        await page.goto(link)
        await page.get_by_role("button", name="Sign").click()  # nothing filled in
        await page.get_by_text("There is a problem").wait_for()
        assert await page.get_by_label("Your full name").get_attribute("aria-invalid") == "true"
        await page.get_by_label("Your full name").fill("Sadia Ahmed")
        await page.get_by_role("checkbox").check()
        await page.get_by_role("button", name="Sign").click()
        await page.get_by_role("heading", name="Signed – thank you").wait_for()
        acks = await _stored(NO_SCRIPT)
        await _check_pdf(page, acks[0].version_sha256, tmp_path)
        await context.close()


async def test_parent_signs_by_keyboard_alone(db, journey, mail_peer):
    settings, port = journey
    await _invite_everyone(settings, mail_peer)
    link = _link_for(mail_peer, KEYBOARD)
    async with served(settings, port), chromium() as browser:
        page = await browser.new_page()
        await page.goto(link)
        await _tab_to(page, "name")
        await page.keyboard.type("Segun Adeyemi")
        await page.keyboard.press("Tab")
        assert await _focused(page) == "agree"
        await page.keyboard.press("Space")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == "Sign"
        await page.keyboard.press("Enter")
        await page.get_by_role("heading", name="Signed – thank you").wait_for()
    await _stored(KEYBOARD)


async def test_second_parent_is_told_their_child_is_covered(db, journey, mail_peer):
    # Tobi Adeyemi's mother and father both have parental responsibility; one signature is enough.
    settings, port = journey
    await _invite_everyone(settings, mail_peer)
    mothers, fathers = _link_for(mail_peer, MOUSE), _link_for(mail_peer, KEYBOARD)
    async with served(settings, port), chromium() as browser:
        page = await browser.new_page(viewport={"width": 320, "height": 640})
        await page.goto(mothers)
        await page.get_by_label("Your full name").fill("Funmilayo Adeyemi")
        await page.get_by_role("checkbox").check()
        await page.get_by_role("button", name="Sign").click()
        await page.get_by_role("heading", name="Signed – thank you").wait_for()
        await page.goto(fathers)
        await page.get_by_role("heading", name="You don’t need to sign").wait_for()
        notice = await page.text_content(".covered") or ""
        assert "Another adult with parental responsibility for Tobi Adeyemi" in notice
        assert "Funmilayo" not in notice
        assert await page.evaluate("document.documentElement.scrollWidth") <= 320
        assert await serious(page) == []


async def _focused(page: Page) -> str:
    return str(await page.evaluate("document.activeElement && document.activeElement.id"))


async def _tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await _focused(page) == element_id:
            return
    pytest.fail(f"#{element_id} never took focus by Tab")


async def test_parent_whose_link_ran_out_gets_a_new_one(db, journey, mail_peer):
    settings, port = journey
    await _invite_everyone(settings, mail_peer)
    link = _link_for(mail_peer, MOUSE)
    await Invitation.all().update(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    async with served(settings, port), chromium() as browser:
        page = await browser.new_page()
        await page.goto(link)
        await page.get_by_role("heading", name="This link has expired").wait_for()
        await page.get_by_role("link", name="Email me a new link").click()
        assert await serious(page) == []
        await page.get_by_role("button", name="Email me a new link").click()  # nothing typed
        await page.get_by_text("There is a problem").wait_for()
        assert await page.get_by_label("Your email address").get_attribute("aria-invalid") == "true"
        assert await serious(page) == []
        await page.get_by_label("Your email address").fill(MOUSE.upper())
        await page.get_by_role("button", name="Email me a new link").click()
        await page.get_by_role("heading", name="Check your email").wait_for()
        assert await serious(page) == []
        [_, fresh] = await mail_peer.wait_for(2, to=MOUSE)
        match = re.search(r"(http://127\.0\.0\.1:\d+/sign/\S+)", text_of(fresh))
        assert match and match.group(1) != link
        await page.goto(match.group(1))
        await page.get_by_label("Your full name").fill("Funmilayo Adeyemi")
        await page.get_by_role("checkbox").check()
        await page.get_by_role("button", name="Sign").click()
        await page.get_by_role("heading", name="Signed – thank you").wait_for()
    await _stored(MOUSE)


async def test_parent_checks_the_policy_then_asks_the_school(db, journey, mail_peer):
    settings, port = journey
    await _invite_everyone(settings, mail_peer)
    link = _link_for(mail_peer, KEYBOARD)
    async with served(settings, port), chromium() as browser:
        page = await browser.new_page()
        await page.goto(link)
        await page.get_by_role("link", name="I have a question, or I don’t agree").click()
        await page.get_by_role("button", name="Send to the school").click()  # nothing typed yet
        await page.get_by_role("heading", name="There is a problem").wait_for()
        error = await page.locator("#message-error").inner_text()
        assert " ".join(error.split()) == "Error: Type your question, so the school can answer it"
        assert await serious(page) == []
        await page.get_by_label("Your message").fill("Can I share the class photo on Facebook?")
        await page.get_by_role("button", name="See what the policy says first").click()
        await page.get_by_role("heading", name="What Clearwell School’s policies say").wait_for()
        assert await serious(page) == []
        assert await page.get_by_label("Your message").input_value() == (
            "Can I share the class photo on Facebook?"
        )
        await page.get_by_role("button", name="Send to the school").click()
        await page.get_by_role("heading", name="Sent to the school").wait_for()
    [reply] = await SignResponse.all()
    assert reply.message == "Can I share the class photo on Facebook?"
