"""Read and sign without leaving Slack: a modal with the text, then the same use case as the portal.

The acknowledgement carries chat-identity assurance: Slack vouches for the user, and the user was
matched to the roster by the email their school's workspace holds for them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack import blocks
from bots.slack.context import school, signoff
from bots.slack.duties import Mine, my_agreements, version_ids
from bots.slack.home import publish_home
from bots.slack.identity import Match, Unmatched, match_user
from bots.slack.post import direct_message
from bots.slack.views import SIGN_CALLBACK, notice_modal, sign_modal, unmatched_text
from portal.core.evidence import Assurance
from portal.store.models import School
from portal.usecases.signing import (
    SELF,
    Evidence,
    Signing,
    SigningError,
    SignRequest,
    sign_agreement,
)
from portal.wording import long_date, long_time

_TITLE = "Read and sign"
_NEWER_VERSION = (
    "A new version was published while you were reading. Close this window and open the "
    "agreement again."
)


def register(app: AsyncApp) -> None:
    app.action("sign_open")(open_agreement)
    app.view(SIGN_CALLBACK)(submit_signature)


def agreement_url(base_url: str, school: str, agreement: str, version: str) -> str:
    return f"{base_url}/agreements/{school}/{agreement}/{version}"


async def open_agreement(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    await ack()
    view = await _sign_view(client, context, body["user"]["id"], action["value"])
    await client.views_open(trigger_id=body["trigger_id"], view=view)


async def _sign_view(
    client: AsyncWebClient, context: AsyncBoltContext, user_id: str, slug: str
) -> blocks.Block:
    found = school(context)
    if found is None:
        return notice_modal(_TITLE, unmatched_text(Unmatched.NO_SCHOOL, "", ""))
    match = await match_user(client, found, context.team_id or "", user_id)
    if match.person is None:
        text = unmatched_text(match.problem or Unmatched.NOT_ON_ROSTER, match.email, found.name)
        return notice_modal(_TITLE, text)
    mine = await _mine(found, match, slug, signoff(context).settings.due_soon_days)
    version = mine.standing.required if mine is not None else None
    if mine is None or version is None:
        return notice_modal(_TITLE, "That agreement is not one you need to sign any more.")
    if not mine.standing.status.outstanding and mine.standing.signed is not None:
        signed = mine.standing.signed
        return notice_modal(
            _TITLE,
            f"You are up to date: you signed version "
            f"{blocks.escape(signed.version_label)} on "
            f"{long_date(signed.signed_on)}.",
        )
    url = agreement_url(signoff(context).settings.base_url, found.slug, slug, version.label)
    metadata = json.dumps({"a": slug, "v": version.label, "h": version.sha256})
    return sign_modal(mine.agreement, version, match.person.full_name, url, metadata)


async def _mine(school: School, match: Match, slug: str, due_soon_days: int) -> Mine | None:
    assert match.person is not None
    mine = await my_agreements(school, match.person, due_soon_days)
    return next((m for m in mine if m.agreement.slug == slug), None)


async def submit_signature(
    ack: AsyncAck,
    body: dict[str, Any],
    view: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    """Check the form, record the signature, and only then let the modal close."""
    found, user_id = school(context), body["user"]["id"]
    if found is None:
        await ack(response_action="errors", errors={"confirm": "This workspace has no school."})
        return
    shown = json.loads(view["private_metadata"])
    values = view["state"]["values"]
    typed = (values["typed_name"]["typed_name"].get("value") or "").strip()
    agreed = bool(values["confirm"]["confirm"].get("selected_options"))
    match = await match_user(client, found, context.team_id or "", user_id)
    errors = _problems(match, typed, agreed, found)
    signing = None
    if not errors:
        try:
            signing = await _sign(context, found, match, shown, typed, body)
        except SigningError:
            errors["confirm"] = _NEWER_VERSION
    if signing is None:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    await publish_home(client, context, user_id, match)
    assert match.person is not None
    await _confirm(client, context, user_id, match.person.full_name, shown, signing)


async def _confirm(
    client: AsyncWebClient,
    context: AsyncBoltContext,
    user_id: str,
    name: str,
    shown: dict[str, str],
    signing: Signing,
) -> None:
    """A DM the signer keeps: what they signed, when, and the record's reference."""
    found = school(context)
    assert found is not None
    title = (await signoff(context).policies.current()).title(found.slug, shown["a"])
    when = long_time(signing.signed_at, found.timezone)
    reference = f"#{signing.acknowledgement_ids[0]}"
    message = blocks.signed_blocks(name, title, shown["v"], when, reference)
    await direct_message(client, user_id, message, f"You signed {title} (version {shown['v']}).")


def _problems(match: Match, typed: str, agreed: bool, found: School) -> dict[str, str]:
    if match.person is None:
        problem = match.problem or Unmatched.NOT_ON_ROSTER
        return {"confirm": blocks.clip(unmatched_text(problem, match.email, found.name), 150)}
    errors = {}
    if not agreed:
        errors["confirm"] = "Tick the box to confirm you agree."
    if _normal(typed) != _normal(match.person.full_name):
        errors["typed_name"] = f"Type your full name as the school has it: {match.person.full_name}"
    return errors


def _normal(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


async def _sign(
    context: AsyncBoltContext,
    found: School,
    match: Match,
    shown: dict[str, str],
    typed: str,
    body: dict[str, Any],
) -> Signing:
    assert match.person is not None
    mine = await _mine(found, match, shown["a"], signoff(context).settings.due_soon_days)
    required = mine.standing.required if mine is not None else None
    ids = await version_ids(found, shown["a"], shown["v"])
    if ids is None or required is None or required.label != shown["v"]:
        raise SigningError("the version shown is no longer the one in force")
    request = SignRequest(
        school_id=found.id,
        person_id=match.person.id,
        agreement_id=ids[0],
        version_id=ids[1],
        subject_keys=(SELF,),
        shown_sha256=shown["h"],
    )
    evidence = Evidence(
        typed_name=typed,
        channel="slack",
        assurance=Assurance.CHAT_IDENTITY,
        details={
            "slack_user_id": body["user"]["id"],
            "slack_team_id": context.team_id or "",
            "slack_enterprise_id": context.enterprise_id or "",
            "email": match.email,
            "matched_by": "email",
        },
    )
    return await sign_agreement(request, evidence, settings=signoff(context).settings)
