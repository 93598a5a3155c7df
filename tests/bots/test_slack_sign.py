import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from portal.core.evidence import Assurance
from portal.core.renewals import academic_year_start
from portal.store import audit
from portal.store.models import Acknowledgement, AgreementVersion, AuditEvent
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.bots.conftest import SCHOOL, Slack
from tests.factories import make_school, make_staff, publish_reworded, publish_seeds

AGREEMENT = "staff-social-media"
LONDON = ZoneInfo("Europe/London")


async def _tess(slack: Slack):
    await publish_seeds()
    school = await make_school(SCHOOL)
    tess = await make_staff(school, "Tess O'Teacher", "tess@clearwell.example")
    slack.peer.add_user("U1", "tess@clearwell.example")
    return tess


async def _open_modal(slack: Slack) -> dict:
    response = await slack.click("U1", "sign_open", AGREEMENT)
    assert response.status_code == 200
    opened = (await slack.peer.wait_for("views.open"))[0]
    assert opened.body["trigger_id"].startswith("trigger-")
    return opened.body["view"]


def _submission(view: dict, name: str | None, agreed: bool) -> dict:
    return {
        "type": "view_submission",
        "user": {"id": "U1", "team_id": "T1"},
        "view": {
            "id": "V1",
            "type": "modal",
            "team_id": "T1",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {
                "values": {
                    "typed_name": {"typed_name": {"type": "plain_text_input", "value": name}},
                    "confirm": {
                        "confirm": {
                            "type": "checkboxes",
                            "selected_options": [{"value": "agreed"}] if agreed else [],
                        }
                    },
                }
            },
        },
    }


async def test_read_and_sign_opens_the_text_within_slacks_limits(slack: Slack):
    await _tess(slack)
    view = await _open_modal(slack)
    assert view["type"] == "modal" and len(view["blocks"]) <= 100
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts)
    body = "\n".join(texts)
    assert "*1 INTRODUCTION*" in body or "INTRODUCTION" in body.upper()
    assert "http://testserver/agreements/clearwell/staff-social-media/2024-09" in json.dumps(view)
    inputs = {b["block_id"] for b in view["blocks"] if b["type"] == "input"}
    assert inputs == {"typed_name", "confirm"}


async def test_signing_checks_the_name_and_the_box_first(slack: Slack):
    await _tess(slack)
    view = await _open_modal(slack)
    response = await slack.interaction(_submission(view, "Someone Else", agreed=False))
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"typed_name", "confirm"}
    assert "Tess O'Teacher" in answer["errors"]["typed_name"]
    assert not await Acknowledgement.exists()


async def test_signing_in_slack_records_an_acknowledgement_with_chat_identity(slack: Slack):
    tess = await _tess(slack)
    view = await _open_modal(slack)
    response = await slack.interaction(_submission(view, "  tess o teacher ", agreed=True))
    assert response.status_code == 200 and response.text == ""

    ack = await Acknowledgement.get(person=tess)
    assert (ack.channel, ack.assurance, ack.subject_key) == ("slack", "chat-identity", "self")
    assert ack.typed_name == "tess o teacher"
    identity = {
        "slack_user_id": "U1",
        "slack_team_id": "T1",
        "slack_enterprise_id": "",
        "email": "tess@clearwell.example",
        "matched_by": "email",
    }
    assert {k: ack.evidence.get(k) for k in identity} == identity
    event = await AuditEvent.get(action="agreement.signed")
    assert event.data["channel"] == "slack" and event.data["assurance"] == "chat-identity"
    assert await audit.verify(SCHOOL) == (await AuditEvent.filter(chain=SCHOOL).count(), None)

    home = (await slack.peer.wait_for("views.publish"))[0].body["view"]
    assert "✅ Signed" in json.dumps(home, ensure_ascii=False)
    dm = (await slack.peer.wait_for("chat.postMessage"))[0]
    assert dm.body["channel"] == "DU1"
    assert "You signed" in dm.body["text"]
    assert slack.peer.called("conversations.open")[0].body["users"] == "U1"


async def test_a_version_published_after_start_is_the_one_shown_signed_and_named(slack: Slack):
    tess = await _tess(slack)
    await slack.command("can I accept friend requests from pupils?")  # answers are built first
    await slack.peer.wait_for("chat.postEphemeral")
    await publish_reworded(SCHOOL, AGREEMENT, "personal social media", "private social media")

    view = await _open_modal(slack)
    assert "staff-social-media/2099-01" in json.dumps(view)
    assert "private social media" in json.dumps(view, ensure_ascii=False)
    response = await slack.interaction(_submission(view, "Tess O'Teacher", agreed=True))
    assert response.status_code == 200 and response.text == ""
    ack = await Acknowledgement.get(person=tess).prefetch_related("version")
    assert ack.version.label == "2099-01"
    home = (await slack.peer.wait_for("views.publish"))[0].body["view"]
    assert "you signed version 2099-01" in json.dumps(home, ensure_ascii=False)
    dm = (await slack.peer.wait_for("chat.postMessage"))[0]
    assert "(version 2099-01)" in dm.body["text"]


async def test_a_signed_agreement_opens_as_up_to_date(slack: Slack):
    await _tess(slack)
    view = await _open_modal(slack)
    await slack.interaction(_submission(view, "Tess O'Teacher", agreed=True))
    await slack.peer.wait_for("chat.postMessage")
    await slack.click("U1", "sign_open", AGREEMENT)
    again = (await slack.peer.wait_for("views.open", 2))[1].body["view"]
    assert "submit" not in again and "up to date" in again["blocks"][0]["text"]["text"]


async def test_unmatched_users_cannot_sign(slack: Slack):
    await _tess(slack)
    slack.peer.add_user("U2", None)
    await slack.click("U2", "sign_open", AGREEMENT)
    view = (await slack.peer.wait_for("views.open"))[0].body["view"]
    assert "submit" not in view
    assert "email address" in view["blocks"][0]["text"]["text"]


async def test_a_lapsed_signature_is_renewed_from_the_app_home(slack: Slack):
    tess = await _tess(slack)
    version = await AgreementVersion.get(agreement__slug=AGREEMENT, school_id=tess.school_id)
    request = SignRequest(
        tess.school_id, tess.id, version.agreement_id, version.id, ("self",), version.sha256
    )
    # Signed in an earlier academic year: the annual cycle has lapsed since.
    earlier = academic_year_start(datetime.now(LONDON).date()) - timedelta(days=30)
    at = datetime.combine(earlier, time(12), LONDON)
    await sign_agreement(request, Evidence("Tess O'Teacher", "portal", Assurance.SIGNED_IN), at=at)

    await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
    home = (await slack.peer.wait_for("views.publish"))[0].body["view"]
    row = next(b for b in home["blocks"] if b.get("accessory", {}).get("value") == AGREEMENT)
    assert "🔴 Overdue" in row["text"]["text"]
    assert row["accessory"]["text"]["text"] == "Read and sign"
    view = await _open_modal(slack)
    assert "submit" in view
    response = await slack.interaction(_submission(view, "Tess O'Teacher", agreed=True))

    assert response.status_code == 200 and response.text == ""
    acks = await Acknowledgement.filter(person=tess).order_by("round")
    assert [(a.round, a.channel) for a in acks] == [(1, "portal"), (2, "slack")]
    event = (await AuditEvent.filter(action="agreement.signed").order_by("-seq"))[0]
    assert event.data["rounds"] == {"self": 2}
    renewed = (await slack.peer.wait_for("views.publish", 2))[1].body["view"]
    assert "✅ Signed" in json.dumps(renewed, ensure_ascii=False)
