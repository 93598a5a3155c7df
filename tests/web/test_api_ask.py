"""POST /api/ask through the real app, answering from the versions published in the database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from portal.settings import Settings
from portal.web.app import create_app
from tests.factories import publish_reworded, publish_seeds

FRIENDS = {
    "school": "stockham",
    "audience": "staff",
    "question": "can I friend the new TA on facebook?",
}


@pytest.fixture
async def client(db: None, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    await publish_seeds()
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_answers_a_question(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/ask", json=FRIENDS)
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "yes"
    assert data["citations"][0]["school"] == "stockham"
    assert "Caution is advised" in data["citations"][0]["text"]


async def test_parents_and_the_default_audience(client: httpx.AsyncClient) -> None:
    parent = await client.post(
        "/api/ask",
        json={
            "school": "knowsley",
            "audience": "parent",
            "question": "can I post the sports day photos?",
        },
    )
    staff = await client.post(
        "/api/ask",
        json={"school": "knowsley", "question": "can I post my tutor group's photos on my tiktok?"},
    )
    assert parent.json()["verdict"] == "not_covered"
    assert staff.status_code == 200 and staff.json()["verdict"] != "not_covered"


async def test_a_version_published_later_is_the_one_cited(client: httpx.AsyncClient) -> None:
    before = (await client.post("/api/ask", json=FRIENDS)).json()
    await publish_reworded(
        "stockham", "staff-social-media", "Caution is advised", "Caution is strongly advised"
    )
    after = (await client.post("/api/ask", json=FRIENDS)).json()
    assert before["citations"][0]["version"] == "2016-09"
    assert after["citations"][0]["version"] == "2099-01"
    assert "Caution is strongly advised" in after["citations"][0]["text"]


async def test_the_engine_is_rebuilt_only_when_a_version_is_published(
    db: None, settings: Settings
) -> None:
    await publish_seeds()
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        engines = []
        for reword in (False, False, True):
            if reword:
                await publish_reworded("amcis", "staff-social-media", "Snapchat", "Snapchat™")
            await c.post("/api/ask", json={"school": "amcis", "question": "can I use snapchat?"})
            engines.append((await app.state.published.current()).engine)
    assert engines[0] is engines[1] and engines[2] is not engines[1]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (b'{"school": "narnia", "question": "can I post?"}', 404),
        (b'{"school": "stockport", "question": "  "}', 422),
        (b'{"school": "stockport", "question": "' + b"a" * 10_000 + b'"}', 422),
        (b'{"school": "stockport"}', 422),
        (b'{"school": "stockport", "question": "can I post?", "audience": "pupil"}', 422),
    ],
)
async def test_bad_requests_get_a_json_error(
    client: httpx.AsyncClient, body: bytes, status: int
) -> None:
    response = await client.post(
        "/api/ask", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status
    assert response.json()["error"]
