from portal.store.models import Acknowledgement, AuditEvent, Invitation, School, SignResponse
from tests.mailpeer import text_of
from tests.web.sign_support import family, hidden, sign_client


async def _office(school_slug: str = "clearwell") -> None:
    school = await School.get(slug=school_slug)
    school.contacts = {**school.contacts, "office_email": "office@clearwell.example"}
    await school.save()


async def test_question_is_recorded_and_the_office_is_told(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    await _office()
    async with sign_client(mail_settings) as client:
        form = await client.get(fam.url + "/respond?kind=question")
        assert form.status_code == 200 and 'value="question" checked' in form.text
        done = await client.post(
            fam.url + "/respond",
            data={
                "csrf": hidden(form.text, "csrf"),
                "kind": "question",
                "message": "Does this cover WhatsApp groups?",
            },
        )
        assert done.status_code == 200 and "Sent to the school" in done.text
        still_open = await client.get(fam.url)
        assert 'name="csrf"' in still_open.text  # asking does not sign or close the link
    response = await SignResponse.get(invitation_id=fam.invitation.id)
    assert (response.kind, response.message) == ("question", "Does this cover WhatsApp groups?")
    assert await AuditEvent.filter(action="invitation.question").count() == 1
    assert await Acknowledgement.all().count() == 0
    [email] = await mail_peer.wait_for(1)
    assert email["To"] == "office@clearwell.example"
    assert "Jane Smith" in email["Subject"] and "WhatsApp" in text_of(email)
    # The office answers it in Signoff, from a link at the public address.
    assert f"{mail_settings.base_url}/office/clearwell/replies" in text_of(email)


async def test_disagree_records_without_signing(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        form = await client.get(fam.url + "/respond?kind=disagree")
        await client.post(
            fam.url + "/respond",
            data={
                "csrf": hidden(form.text, "csrf"),
                "kind": "disagree",
                "message": "",
            },
        )
    assert (await SignResponse.get(invitation_id=fam.invitation.id)).kind == "disagree"
    assert await AuditEvent.filter(action="invitation.disagree").count() == 1


async def test_not_me_stops_the_link(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        form = await client.get(fam.url + "/respond?kind=not-me")
        assert "This isn’t me" in form.text
        done = await client.post(
            fam.url + "/respond",
            data={
                "csrf": hidden(form.text, "csrf"),
                "kind": "not-me",
                "message": "Wrong Jane",
            },
        )
        assert "this link no longer works" in done.text
        after = await client.get(fam.url)
    assert after.status_code == 410 and "wrong person" in after.text
    assert (await Invitation.get(id=fam.invitation.id)).revoked_reason == "not-me"
    actions = await AuditEvent.filter(subject=f"invitation:{fam.invitation.id}").values_list(
        "action", flat=True
    )
    assert "invitation.not-me" in actions and "invitation.revoked" in actions


async def test_response_needs_the_form_token_and_a_kind(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        form = await client.get(fam.url + "/respond")
        bad = await client.post(fam.url + "/respond", data={"csrf": "x", "kind": "question"})
        assert bad.status_code == 403 and "timed out" in bad.text
        nokind = await client.post(fam.url + "/respond", data={"csrf": hidden(form.text, "csrf")})
        assert nokind.status_code == 422 and "Choose whether" in nokind.text
    assert await SignResponse.all().count() == 0


async def test_the_policy_answers_a_question_before_it_goes_to_the_school(db, settings):
    fam = await family(settings)
    question = "can i post what i think of my child's teacher on facebook?"
    async with sign_client(settings) as client:
        form = await client.get(fam.url + "/respond?kind=question")
        checked = await client.post(
            fam.url + "/respond",
            data={
                "csrf": hidden(form.text, "csrf"),
                "kind": "question",
                "message": question,
                "action": "check",
            },
        )
        empty = await client.post(
            fam.url + "/respond",
            data={"csrf": hidden(form.text, "csrf"), "kind": "disagree", "action": "check"},
        )
    assert checked.status_code == 200
    assert "policies say" in checked.text
    assert "members of the school community" in checked.text  # the pledge's own words, quoted
    assert f">{question.replace(chr(39), '&#39;')}</textarea>" in checked.text  # kept to send
    assert empty.status_code == 422 and "Type your question first" in empty.text
    # Asking the policy records nothing and tells nobody.
    assert await SignResponse.all().count() == 0
    assert not await AuditEvent.filter(action__startswith="invitation.q").exists()
    assert not await AuditEvent.filter(action="invitation.disagree").exists()


async def test_an_empty_question_is_refused_beside_the_box(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    await _office()
    async with sign_client(mail_settings) as client:
        form = await client.get(fam.url + "/respond?kind=question")
        blank = await client.post(
            fam.url + "/respond",
            data={"csrf": hidden(form.text, "csrf"), "kind": "question", "message": "  \n "},
        )
    assert blank.status_code == 422
    assert 'id="message-error"' in blank.text and "Type your question" in blank.text
    assert 'aria-describedby="message-hint message-error"' in blank.text
    assert 'value="question" checked' in blank.text
    assert await SignResponse.all().count() == 0
    assert not await AuditEvent.filter(action="invitation.question").exists()
    assert mail_peer.messages == []


async def test_an_overlong_message_is_refused_and_kept_whole(db, settings):
    fam = await family(settings)
    message = "I don’t agree with section 3. " * 150  # 4,500 characters: past the 4,000 limit
    async with sign_client(settings) as client:
        form = await client.get(fam.url + "/respond?kind=disagree")
        long = await client.post(
            fam.url + "/respond",
            data={"csrf": hidden(form.text, "csrf"), "kind": "disagree", "message": message},
        )
        fits = await client.post(
            fam.url + "/respond",
            data={"csrf": hidden(form.text, "csrf"), "kind": "disagree", "message": message[:4000]},
        )
    assert long.status_code == 422
    assert "4,000 characters or fewer (it has 4,500)" in long.text
    assert message.replace("’", "&#8217;") in long.text or message in long.text  # nothing lost
    assert fits.status_code == 200
    [response] = await SignResponse.all()
    assert response.message == message[:4000].strip()
