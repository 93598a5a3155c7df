"""Sealing secrets the database keeps (TOTP secrets, Slack bot tokens), so a dump reveals none.

A sealed value is `sealed:v1:` followed by a Fernet token (AES-128-CBC with HMAC-SHA256): it
cannot be read, or changed unnoticed, without the sealing key. That key is derived from
SIGNOFF_SECRET_KEY by HKDF-SHA256 with an info string of its own, so it differs from the key that
signs links and session cookies (a signature never gives away anything about the sealing key).

Values written before sealing existed have no prefix; `open` returns them as they are, so they
keep working until they are sealed (on their next read, or by `signoff migrate`).

Rotation: the keys in SIGNOFF_SECRET_KEY_PREVIOUS still open what they sealed (MultiFernet), but
only the current key seals. A value opened with a previous key is resealed under the current one
on its next read, and `signoff migrate` reseals the rest, so a previous key can be dropped once
the migrate has run. A value sealed under a key that is in neither setting cannot be opened: an
office user then needs `signoff user reset-code` and a school's Slack workspace a reinstall.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from portal.settings import Secret, Settings

PREFIX = "sealed:v1:"
# Part of the key derivation: changing it changes the key, so it is fixed for v1.
_INFO = b"signoff/sealing/v1: secrets kept in the database"


class Unsealable(ValueError):
    """A sealed value no key in use can open: sealed under a key since dropped, or damaged."""


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


@dataclass(frozen=True, slots=True)
class Opened:
    plain: str
    # False for a legacy plain value or one sealed under a previous key: it should be resealed.
    current: bool


@dataclass(frozen=True, slots=True)
class Sealer:
    """Seals with the key derived from SIGNOFF_SECRET_KEY; opens with it and the previous ones."""

    _current: Fernet = field(repr=False)
    # The current key first: MultiFernet encrypts (and rotates) with its first key.
    _every: MultiFernet = field(repr=False)

    def seal(self, plain: str) -> str:
        return PREFIX + self._current.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The plain value; a legacy value (no prefix) is returned unchanged."""
        return self.unseal(stored).plain

    def unseal(self, stored: str) -> Opened:
        """The plain value, and whether it was sealed under the current key."""
        if not is_sealed(stored):
            return Opened(stored, current=False)
        try:
            token = stored.removeprefix(PREFIX).encode("ascii")
            try:
                # The current key alone first: it is the usual case, and the only way to tell
                # which key opened a value (MultiFernet does not say).
                return Opened(self._current.decrypt(token).decode("utf-8"), current=True)
            except InvalidToken:
                return Opened(self._every.decrypt(token).decode("utf-8"), current=False)
        except (InvalidToken, UnicodeError):
            raise _unsealable() from None

    def reseal(self, stored: str) -> str | None:
        """`stored` sealed under the current key, or None when it already is. Raises Unsealable."""
        if not is_sealed(stored):
            return self.seal(stored)
        if self.unseal(stored).current:
            return None
        # Unlike sealing the plain value again, rotate keeps the token's timestamp (nothing here
        # reads it, but it stays the time the secret was stored).
        rotated = self._every.rotate(stored.removeprefix(PREFIX).encode("ascii"))
        return PREFIX + rotated.decode("ascii")


def _unsealable() -> Unsealable:
    # Never the value itself in the message: it ends up in logs.
    return Unsealable(
        "a sealed value could not be opened: it was sealed under a key that is neither "
        "SIGNOFF_SECRET_KEY nor in SIGNOFF_SECRET_KEY_PREVIOUS, or the stored value is damaged"
    )


def sealer_for(settings: Settings) -> Sealer:
    return _sealer(settings.secret_key, settings.previous_secret_keys)


@lru_cache(maxsize=8)  # one set of keys per process in practice; tests make a few
def _sealer(secret_key: Secret, previous: tuple[Secret, ...]) -> Sealer:
    current = _fernet(secret_key)
    return Sealer(current, MultiFernet([current, *(_fernet(key) for key in previous)]))


def _fernet(secret_key: Secret) -> Fernet:
    derived = HKDF(algorithm=SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.value.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))
