import json
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bots.slack.nudge import NudgeError, nudge_unsigned
from portal.core.evidence import Assurance
from portal.core.renewals import academic_year_start
from portal.store import invitations
from portal.store.models import AgreementVersion, Delivery, SignResponse
from portal.store.slack_models import NudgeSnooze
from portal.usecases import responses
from portal.usecases.responses import ResponseKind, respond
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.bots.conftest import SCHOOL, Slack, slack_settings
from tests.bots.slack_peer import SlackPeer
from tests.factories import make_school, make_staff, publish_seeds

AGREEMENT = "staff-social-media"


async def _staff(peer: SlackPeer) -> dict[str, int]:
    """Three reachable members of staff and three who cannot be reached, for different reasons."""
    await publish_seeds()
    school = await make_school(SCHOOL)
    people = {}
    for user, name in [("UA", "Ada Able"), ("UB", "Ben Baker"), ("UC", "Cat Cole")]:
        email = f"{user.lower()}@clearwell.example"
        people[name] = (await make_staff(school, name, email)).id
        peer.add_user(user, email)
    people["Dan Dunn"] = (await make_staff(school, "Dan Dunn", "dan@home.example")).id
    people["Eve Ellis"] = (await make_staff(school, "Eve Ellis", "eve@clearwell.example")).id
    peer.add_user("UE", "eve@clearwell.example")
    peer.fail("conversations.open", "UE", "account_inactive")
    people["Fay Ford"] = (await make_staff(school, "Fay Ford", None)).id
    return people


def _posted_to(peer: SlackPeer) -> Counter[str]:
    return Counter(c.body["channel"] for c in peer.answered("chat.postMessage"))


async def test_nudges_reach_everyone_once_despite_rate_limits(tmp_path: Path, peer: SlackPeer, db):
    await _staff(peer)
    peer.rate_limit("chat.postMessage", 2)
    settings = slack_settings(tmp_path, peer)

    report = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)

    assert report.sent == ["Ada Able", "Ben Baker", "Cat Cole"]
    assert len(peer.called("chat.postMessage")) == 5  # two answered 429, then retried
    assert _posted_to(peer) == {"DUA": 1, "DUB": 1, "DUC": 1}
    message = peer.answered("chat.postMessage")[0].body
    actions = next(b for b in message["blocks"] if b["type"] == "actions")["elements"]
    assert [a["action_id"] for a in actions] == ["sign_open", "nudge_snooze"]
    failed = dict(report.failed)
    assert failed["Dan Dunn"].startswith("users_not_found")
    assert failed["Eve Ellis"].startswith("account_inactive")
    assert failed["Fay Ford"].startswith("no_email")
    rows = {d.key: d for d in await Delivery.filter(purpose="nudge")}
    assert len(rows) == 6 and Counter(d.status for d in rows.values()) == {"sent": 3, "failed": 3}
    assert all(
        k.startswith(f"nudge:slack:{AGREEMENT}:2024-09:") and k.endswith(":step-1") for k in rows
    )
    assert "3 nudged" in report.summary() and "Dan Dunn" in report.summary()


async def test_a_second_run_of_the_same_step_sends_nothing(tmp_path: Path, peer: SlackPeer, db):
    await _staff(peer)
    settings = slack_settings(tmp_path, peer)
    await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)
    before = len(peer.calls)

    again = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)

    assert again.sent == [] and again.failed == []
    assert len(again.skipped) == 6
    assert [c.method for c in peer.calls[before:]] == ["auth.test"]


async def test_the_next_step_nudges_again(tmp_path: Path, peer: SlackPeer, db):
    await _staff(peer)
    settings = slack_settings(tmp_path, peer)
    await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)
    second = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=2, pace=0)
    assert second.sent == ["Ada Able", "Ben Baker", "Cat Cole"]
    assert _posted_to(peer) == {"DUA": 2, "DUB": 2, "DUC": 2}


async def test_a_revoked_token_stops_the_run_and_is_retried_later(
    tmp_path: Path, peer: SlackPeer, db
):
    await _staff(peer)
    peer.fail("conversations.open", "UA", "token_revoked")
    settings = slack_settings(tmp_path, peer)

    first = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)

    assert first.sent == []
    assert len(peer.called("conversations.open")) == 1  # nobody after the first was tried
    assert {n for n, e in first.failed if e.startswith("token_revoked")} == {
        "Ada Able",
        "Ben Baker",
        "Cat Cole",
        "Dan Dunn",
        "Eve Ellis",
    }
    del peer.failures[("conversations.open", "UA")]  # the app was reinstalled

    second = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)

    assert second.sent == ["Ada Able", "Ben Baker", "Cat Cole"]
    assert dict(second.failed).keys() == {"Dan Dunn", "Eve Ellis"}
    assert dict(second.skipped)["Fay Ford"] == "already nudged at this step"
    assert _posted_to(peer) == {"DUA": 1, "DUB": 1, "DUC": 1}


async def test_rate_limits_that_outlast_the_retries_are_recorded_and_retried(
    tmp_path: Path, peer: SlackPeer, db
):
    await publish_seeds()
    school = await make_school(SCHOOL)
    await make_staff(school, "Ada Able", "ua@clearwell.example")
    peer.add_user("UA", "ua@clearwell.example")
    peer.rate_limit("users.lookupByEmail", 6)
    settings = slack_settings(tmp_path, peer)

    first = await nudge_unsigned(settings, SCHOOL, AGREEMENT, pace=0)
    assert first.failed and first.failed[0][1].startswith("ratelimited")
    second = await nudge_unsigned(settings, SCHOOL, AGREEMENT, pace=0)
    assert second.sent == ["Ada Able"]
    assert (await Delivery.get()).status == "sent"


async def test_remind_me_tomorrow_skips_the_next_step(slack: Slack, tmp_path: Path):
    peer = slack.peer
    await _staff(peer)
    settings = slack_settings(tmp_path, peer)
    await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)

    response = await slack.click(
        "UB",
        "nudge_snooze",
        AGREEMENT,
        channel={"id": "DUB"},
        container={"type": "message", "channel_id": "DUB", "message_ts": "2.000100"},
    )
    assert response.status_code == 200
    update = (await peer.wait_for("chat.update"))[0].body
    assert (update["channel"], update["ts"]) == ("DUB", "2.000100")
    assert "remind you" in update["text"]
    assert await NudgeSnooze.filter(person__full_name="Ben Baker").exists()

    second = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=2, pace=0)
    assert second.sent == ["Ada Able", "Cat Cole"]
    assert dict(second.skipped)["Ben Baker"] == "asked to be reminded tomorrow"


async def test_unknown_agreements_are_refused(tmp_path: Path, peer: SlackPeer, db):
    await publish_seeds()
    with pytest.raises(NudgeError):
        await nudge_unsigned(slack_settings(tmp_path, peer), SCHOOL, "no-such-thing", pace=0)
    with pytest.raises(NudgeError):  # parents are not nudged in Slack
        await nudge_unsigned(slack_settings(tmp_path, peer), SCHOOL, "parents-social-media-pledge")


async def test_a_lapsed_signature_is_nudged_again_in_its_next_round(
    tmp_path: Path, peer: SlackPeer, db
):
    await publish_seeds()
    school = await make_school(SCHOOL)
    ada = await make_staff(school, "Ada Able", "ua@clearwell.example")
    peer.add_user("UA", "ua@clearwell.example")
    # Nudged in an earlier cycle, then signed: that signature has lapsed since.
    first_round = f"nudge:slack:{AGREEMENT}:2024-09:{ada.id}:step-1"
    await Delivery.create(
        school=school,
        person=ada,
        key=first_round,
        channel="slack",
        purpose="nudge",
        step=1,
        status="sent",
    )
    version = await AgreementVersion.get(agreement__slug=AGREEMENT, school=school)
    await sign_agreement(
        SignRequest(school.id, ada.id, version.agreement_id, version.id, ("self",), version.sha256),
        Evidence("Ada Able", "portal", Assurance.SIGNED_IN),
        at=datetime.combine(
            academic_year_start(datetime.now(UTC).date()) - timedelta(days=30), time(12), UTC
        ),
    )
    settings = slack_settings(tmp_path, peer)

    report = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)
    again = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)

    assert (report.sent, again.sent) == (["Ada Able"], [])
    message = peer.answered("chat.postMessage")[0].body
    assert "Your last signature has lapsed." in json.dumps(message)
    keys = await Delivery.filter(purpose="nudge").order_by("id").values_list("key", flat=True)
    assert keys == [first_round, f"nudge:slack:{AGREEMENT}:2024-09:{ada.id}:round-2:step-1"]


async def test_someone_whose_reply_waits_for_the_office_is_not_nudged(
    tmp_path: Path, peer: SlackPeer, db
):
    people = await _staff(peer)
    settings = slack_settings(tmp_path, peer)
    school = await make_school(SCHOOL)
    version = await AgreementVersion.get(agreement__slug=AGREEMENT, agreement__school=school)
    link = await invitations.create(
        school,
        person_id=people["Ben Baker"],
        agreement_id=version.agreement_id,  # type: ignore[attr-defined]
        version_id=version.id,
        pupil_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=30),
        actor="tests",
    )
    await respond(
        settings,
        link.id,
        ResponseKind.DISAGREE,
        "I use WhatsApp for the netball team.",
        ip="",
        user_agent="",
        now=datetime.now(UTC),
    )

    waiting = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=1, pace=0)
    assert waiting.sent == ["Ada Able", "Cat Cole"]
    assert ("Ben Baker", "their reply is waiting for the office") in waiting.skipped

    reply = await SignResponse.get(invitation_id=link.id)
    assert await responses.mark_answered(school, reply.id, "office@clearwell.example", _now())
    answered = await nudge_unsigned(settings, SCHOOL, AGREEMENT, step=2, pace=0)
    assert "Ben Baker" in answered.sent


def _now() -> datetime:
    return datetime.now(UTC)
