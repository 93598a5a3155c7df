"""The Block Kit builders, against Slack's limits, and the manifest against the code."""

from datetime import date
from pathlib import Path

import yaml

from bots.slack.oauth import BOT_SCOPES
from bots.slack.views import MAX_BLOCKS, sign_modal
from portal.core.agreements import Agreement, AgreementVersion, Audience, Clause, Renewal

MANIFEST = Path(__file__).resolve().parents[2] / "bots" / "slack" / "manifest.yaml"
URL = "https://signoff.example.org/agreements/clearwell/long/1"


def _agreement(sections: int, clauses_each: int, words: int) -> tuple[Agreement, AgreementVersion]:
    lines, clauses = [], []
    for s in range(1, sections + 1):
        lines.append(f"## {s} SECTION {s}\n")
        for c in range(1, clauses_each + 1):
            text = " ".join(f"word{n}" for n in range(words))
            lines.append(f"### {s}.{c}\n{text}\n")
            clauses.append(Clause(f"{s}.{c}", f"{s}.{c}", f"Section {s}", text))
    version = AgreementVersion(
        "1", date(2024, 9, 1), "\n".join(lines), tuple(clauses), statement="I will follow it."
    )
    return Agreement(
        "clearwell", "long", "Long Policy", Audience.STAFF, Renewal.ANNUAL, versions=(version,)
    ), version


def _sections(view: dict) -> list[str]:
    return [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]


def test_a_text_that_fits_is_shown_whole_in_sections_of_at_most_3000_characters():
    agreement, version = _agreement(sections=4, clauses_each=5, words=120)
    view = sign_modal(agreement, version, "Tess", URL, "{}")
    assert len(view["blocks"]) <= MAX_BLOCKS
    assert all(len(t) <= 3000 for t in _sections(view))
    assert "*4.5*" in "\n".join(_sections(view)) and "too long" not in str(view)


def test_a_text_too_long_for_a_modal_shows_its_outline_and_links_to_the_full_text():
    agreement, version = _agreement(sections=60, clauses_each=10, words=200)
    view = sign_modal(agreement, version, "Tess", URL, "{}")
    assert len(view["blocks"]) <= MAX_BLOCKS
    assert all(len(t) <= 3000 for t in _sections(view))
    body = "\n".join(_sections(view))
    assert "too long to show here" in body and f"<{URL}|Read the full text>" in body
    assert "• Section 60" in body
    assert {b["block_id"] for b in view["blocks"] if b["type"] == "input"} == {
        "confirm",
        "typed_name",
    }


def test_the_manifest_asks_for_what_the_code_uses():
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)
    assert {"app_home_opened", "message.im", "app_mention"} <= set(
        manifest["settings"]["event_subscriptions"]["bot_events"]
    )
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/policy"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")
