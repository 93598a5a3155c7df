"""Office sessions: a random key in the browser's signed cookie, its hash in the database.

Kept on the server so that signing out, an idle timeout, a reset code app or a deactivated
account end a session at once, not only when the browser forgets its cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from portal.store import accounts as store
from portal.store.office_models import OfficeUser
from portal.usecases.accounts import now

SESSION_LIFETIME = timedelta(hours=12)
_TOUCH_EVERY = timedelta(seconds=60)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def start_session(user: OfficeUser, method: str, ip: str) -> str:
    """A new random session key for the cookie; the database keeps only its hash."""
    key, at = secrets.token_urlsafe(32), now()
    await store.create_session(user, _key_hash(key), method, ip, at)
    await store.mark_signed_in(user, at)
    return key


async def session_user(key: str, idle: timedelta) -> OfficeUser | None:
    session, at = await store.open_session(_key_hash(key)), now()
    if session is None:
        return None
    if at - session.last_seen_at > idle or at - session.created_at > SESSION_LIFETIME:
        await store.end_session(session.key_hash, at)
        return None
    if not session.user.active:
        return None
    if at - session.last_seen_at > _TOUCH_EVERY:
        await store.touch_session(session, at)
    return session.user


async def end_session(key: str) -> None:
    await store.end_session(_key_hash(key), now())
