"""Why a sign link cannot be used: status, heading and explanation per link state."""

from __future__ import annotations

from portal.usecases.sign_links import LinkState

PROBLEMS: dict[str, tuple[int, str, str]] = {
    "invalid": (
        400,
        "This link is not valid",
        "The link has been changed or cut short, so we cannot tell which agreement it is "
        "for. Check you copied the whole link from the email.",
    ),
    LinkState.UNKNOWN: (
        404,
        "We cannot find this link",
        "This link does not match any invitation we have sent.",
    ),
    LinkState.EXPIRED: (
        410,
        "This link has expired",
        "Links work for a limited time to keep them safe, and this one has run out.",
    ),
    LinkState.REPLACED: (
        410,
        "This link has been replaced",
        "The school has sent you a newer link, so this one no longer works. "
        "Use the link in the most recent email.",
    ),
    LinkState.SUPERSEDED: (
        410,
        "This agreement has changed",
        "The school has published a new version of this agreement since this link was sent, "
        "with changes everyone is asked to read, so this link no longer signs. A new link "
        "takes you to the new version.",
    ),
    LinkState.LEFT: (
        410,
        "This link no longer works",
        "The school's records say this link's person or pupil has left, so it was withdrawn.",
    ),
    LinkState.NOT_ME: (
        410,
        "This link has been stopped",
        "Someone told the school this link reached the wrong person, so it no longer works.",
    ),
    LinkState.WITHDRAWN: (
        410,
        "This link has been withdrawn",
        "The school has withdrawn this link.",
    ),
}

RENEWABLE = {
    "invalid",
    LinkState.UNKNOWN,
    LinkState.EXPIRED,
    LinkState.REPLACED,
    LinkState.SUPERSEDED,
}
"""Problems the holder can mend by asking for a new link by email (portal.usecases.new_links)."""
