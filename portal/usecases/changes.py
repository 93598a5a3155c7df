"""What a person who signed an earlier version should read before signing again."""

from __future__ import annotations

from portal.core.changes import VersionChanges, changes_since
from portal.store import publishing as store
from portal.usecases.sign_links import LinkState, SignLink


async def changes_for_link(link: SignLink) -> VersionChanges | None:
    """What changed since the version the link's holder last signed; None if they never did."""
    if link.state is not LinkState.OPEN or link.version is None or not link.last_signed_label:
        return None
    agreement = await store.agreement_by_id(link.agreement_id)
    if agreement is None:
        return None
    return changes_since(agreement, link.last_signed_label, link.version.label)
