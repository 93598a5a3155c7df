import re

from portal.store.models import AuditEvent, Invitation
from tests.web.sign_support import family, sign_client

SECURITY = {
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
}


async def test_page_shows_who_what_and_the_full_text(db, settings):
    fam = await family(settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    async with sign_client(settings) as client:
        response = await client.get(fam.url)
    assert response.status_code == 200
    html = response.text
    who = "For <strong>Jane Smith</strong>, parent or carer of "
    assert who + "Amy Smith (Year 4) and Ben Smith (Year 1)" in html
    assert "Clearwell School" in html
    assert "<h1>Parents&#39; Social Media Pledge</h1>" in html
    assert "2024-09, in force from 1 September 2024" in html
    for number in ("10.1", "10.2", "10.5"):
        assert f'class="clause__number">{number}</p>' in html
    assert "I have read the Clearwell School parents" in html  # the statement agreed
    assert 'name="name"' in html and 'type="checkbox"' in html and ">Sign</button>" in html
    assert "<script" not in html  # works with JavaScript off: there is none
    assert "This isn’t me" in html and "I have a question, or I don’t agree" in html


async def test_token_pages_send_security_headers(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        for path in (fam.url, fam.url + "/respond?kind=question", "/sign/nonsense"):
            response = await client.get(path)
            for header, value in SECURITY.items():
                assert response.headers[header] == value, (path, header)


async def test_first_opening_is_audited_once(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        for _ in range(3):
            assert (await client.get(fam.url)).status_code == 200
    opened = await AuditEvent.filter(action="invitation.opened")
    assert len(opened) == 1
    assert opened[0].subject == f"invitation:{fam.invitation.id}"
    assert opened[0].data["user_agent"] == "TestPhone/1.0"
    assert (await Invitation.get(id=fam.invitation.id)).opened_at is not None


async def test_staff_page_has_no_pupils(db, settings):
    fam = await family(settings, children=())
    async with sign_client(settings) as client:
        html = (await client.get(fam.url)).text
    assert re.search(r"For <strong>Jane Smith</strong></p>", html)
