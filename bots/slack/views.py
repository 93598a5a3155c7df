"""Block Kit views: the App Home and the read-and-sign modal."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bots.slack.blocks import SECTION_LIMIT, Block, button, clip, context, escape, section
from bots.slack.duties import Mine
from bots.slack.identity import Unmatched
from portal.core.agreements import Agreement, AgreementVersion
from portal.core.renewals import Standing, Status
from portal.wording import long_date

MAX_BLOCKS = 100  # in one view
SIGN_CALLBACK = "sign_agreement"
STATUS = {
    Status.CURRENT: "✅ Signed",
    Status.DUE_SOON: "⏳ Due soon",
    Status.OVERDUE: "🔴 Overdue",
    Status.NEVER_SIGNED: "🔴 Not signed yet",
    Status.SUPERSEDED: "🔴 New version to sign",
}
_UNMATCHED = {
    Unmatched.NO_SCHOOL: "This Slack workspace is not connected to a school in Signoff yet.",
    Unmatched.NO_EMAIL: "Slack did not share an email address for you, so I cannot find you on "
    "the staff list.",
    Unmatched.UNCONFIRMED_EMAIL: "Your Slack email address ({email}) is not confirmed yet. "
    "Confirm it in Slack, then open this tab again.",
    Unmatched.NOT_ON_ROSTER: "I could not find {email} on {school}'s staff list. If that is your "
    "work address, ask the school office to put it on your staff record; if the school has "
    "another address for you, use that one in your Slack profile.",
    Unmatched.AMBIGUOUS: "More than one person on {school}'s staff list has the address {email}. "
    "Ask the school office to correct the staff records.",
    Unmatched.LOOKUP_FAILED: "Slack would not tell me who you are just now. Try again in a moment.",
}


def unmatched_text(problem: Unmatched, email: str, school: str) -> str:
    return _UNMATCHED[problem].format(email=escape(email or "your address"), school=escape(school))


def home_view(school: str, name: str, mine: Sequence[Mine]) -> Block:
    blocks: list[Block] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": clip(f"{school}: your agreements", 150)},
        },
        context(f"{escape(name)}, on the staff list. Ask me about policies with `/policy`."),
    ]
    for item in mine[: (MAX_BLOCKS - 3) // 2]:
        blocks += [_agreement_row(item), {"type": "divider"}]
    if not mine:
        blocks.append(section("There is nothing for you to sign at the moment."))
    return {"type": "home", "blocks": blocks}


def unmatched_home(text: str) -> Block:
    return {
        "type": "home",
        "blocks": [
            section(f"👋 {text}"),
            context("You can still ask me about the school's policies: `/policy can I …`"),
        ],
    }


def _agreement_row(item: Mine) -> Block:
    standing, required = item.standing, item.standing.required
    lines = [f"*{escape(item.agreement.title)}*", f"{STATUS[standing.status]}{_detail(standing)}"]
    if required is not None:
        lines.append(
            f"Version {escape(required.label)}, in force from {long_date(required.effective)}"
        )
    row = section("\n".join(lines))
    if standing.status.outstanding:
        row["accessory"] = button(
            "Read and sign", "sign_open", item.agreement.slug, style="primary"
        )
    return row


def _detail(standing: Standing) -> str:
    signed = standing.signed
    if standing.status is Status.NEVER_SIGNED or signed is None:
        return ""
    text = f" · you signed version {escape(signed.version_label)} on {long_date(signed.signed_on)}"
    if standing.valid_until is not None and standing.status is not Status.SUPERSEDED:
        verb = "lapsed after" if standing.status is Status.OVERDUE else "valid until"
        text += f", {verb} {long_date(standing.valid_until)}"
    return text


def sign_modal(
    agreement: Agreement, version: AgreementVersion, name: str, url: str, metadata: str
) -> Block:
    """The text (or, when too long for a modal, its outline and a link), the statement, inputs."""
    head = _sign_heading(agreement, version, url)
    tail = _sign_inputs(version, name)
    body = text_blocks(version.text, MAX_BLOCKS - len(head) - len(tail))
    if body is None:
        body = outline_blocks(version, url, MAX_BLOCKS - len(head) - len(tail))
    return {
        "type": "modal",
        "callback_id": SIGN_CALLBACK,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": "Read and sign"},
        "submit": {"type": "plain_text", "text": "Sign"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": head + body + tail,
    }


def _sign_heading(agreement: Agreement, version: AgreementVersion, url: str) -> list[Block]:
    return [
        {"type": "header", "text": {"type": "plain_text", "text": clip(agreement.title, 150)}},
        context(
            f"Version {escape(version.label)}, in force from {long_date(version.effective)} · "
            f"<{url}|Open the full text in your browser>"
        ),
    ]


def _sign_inputs(version: AgreementVersion, name: str) -> list[Block]:
    """The statement being signed, the agree box and the typed name."""
    return [
        {"type": "divider"},
        section(f"*The statement you are signing*\n>{escape(version.statement)}"),
        {
            "type": "input",
            "block_id": "confirm",
            "label": {"type": "plain_text", "text": "Confirm"},
            "element": {
                "type": "checkboxes",
                "action_id": "confirm",
                "options": [
                    {
                        "text": {
                            "type": "mrkdwn",
                            "text": "I have read it and agree with the statement above",
                        },
                        "value": "agreed",
                    }
                ],
            },
        },
        {
            "type": "input",
            "block_id": "typed_name",
            "label": {"type": "plain_text", "text": "Type your full name"},
            "hint": {"type": "plain_text", "text": clip(f"As the school has it: {name}", 150)},
            "element": {"type": "plain_text_input", "action_id": "typed_name", "max_length": 200},
        },
    ]


def notice_modal(title: str, text: str) -> Block:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": clip(title, 24)},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [section(text)],
    }


def text_blocks(markdown: str, room: int) -> list[Block] | None:
    """The whole text as sections of at most 3000 characters; None when it needs more than room."""
    chunks: list[str] = []
    for paragraph in _paragraphs(markdown):
        for piece in _split(paragraph, SECTION_LIMIT):
            if chunks and len(chunks[-1]) + 2 + len(piece) <= SECTION_LIMIT:
                chunks[-1] += "\n\n" + piece
            else:
                chunks.append(piece)
        if len(chunks) > room:
            return None
    return [section(chunk) for chunk in chunks]


def outline_blocks(version: AgreementVersion, url: str, room: int) -> list[Block]:
    """Too long for a modal: name its sections and send the reader to the full page."""
    headings = list(dict.fromkeys(c.heading for c in version.clauses if c.heading))
    intro = section(
        f"This agreement is too long to show here in full. *<{url}|Read the full text>* "
        "before you sign. It covers:",
    )
    outline = [f"• {escape(h)}" for h in headings]
    chunks = _pack(outline, SECTION_LIMIT)[: max(room - 1, 0)]
    return [intro, *(section(c) for c in chunks)]


_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(?:\{#[^}]*\})?\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^(\s*)[-*]\s+")


def _paragraphs(markdown: str) -> list[str]:
    return [_mrkdwn(p) for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def _mrkdwn(paragraph: str) -> str:
    """Markdown as the agreement files write it, into Slack's mrkdwn."""
    lines = []
    for line in escape(paragraph.strip()).splitlines():
        heading = _HEADING.match(line)
        if heading:
            lines.append(f"*{heading.group(1)}*")
            continue
        line = _BULLET.sub(r"\1• ", line)
        line = _BOLD.sub(r"*\1*", line)
        lines.append(_LINK.sub(r"<\2|\1>", line))
    return "\n".join(lines)


def _split(text: str, limit: int) -> list[str]:
    pieces = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text else pieces


def _pack(lines: list[str], limit: int) -> list[str]:
    chunks: list[str] = []
    for line in lines:
        line = clip(line, limit)
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return chunks
