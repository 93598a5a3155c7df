"""An office user in headless Chromium against a real uvicorn: sees who has signed (the numbers
the database holds), downloads the CSV, runs a campaign and watches it send, prints the paper
letters and records a paper slip. axe-core checks every page on the way."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.async_api import ConsoleMessage, Page

from portal.core.evidence import Assurance
from portal.store.agreements import load_agreements
from portal.store.models import AgreementVersion, Person
from portal.usecases.dashboard import STATUS_LABELS
from portal.usecases.obligations import roll
from portal.usecases.responses import ResponseKind, respond
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.browser.support import chromium, free_port, serious, served
from tests.conftest import make_settings
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds
from tests.mailpeer import MailPeer
from tests.web.office_support import PASSWORD, make_office_user
from tests.web.sign_support import family

pytestmark = pytest.mark.browser

STAFF = "staff-social-media"
PLEDGE = "parents-social-media-pledge"


async def _sign(person: Person, slug: str, *pupil_ids: int) -> None:
    version = await AgreementVersion.get(
        agreement__slug=slug, agreement__school_id=person.school_id
    )  # type: ignore[attr-defined]
    await sign_agreement(
        SignRequest(
            person.school_id,
            person.id,
            version.agreement_id,
            version.id,  # type: ignore[attr-defined]
            tuple(str(p) for p in pupil_ids) or ("self",),
            version.sha256,
        ),
        Evidence(typed_name=person.full_name, channel="email-link", assurance=Assurance.EMAIL_LINK),
    )


async def _school() -> None:
    await publish_seeds()
    school = await make_school("clearwell")
    for n in range(6):
        person = await make_staff(
            school, name=f"Teacher {n}", team="Teachers" if n % 2 else "Support"
        )
        if n < 4:
            await _sign(person, STAFF)
    await make_staff(school, name="Sam Site", email=None)
    for n in range(5):
        pupil = await make_pupil(school, f"Pupil {n}", f"Year {n % 2 + 3}", f"{n % 2 + 3}A")
        parent = await make_parent(school, pupil, name=f"Parent {n}", email=None if n == 4 else "")
        if n < 2:
            await _sign(parent, PLEDGE, pupil.id)


async def _expected(slug: str) -> Counter[str]:
    """The straightforward count: each subject's standing, one at a time."""
    agreement = next(a for a in await load_agreements("clearwell") if a.slug == slug)
    today = datetime.now(UTC).date()
    return Counter(
        STATUS_LABELS[s.standing.status] for s in (await roll(agreement, today)).subjects
    )


def _shown(html: str) -> Counter[str]:
    """The summary table's numbers, as the page shows them."""
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", html, re.S).group(1)  # type: ignore[union-attr]
    body = re.search(r"<tbody><tr>(.*?)</tr></tbody>", html, re.S).group(1)  # type: ignore[union-attr]
    names = re.findall(r"<th[^>]*>(.*?)</th>", head)
    values = [int(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", body)[:5]]
    return Counter({n: v for n, v in zip(names, values, strict=False) if v})


async def _sign_in(page: Page, base: str, email: str) -> None:
    await page.goto(base + "/office/login")
    await page.fill("#email", email)
    await page.fill("#password", PASSWORD)
    await page.click("button:has-text('Sign in')")


def _note_error(errors: list[str], message: ConsoleMessage) -> None:
    # The portal has no favicon: Chromium asking for one is not a fault of these pages.
    if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
        errors.append(f"{message.text} {message.location}")


async def test_office_sees_completion_downloads_csv_and_runs_a_campaign(db, tmp_path: Path):
    peer = MailPeer()
    peer.start()
    port = free_port()
    settings = make_settings(
        tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}", SIGNOFF_SMTP_URL=peer.url
    )
    await _school()
    user = await make_office_user()
    violations: list[str] = []
    errors: list[str] = []
    try:
        async with served(settings, port) as base, chromium() as browser:
            page = await browser.new_page(accept_downloads=True)
            page.on("console", lambda m: _note_error(errors, m))
            await _sign_in(page, base, user.email)

            await page.goto(base + "/office/clearwell/completion")
            assert await page.locator("svg.bar[role=img]").count() == 2
            violations += await serious(page)

            for slug in (STAFF, PLEDGE):
                await page.goto(f"{base}/office/clearwell/completion/{slug}")
                assert _shown(await page.content()) == await _expected(slug), slug
                violations += await serious(page)

            async with page.expect_download() as download_info:
                await page.click("text=Download everyone as CSV")
            download = await download_info.value
            text = await asyncio.to_thread(Path(await download.path()).read_text, "utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0][0] == "Pupil" and len(rows) == 6
            assert Counter(r[2] for r in rows[1:]) == await _expected(PLEDGE)

            await page.goto(
                f"{base}/office/clearwell/completion/{STAFF}/people?status=never_signed"
            )
            assert await page.locator("tbody tr").count() == 3
            violations += await serious(page)
            await page.locator("tbody tr th a").first.click()  # one person's evidence
            await page.get_by_text("Download the evidence bundle (JSON)").wait_for()
            violations += await serious(page)

            # A campaign: start it, see who must sign, send it and watch the progress.
            await page.goto(base + "/office/clearwell/campaigns")
            violations += await serious(page)
            await page.click("text=Start a campaign")
            violations += await serious(page)
            await page.select_option("#agreement", STAFF)
            await page.fill("#name", "Spring staff")
            await page.click("button:has-text('Continue')")
            assert "3 people must sign" in re.sub(r"<[^>]+>", "", await page.content())
            violations += await serious(page)
            await page.click("button:has-text('Send to 2 by email now')")
            await page.wait_for_selector("text=Finished.")
            assert "2 of 3 done" not in (await page.text_content("main") or "")
            assert "3 of 3 done: 2 emailed" in (await page.text_content("main") or "")
            violations += await serious(page)
            assert len(peer.messages) == 2

            await page.click("text=Back to the campaign")
            await page.click("text=print their letters with a QR code")
            assert await page.locator(".letter svg[role=img]").count() == 1
            assert "Sam Site" in (await page.text_content("main") or "")
            violations += await serious(page)

            await page.click("text=recorded by the office")
            await page.fill("#q", "Sam")
            await page.click("button:has-text('Find')")
            await page.click("text=Sam Site")
            violations += await serious(page)
            await page.fill("#reason", "Signed the slip in the staff room")
            await page.click("button:has-text('Record the signature')")
            assert "has been recorded" in (await page.text_content("main") or "")

            await page.goto(base + "/office/clearwell/term-dates")
            violations += await serious(page)

            await page.goto(f"{base}/office/clearwell/completion/{STAFF}")
            assert _shown(await page.content()) == await _expected(STAFF)
            assert _shown(await page.content())["Signed"] == 5
    finally:
        peer.stop()
    assert violations == []
    assert not errors, "\n".join(errors)


async def test_office_answers_a_parents_question_from_the_school_page(db, tmp_path: Path):
    port = free_port()
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}")
    fam = await family(settings)
    await respond(
        settings,
        fam.invitation.id,
        ResponseKind.QUESTION,
        "Is the class WhatsApp group covered?\nWe have one.",
        ip="203.0.113.7",
        user_agent="TestPhone/1.0",
        now=datetime.now(UTC),
    )
    user = await make_office_user()
    violations: list[str] = []
    async with served(settings, port) as base, chromium() as browser:
        page = await browser.new_page()
        await _sign_in(page, base, user.email)
        await page.wait_for_url(base + "/office/clearwell/")
        assert "1 reply is waiting for an answer." in (await page.text_content("main") or "")
        violations += await serious(page)

        await page.click("text=Questions, refusals and wrong addresses")
        reply = page.locator(".reply")
        assert await reply.count() == 1
        assert "Is the class WhatsApp group covered?" in (await reply.text_content() or "")
        violations += await serious(page)

        await page.click("button:has-text('Mark as answered')")
        main = await page.text_content("main") or ""
        assert "The reply is marked as answered." in main and "No replies are waiting." in main
        assert await page.locator("text=Answered recently").count() == 1
        violations += await serious(page)
    assert violations == []


async def test_office_imports_the_roster_from_the_browser(db, tmp_path: Path):
    port = free_port()
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}")
    await publish_seeds()
    await make_school("clearwell")
    user = await make_office_user()
    export = tmp_path / "staff.csv"
    export.write_text(
        "Staff ID,Forename,Surname,Email,Staff Teams\r\n"
        "S1,Ann,Lee,ann@clearwell.example,Maths\r\n"
        "S2,Bo,Ray,,Science\r\n",
        encoding="utf-8",
    )
    violations: list[str] = []
    async with served(settings, port) as base, chromium() as browser:
        page = await browser.new_page()
        await _sign_in(page, base, user.email)
        await page.wait_for_url(base + "/office/clearwell/")
        await page.get_by_text("Nobody is on the roster yet").wait_for()
        await page.get_by_role("link", name="Import the roster").click()
        violations += await serious(page)
        await page.get_by_label("CSV file from the MIS").set_input_files(str(export))
        await page.get_by_role("button", name="Check the file").click()
        await page.get_by_role("heading", name="What importing staff.csv would change").wait_for()
        assert "Bo Ray" in (await page.text_content("main") or "")  # no email: paper route
        violations += await serious(page)
        await page.get_by_role("button", name="Import staff.csv").click()
        await page.get_by_text("staff.csv is imported").wait_for()
        violations += await serious(page)
        await page.goto(base + "/office/clearwell/")
        await page.get_by_text("2 staff, 0 pupils and 0 parents and carers").wait_for()
        violations += await serious(page)
    assert await Person.filter(kind="staff", school__slug="clearwell").count() == 2
    assert violations == []
