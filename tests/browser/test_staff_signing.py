"""A member of staff opens their sign link on a phone: the whole policy, read at 320 px."""

from __future__ import annotations

import pytest

from portal.usecases.invitations import link_token
from tests.browser.support import chromium, free_port, served
from tests.conftest import make_settings
from tests.web.sign_support import staff_invitation

pytestmark = pytest.mark.browser


async def test_a_staff_policy_fits_a_phone_screen(db, tmp_path):
    # Clearwell's staff policy ends with signature lines drawn as long runs of dots.
    port = free_port()
    settings = make_settings(tmp_path, SIGNOFF_BASE_URL=f"http://127.0.0.1:{port}")
    invitation = await staff_invitation("clearwell", "Sam Teacher", email="sam@clearwell.example")
    async with served(settings, port) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": 320, "height": 640})
        response = await page.goto(f"{base}/sign/{link_token(settings, invitation.id)}")
        assert response is not None and response.status == 200
        assert "Signed …" in (await page.text_content("main") or "")
        assert await page.evaluate("document.documentElement.scrollWidth") <= 320
