"""Sealing secrets the database keeps (TOTP secrets, Slack bot tokens), so a dump reveals none.

A sealed value is `sealed:v1:` followed by a Fernet token (AES-128-CBC with HMAC-SHA256): it
cannot be read, or changed unnoticed, without the sealing key. That key is derived from
SIGNOFF_SECRET_KEY by HKDF-SHA256 with an info string of its own, so it differs from the key that
signs links and session cookies (a signature never gives away anything about the sealing key).

Values written before sealing existed have no prefix; `open` returns them as they are, so they
keep working until they are sealed (on their next read, or by `signoff migrate`).

Changing SIGNOFF_SECRET_KEY makes every sealed value unreadable: there is no setting for
previous keys, so an office user then needs `signoff user reset-code` and a school's Slack
workspace a reinstall.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from portal.settings import Secret, Settings

PREFIX = "sealed:v1:"
# Part of the key derivation: changing it changes the key, so it is fixed for v1.
_INFO = b"signoff/sealing/v1: secrets kept in the database"


class Unsealable(ValueError):
    """A sealed value this key cannot open: SIGNOFF_SECRET_KEY changed, or the value is damaged."""


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


@dataclass(frozen=True, slots=True)
class Sealer:
    """Seals and opens values with the key derived from one SIGNOFF_SECRET_KEY."""

    _fernet: Fernet = field(repr=False)

    def seal(self, plain: str) -> str:
        return PREFIX + self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The plain value; a legacy value (no prefix) is returned unchanged."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.removeprefix(PREFIX).encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            # Never the value itself in the message: it ends up in logs.
            raise Unsealable(
                "a sealed value could not be opened: SIGNOFF_SECRET_KEY has changed since it was "
                "sealed, or the stored value is damaged"
            ) from None


def sealer_for(settings: Settings) -> Sealer:
    return _sealer(settings.secret_key)


@lru_cache(maxsize=4)  # one key per process in practice; tests make a few
def _sealer(secret_key: Secret) -> Sealer:
    derived = HKDF(algorithm=SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.value.encode("utf-8")
    )
    return Sealer(Fernet(base64.urlsafe_b64encode(derived)))
