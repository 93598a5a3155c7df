import httpx

from portal.web.app import create_app


async def test_healthz_answers_when_the_database_does(db, settings):
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_the_bare_address_leads_to_the_office(db, settings):
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/office/"
