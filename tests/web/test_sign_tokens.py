from datetime import UTC, datetime, timedelta

import pytest

from portal.store.models import Invitation, Person
from portal.usecases.invitations import link_token, revoke
from tests.factories import make_parent, make_pupil, make_school
from tests.web.sign_support import family, sign_client


def _no_personal_data(html: str) -> None:
    for private in ("Jane Smith", "Amy Smith", "jane@home.example", "Year 4"):
        assert private not in html
    assert "Traceback" not in html


async def _get(settings, path: str):
    async with sign_client(settings) as client:
        return await client.get(path)


def _tamper(token: str, position: int) -> str:
    # A character well inside the signature: base64's last character may carry unused bits,
    # so changing it can leave the decoded signature (and the token) valid.
    swapped = "B" if token[position] == "A" else "A"
    return token[:position] + swapped + token[position + 1 :]


@pytest.mark.parametrize("position", [-5, -12, 3])
async def test_tampered_token_is_400(db, settings, position):
    fam = await family(settings)
    tampered = _tamper(fam.token, position)
    response = await _get(settings, f"/sign/{tampered}")
    assert response.status_code == 400
    assert "This link is not valid" in response.text
    assert "office" in response.text
    _no_personal_data(response.text)


async def test_token_signed_with_another_secret_is_400(db, settings, tmp_path):
    from tests.conftest import make_settings

    fam = await family(settings)
    other = make_settings(tmp_path, SIGNOFF_SECRET_KEY="another-secret-" + "y" * 40)
    response = await _get(settings, f"/sign/{link_token(other, fam.invitation.id)}")
    assert response.status_code == 400


async def test_unknown_invitation_is_404(db, settings):
    await family(settings)
    response = await _get(settings, f"/sign/{link_token(settings, 999_999)}")
    assert response.status_code == 404
    assert "We cannot find this link" in response.text
    _no_personal_data(response.text)


async def test_expired_is_410_and_says_so(db, settings):
    fam = await family(settings, expires_in=timedelta(days=-1))
    response = await _get(settings, fam.url)
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert "Clearwell School office" in response.text
    _no_personal_data(response.text)


async def test_replaced_link_says_it_was_replaced(db, settings):
    fam = await family(settings)
    from portal.usecases.invitations import resend

    await Person.filter(id=fam.parent.id).update(email=None)  # nothing to dial
    report = await resend(settings, fam.invitation.id, actor="office")
    assert report.created == 1
    old = await Invitation.get(id=fam.invitation.id)
    assert old.revoked_reason == "replaced" and old.replaced_by_id is not None
    response = await _get(settings, fam.url)
    assert response.status_code == 410
    assert "This link has been replaced" in response.text
    _no_personal_data(response.text)
    fresh = await _get(settings, f"/sign/{link_token(settings, old.replaced_by_id)}")
    assert fresh.status_code == 200 and "Jane Smith" in fresh.text


async def test_revoked_because_left(db, settings):
    fam = await family(settings)
    assert await revoke(fam.invitation.id, "left", actor="roster import")
    response = await _get(settings, fam.url)
    assert response.status_code == 410
    assert "no longer works" in response.text
    _no_personal_data(response.text)


async def test_person_who_left_cannot_use_the_link(db, settings):
    fam = await family(settings)
    await Person.filter(id=fam.parent.id).update(left_at=datetime.now(UTC))
    response = await _get(settings, fam.url)
    assert response.status_code == 410


async def test_cross_school_invitation_is_404_and_shows_nobody(db, settings):
    fam = await family(settings)
    other = await make_school("stockham")
    stranger = await make_parent(other, await make_pupil(other, "Zed Other"), name="Zoe Other")
    # An invitation of one school pointing at another school's person: only a fault makes one.
    await Invitation.filter(id=fam.invitation.id).update(person_id=stranger.id)
    response = await _get(settings, fam.url)
    assert response.status_code == 404
    _no_personal_data(response.text)
    assert "Zoe Other" not in response.text and "Stockham" not in response.text


OLD_KEY, NEW_KEY = "the-old-key-" + "o" * 40, "the-new-key-" + "n" * 40


async def test_a_link_sent_before_a_key_rotation_opens_until_the_old_key_is_dropped(db, tmp_path):
    from tests.conftest import make_settings

    before = make_settings(tmp_path, SIGNOFF_SECRET_KEY=OLD_KEY)
    rotated = make_settings(
        tmp_path, SIGNOFF_SECRET_KEY=NEW_KEY, SIGNOFF_SECRET_KEY_PREVIOUS=OLD_KEY
    )
    dropped = make_settings(tmp_path, SIGNOFF_SECRET_KEY=NEW_KEY)
    fam = await family(before)

    opened = await _get(rotated, fam.url)
    assert opened.status_code == 200 and "Jane Smith" in opened.text
    # Links made after the rotation are signed with the new key alone.
    fresh = link_token(rotated, fam.invitation.id)
    assert fresh != fam.token and (await _get(dropped, f"/sign/{fresh}")).status_code == 200
    assert (await _get(before, f"/sign/{fresh}")).status_code == 400

    refused = await _get(dropped, fam.url)
    assert refused.status_code == 400 and "This link is not valid" in refused.text
    _no_personal_data(refused.text)
