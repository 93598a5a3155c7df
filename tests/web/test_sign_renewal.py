from datetime import UTC, datetime, timedelta

from portal.core.evidence import Assurance
from portal.store.models import Acknowledgement, AuditEvent
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.web.sign_support import Family, family, sign_client, sign_form


async def _signed_long_ago(fam: Family) -> None:
    """Signed in an earlier academic year (over 366 days ago): lapsed under annual renewal."""
    request = SignRequest(
        fam.school.id,
        fam.parent.id,
        fam.version.agreement_id,  # type: ignore[attr-defined]
        fam.version.id,
        tuple(str(p.id) for p in fam.pupils),
        fam.version.sha256,
    )
    evidence = Evidence("Jane Smith", "paper", Assurance.RECORDED_BY_STAFF, recorded_by="tests")
    await sign_agreement(request, evidence, at=datetime.now(UTC) - timedelta(days=400))


async def test_a_lapsed_signature_shows_the_form_again_and_signs_the_next_round(db, settings):
    fam = await family(settings)
    await _signed_long_ago(fam)
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        assert page.status_code == 200 and 'name="csrf"' in page.text
        assert "What changed since you signed" not in page.text  # the same text as last time
        response = await client.post(fam.url, data=sign_form(page.text))
        assert response.status_code == 303
        receipt = await client.get(fam.url)
    assert "Signed – thank you" in receipt.text
    acks = await Acknowledgement.filter(person_id=fam.parent.id).order_by("round")
    assert [(a.round, a.channel) for a in acks] == [(1, "paper"), (2, "email-link")]
    signed = await AuditEvent.filter(action="agreement.signed").order_by("-seq").first()
    assert signed is not None and signed.data["rounds"] == {str(fam.pupils[0].id): 2}
