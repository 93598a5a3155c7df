from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.core.documents import agreement_from_files, parse_version
from portal.core.evidence import Assurance
from portal.store.agreements import publish_version
from portal.store.models import Agreement, AgreementVersion
from portal.store.slack_models import SlackIdentity
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.bots.conftest import SCHOOL, Slack
from tests.factories import make_school, make_staff, publish_seeds

LONDON = ZoneInfo("Europe/London")


def _today() -> date:
    return datetime.now(LONDON).date()


async def _publish(slug: str, title: str, *versions: tuple[str, date], **front: str) -> None:
    extra = "".join(f"{k}: {v}\n" for k, v in front.items())
    files = [
        parse_version(
            f'---\ntitle: {title}\naudience: staff\nversion: "{label}"\neffective: {effective}\n'
            f"renewal: annual\n{extra}---\n\n## 1 Rules\n\n### 1.1\n"
            f"Version {label} says: be kind.\n"
        )
        for label, effective in versions
    ]
    agreement = agreement_from_files(SCHOOL, slug, files)
    for version in agreement.versions:
        await publish_version(agreement, version, by="tests")


async def _signed(person, slug: str, label: str, days_ago: int) -> None:
    version = await AgreementVersion.get(agreement__slug=slug, label=label)
    agreement = await Agreement.get(slug=slug)
    await sign_agreement(
        SignRequest(
            person.school_id, person.id, agreement.id, version.id, ("self",), version.sha256
        ),
        Evidence("Tess Teacher", "portal", Assurance.SIGNED_IN),
        at=datetime.now(UTC) - timedelta(days=days_ago),
    )


def _rows(view: dict) -> dict[str, dict]:
    """Each agreement's section in the App Home, by its title."""
    return {
        b["text"]["text"].split("\n")[0].strip("*"): b
        for b in view["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith("*")
    }


async def test_app_home_lists_each_staff_agreement_with_its_status(slack: Slack):
    await publish_seeds()
    school = await make_school(SCHOOL)
    tess = await make_staff(school, "Tess Teacher", "tess@clearwell.example")
    today = _today()
    await _publish("code-of-conduct", "Code of Conduct", ("1", today - timedelta(days=5)))
    await _publish(
        "acceptable-use",
        "Acceptable Use",
        ("1", today - timedelta(days=400)),
        ("2", today - timedelta(days=3)),
    )
    await _publish("first-aid", "First Aid", ("1", today - timedelta(days=900)))
    await _publish(
        "fire-safety", "Fire Safety", ("1", today - timedelta(days=900)), anchor="rolling"
    )
    await _signed(tess, "code-of-conduct", "1", 1)
    await _signed(tess, "acceptable-use", "1", 200)
    await _signed(tess, "first-aid", "1", 800)
    await _signed(tess, "fire-safety", "1", 350)
    slack.peer.add_user("U1", "Tess@Clearwell.example", "tess")

    response = await slack.event(
        {"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"}
    )
    assert response.status_code == 200

    publish = (await slack.peer.wait_for("views.publish"))[0]
    assert publish.body["user_id"] == "U1"
    rows = _rows(publish.body["view"])
    assert "Parents" not in " ".join(rows)  # parent agreements are not for staff
    assert rows["Code of Conduct"]["text"]["text"].count("✅ Signed") == 1
    assert "🔴 New version to sign" in rows["Acceptable Use"]["text"]["text"]
    assert "🔴 Overdue" in rows["First Aid"]["text"]["text"]
    assert "⏳ Due soon" in rows["Fire Safety"]["text"]["text"]
    social = next(r for title, r in rows.items() if "Social Media" in title)
    assert "🔴 Not signed yet" in social["text"]["text"]
    outstanding = {r["accessory"]["value"] for r in rows.values() if "accessory" in r}
    assert outstanding == {"acceptable-use", "first-aid", "staff-social-media"}
    assert await SlackIdentity.filter(user_id="U1", person=tess).exists()


async def test_a_second_visit_skips_the_email_lookup(slack: Slack):
    await publish_seeds()
    school = await make_school(SCHOOL)
    await make_staff(school, "Tess Teacher", "tess@clearwell.example")
    slack.peer.add_user("U1", "tess@clearwell.example")
    for n in (1, 2):
        await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
        await slack.peer.wait_for("views.publish", n)
    assert len(slack.peer.called("users.info")) == 1


async def test_unmatched_users_are_told_why(slack: Slack):
    await publish_seeds()
    await make_school(SCHOOL)
    slack.peer.add_user("U9", "visitor@elsewhere.example")
    await slack.event({"type": "app_home_opened", "user": "U9", "tab": "home"})
    view = (await slack.peer.wait_for("views.publish"))[0].body["view"]
    text = view["blocks"][0]["text"]["text"]
    assert "visitor@elsewhere.example" in text and "staff list" in text
    assert not any(b.get("accessory") for b in view["blocks"])


async def test_leavers_are_no_longer_matched(slack: Slack):
    await publish_seeds()
    school = await make_school(SCHOOL)
    tess = await make_staff(school, "Tess Teacher", "tess@clearwell.example")
    slack.peer.add_user("U1", "tess@clearwell.example")
    await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
    await slack.peer.wait_for("views.publish")
    tess.left_at = datetime.now(UTC)
    await tess.save()
    await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
    view = (await slack.peer.wait_for("views.publish", 2))[1].body["view"]
    assert "staff list" in view["blocks"][0]["text"]["text"]
