"""A second adult's link when one adult's signature covers a child and another has signed."""

from datetime import UTC, datetime, timedelta

from portal.store import invitations as store
from portal.store.models import Acknowledgement, Agreement, Person, Pupil
from portal.usecases.invitations import link_token
from portal.wording import long_date
from tests.factories import make_parent
from tests.web.sign_support import Family, family, sign_client, sign_form


async def _other_parent(settings, fam: Family, *pupils: Pupil, name: str = "John Smith") -> str:
    """Another adult with parental responsibility, with a live link of their own."""
    adult = await make_parent(fam.school, *pupils, name=name)
    invitation = await store.create(
        fam.school,
        person_id=adult.id,
        agreement_id=fam.version.agreement_id,  # type: ignore[attr-defined]
        version_id=fam.version.id,
        pupil_ids=sorted(p.id for p in pupils),
        expires_at=datetime.now(UTC) + timedelta(days=30),
        actor="tests",
    )
    return f"/sign/{link_token(settings, invitation.id)}"


async def _sign(client, url: str, name: str) -> None:
    page = await client.get(url)
    response = await client.post(url, data=sign_form(page.text, name))
    assert response.status_code == 303


async def test_a_child_signed_for_by_another_adult_needs_nothing_more(db, settings):
    fam = await family(settings)
    johns = await _other_parent(settings, fam, *fam.pupils)
    async with sign_client(settings) as client:
        await _sign(client, johns, "John Smith")
        page = await client.get(fam.url)
        html = page.text
        today = long_date(datetime.now(UTC), "Europe/London")
        assert "You don’t need to sign" in html
        assert (
            "Another adult with parental responsibility for Amy Smith (Year 4) signed this "
            f"agreement on {today}."
        ) in html
        assert "John" not in html  # the other adult is not named
        assert html.index("You don’t need to sign") < html.index("The agreement in full")
        # Her own signature is still welcome, and recorded as hers.
        response = await client.post(fam.url, data=sign_form(html, "Jane Smith"))
        assert response.status_code == 303
        assert "Signed – thank you" in (await client.get(fam.url)).text
    signers = await Acknowledgement.all().values_list("typed_name", flat=True)
    assert sorted(signers) == ["Jane Smith", "John Smith"]


async def test_only_the_children_another_adult_signed_for_are_covered(db, settings):
    fam = await family(settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    amy = next(p for p in fam.pupils if p.full_name == "Amy Smith")
    johns = await _other_parent(settings, fam, amy)
    async with sign_client(settings) as client:
        await _sign(client, johns, "John Smith")
        html = (await client.get(fam.url)).text
    assert "Already signed for Amy Smith (Year 4)" in html
    assert "still needs a signature for Ben Smith (Year 1)" in html
    assert "You don’t need to sign" not in html


async def test_when_every_adult_must_sign_another_adults_signature_covers_nobody(db, settings):
    fam = await family(settings)
    await Agreement.filter(id=fam.version.agreement_id).update(signers="every")  # type: ignore[attr-defined]
    johns = await _other_parent(settings, fam, *fam.pupils)
    async with sign_client(settings) as client:
        await _sign(client, johns, "John Smith")
        html = (await client.get(fam.url)).text
    assert "Another adult" not in html and "Already signed" not in html
    assert ">Sign</button>" in html


async def test_a_lapsed_signature_by_another_adult_covers_nobody(db, settings):
    fam = await family(settings)
    johns = await _other_parent(settings, fam, *fam.pupils)
    async with sign_client(settings) as client:
        await _sign(client, johns, "John Smith")
        john = await Person.get(full_name="John Smith")
        # Signed two school years ago: the annual pledge has lapsed since.
        await Acknowledgement.filter(person=john).update(
            signed_at=datetime.now(UTC) - timedelta(days=730)
        )
        html = (await client.get(fam.url)).text
    assert "Another adult" not in html and "You don’t need to sign" not in html
