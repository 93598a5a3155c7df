"""Block Kit for messages: policy answers, nudges and confirmations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from portal.core.agreements import Clause
from portal.core.answers import Answer, Citation, Verdict

Block = dict[str, Any]

SECTION_LIMIT = 3000  # characters in one section's text
VALUE_LIMIT = 2000  # characters in one button's value
VERDICTS = {
    Verdict.YES: "✅ Yes",
    Verdict.NO: "⛔ No",
    Verdict.CONDITIONAL: "⚠️ Only if…",
    Verdict.NOT_COVERED: "❔ Not covered",
    Verdict.SAFEGUARDING: "🛟 Safeguarding",
}
_QUESTION_IN_VALUE = 1200
HELP = (
    "Ask me about your school's policies, e.g. `/policy can I accept a friend request from a "
    "parent?` You can also message me directly, or mention me in a channel."
)


def escape(text: str) -> str:
    """Slack's mrkdwn treats only these three characters as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def section(text: str, **extra: Any) -> Block:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)},
        **extra,
    }


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}]}


def button(text: str, action_id: str, value: str, style: str = "", url: str = "") -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": clip(value, VALUE_LIMIT),
    }
    if style:
        element["style"] = style
    if url:
        element["url"] = url
    return element


def quote(text: str) -> str:
    return "\n".join("> " + line for line in escape(text.strip()).splitlines() if line.strip())


def citation_label(citation: Citation, title: str) -> str:
    ref = Clause(citation.clause, citation.number, citation.heading, citation.text).label
    return f"{title}, {'clause ' if citation.number else ''}{ref} · version {citation.version}"


def answer_blocks(
    answer: Answer,
    question: str,
    title: Callable[[str], str],
    *,
    share: str = "",
    asked_by: str = "",
    feedback: bool = True,
) -> list[Block]:
    """The verdict first, then the answer, then the clause it rests on in the policy's words."""
    blocks: list[Block] = []
    if asked_by:
        blocks.append(context(f"<@{asked_by}> asked: {escape(question)}"))
    blocks.append(section(f"*{VERDICTS[answer.verdict]}*\n{escape(answer.answer)}"))
    if answer.citations:
        first, *others = answer.citations
        blocks.append(section(quote(first.text)))
        refs = citation_label(first, title(first.agreement))
        if others:
            refs += " · also " + ", ".join(c.number or c.clause for c in others[:3])
        blocks.append(context(escape(refs)))
    if feedback:
        blocks.append(_answer_actions(answer, question, share))
    return blocks


def answer_text(answer: Answer) -> str:
    """The notification text, for clients that show no blocks; the answer names its verdict."""
    emoji = VERDICTS[answer.verdict].split()[0]
    return clip(f"{emoji} {answer.answer}", SECTION_LIMIT)


def _answer_actions(answer: Answer, question: str, share: str) -> Block:
    first = answer.citations[0] if answer.citations else None
    about = {
        "q": clip(question, _QUESTION_IN_VALUE),
        "v": answer.verdict.value,
        "a": first.agreement if first else "",
        "r": first.clause if first else "",
        "n": first.version if first else "",
    }
    value = json.dumps(about, ensure_ascii=False)
    elements = [
        button("👍 Helpful", "answer_helpful", value),
        button("👎 Not helpful", "answer_not_helpful", value),
    ]
    if share:
        elements.append(button("Share in channel", "answer_share", share))
    return {"type": "actions", "block_id": "answer_actions", "elements": elements}


def share_value(question: str, thread_ts: str | None) -> str:
    return json.dumps({"q": clip(question, 1800), "t": thread_ts or ""}, ensure_ascii=False)


def nudge_blocks(title: str, slug: str, label: str, reason: str, url: str) -> list[Block]:
    return [
        section(f"Please read and sign *{escape(title)}* (version {escape(label)}). {reason}"),
        {
            "type": "actions",
            "block_id": "nudge_actions",
            "elements": [
                button("Read and sign", "sign_open", slug, style="primary"),
                button("Remind me tomorrow", "nudge_snooze", slug),
            ],
        },
        context(f"<{url}|Open the full text in your browser>"),
    ]


def signed_blocks(name: str, title: str, label: str, when: str, reference: str) -> list[Block]:
    return [
        section(
            f"✅ Thank you, {escape(name)}. You signed *{escape(title)}* (version "
            f"{escape(label)}) on {when}."
        ),
        context(f"Reference {escape(reference)}. Your school keeps this record."),
    ]


_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def strip_mentions(text: str) -> str:
    return _MENTION.sub("", text).strip()
