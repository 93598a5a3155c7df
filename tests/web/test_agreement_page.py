import httpx

from portal.web.app import create_app
from tests.factories import publish_seeds


async def _get(settings, path: str) -> httpx.Response:
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        return await c.get(path)


async def test_the_version_in_force_is_shown_in_full_with_its_hash(db, settings):
    catalog = await publish_seeds()
    version = catalog.agreement("clearwell", "parents-social-media-pledge").versions[-1]
    response = await _get(settings, "/agreements/clearwell/parents-social-media-pledge")
    assert response.status_code == 200
    assert "I will not discuss my grievances" in response.text
    assert version.sha256 in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]
    labelled = await _get(
        settings, f"/agreements/clearwell/parents-social-media-pledge/{version.label}"
    )
    assert labelled.status_code == 200 and "10.5" in labelled.text


async def test_unknown_school_agreement_or_version_is_404(db, settings):
    await publish_seeds()
    for path in (
        "/agreements/nowhere/staff-social-media",
        "/agreements/clearwell/nothing",
        "/agreements/clearwell/staff-social-media/1999-01",
    ):
        assert (await _get(settings, path)).status_code == 404, path
