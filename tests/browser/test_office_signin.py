"""The office in headless Chromium against a real uvicorn: a trust administrator sets up a code
app, signs in with it, publishes a material version, and a parent who signed the old version
sees what changed. axe-core checks every office page on the way."""

from __future__ import annotations

from datetime import date

import pyotp
import pytest
from playwright.async_api import Browser, Page

from portal.store import invitations
from portal.store.models import AgreementVersion
from portal.usecases.invitations import link_token
from tests.browser.support import chromium, free_port, serious, served
from tests.conftest import make_settings
from tests.web.office_support import PASSWORD, code_at, make_office_user
from tests.web.sign_support import PLEDGE, family, sign_client, sign_form

pytestmark = pytest.mark.browser


async def test_trust_admin_signs_in_with_a_code_and_publishes_a_material_version(db, tmp_path):
    port = free_port()
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}")
    signed = await family(settings)  # a parent with a live link to the pledge, version 2024-09
    async with sign_client(settings) as parent:
        form = await parent.get(signed.url)
        assert (await parent.post(signed.url, data=sign_form(form.text))).status_code == 303
    admin = await make_office_user("admin@trust.example", role="trust_admin", name="Ada Admin")

    problems: list[str] = []
    async with served(settings, port) as base, chromium() as browser:
        page = await browser.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

        await page.goto(base + "/office/clearwell/agreements")
        assert "/office/login" in page.url
        violations = await serious(page)
        await page.fill("#email", admin.email)
        await page.fill("#password", "not it at all")
        await page.click("button:has-text('Sign in')")
        assert "do not match an account" in await page.text_content("main")
        violations += await serious(page)

        # First sign-in: the password, then setting up the code app (required for admins).
        await page.fill("#password", PASSWORD)
        await page.click("button:has-text('Sign in')")
        assert page.url.endswith("/office/enrol")
        assert await page.locator(".office-qr svg").count() == 1
        violations += await serious(page)
        totp = pyotp.TOTP((await page.text_content("#secret") or "").replace(" ", ""))
        await page.fill("#code", code_at(totp))
        await page.click("button:has-text('Confirm')")
        assert page.url == base + "/office/clearwell/agreements"
        violations += await serious(page)

        await page.click("button:has-text('Sign out')")
        assert "You have signed out." in await page.text_content("main")

        # Second sign-in: password, then a fresh code.
        await page.fill("#email", admin.email)
        await page.fill("#password", PASSWORD)
        await page.click("button:has-text('Sign in')")
        assert page.url.endswith("/office/login/code")
        violations += await serious(page)
        await page.fill("#code", code_at(totp, 1))
        await page.click("button:has-text('Continue')")
        assert page.url == base + "/office/"
        assert "All schools" in await page.text_content("h1")
        violations += await serious(page)

        await page.click("a:has-text('Clearwell')")
        violations += await serious(page)
        await page.click("nav a:has-text('Agreements')")
        await page.click("a:has-text('Pledge')")
        violations += await serious(page)

        # A label with a space is refused next to its field; nothing is published.
        await page.fill("#label", "2025 09")
        await page.click("button:has-text('Publish new version')")
        assert "may use only letters" in await page.text_content("#label-error")
        violations += await serious(page)

        text = await page.input_value("#text")
        await page.fill(
            "#text", text.replace("Persistent offenders", "Anyone who keeps doing this")
        )
        await page.fill("#label", "2025-09")
        await page.fill("#effective", date.today().isoformat())
        await page.check("#material-yes")
        await page.fill("#changes", "Clause 10.4 now covers anyone, not only offenders.")
        await page.click("button:has-text('Publish new version')")
        assert "Version 2025-09 is published" in await page.text_content(".panel")
        violations += await serious(page)

        await page.click("a:has-text('2025-09')")
        assert "What changed since version 2024-09" in await page.text_content(".changes")
        violations += await serious(page)

        # The parent who signed 2024-09 is asked again, and sees what changed.
        new = await AgreementVersion.get(label="2025-09", agreement__slug=PLEDGE)
        again = await invitations.create(
            signed.school,
            person_id=signed.parent.id,
            agreement_id=new.agreement_id,
            version_id=new.id,
            pupil_ids=[p.id for p in signed.pupils],
            expires_at=signed.invitation.expires_at,
            actor="tests",
        )
        await page.goto(f"{base}/sign/{link_token(settings, again.id)}")
        changes = await page.text_content(".changes")
        assert "What changed since you signed version 2024-09" in changes
        assert "Anyone who keeps doing this" in await page.text_content(".changes ins")
        assert "Persistent offenders" in await page.text_content(".changes del")
        violations += await serious(page)

    assert violations == []
    assert not [p for p in problems if "Content Security Policy" in p], problems


async def _signed_in_phone(browser: Browser, base: str, email: str) -> Page:
    """A 320 px wide page, signed in to the office (no code app needed)."""
    page = await browser.new_page(viewport={"width": 320, "height": 640})
    await page.goto(base + "/office/login")
    await page.fill("#email", email)
    await page.fill("#password", PASSWORD)
    await page.click("button:has-text('Sign in')")
    return page


async def test_the_roster_upload_fits_a_phone_screen(db, tmp_path):
    from tests.factories import make_school

    port = free_port()
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}")
    await make_school("clearwell", "Clearwell School")
    office = await make_office_user()
    async with served(settings, port) as base, chromium() as browser:
        page = await _signed_in_phone(browser, base, office.email)
        await page.goto(base + "/office/clearwell/roster")
        assert await page.locator("input[type=file]").count() == 1
        assert await page.evaluate("document.documentElement.scrollWidth") <= 320


async def test_wide_office_tables_scroll_on_their_own_on_a_phone(db, tmp_path):
    from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds

    port = free_port()
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}")
    await publish_seeds()
    school = await make_school("clearwell", "Clearwell School")
    await make_staff(school, "Alexandra Montgomery-Fitzwilliam", team="Senior Leadership")
    pupil = await make_pupil(school, "Bartholomew Featherstonehaugh")
    await make_parent(school, pupil, name="Constance Featherstonehaugh-Smythe")
    office = await make_office_user()
    pages = [
        "/office/clearwell/agreements",
        "/office/clearwell/agreements/staff-social-media",
        "/office/clearwell/completion",
        "/office/clearwell/completion/staff-social-media",
        "/office/clearwell/completion/staff-social-media/people",
        "/office/clearwell/completion/parents-social-media-pledge/people",
    ]
    violations: list[str] = []
    async with served(settings, port) as base, chromium() as browser:
        page = await _signed_in_phone(browser, base, office.email)
        for path in pages:
            response = await page.goto(base + path)
            assert response is not None and response.status == 200, path
            assert await page.locator("table").count() >= 1, path
            # The page itself never scrolls sideways; a table too wide for it scrolls in its
            # own region, which the keyboard can reach.
            assert await page.evaluate("document.documentElement.scrollWidth") <= 320, path
            regions = page.locator(".table-scroll[role=region][tabindex='0']")
            assert await regions.count() == await page.locator("table").count(), path
            violations += await serious(page)
    assert violations == []
