"""Office accounts: who may sign in to the office pages, their sessions and sign-in attempts."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from portal.store.models import School


class OfficeUser(Model):
    """An office user (role `office`, bound to one school) or a trust administrator (all)."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    """Stored lower-cased; sign-in and single sign-on match on it."""
    name = fields.CharField(max_length=200)
    password_hash = fields.CharField(max_length=200, default="")
    role = fields.CharField(max_length=16)  # office | trust_admin
    school: fields.ForeignKeyNullableRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    # Sealed (portal.sealing): a Fernet token is about 150 characters for a 32-character secret.
    totp_secret = fields.TextField(null=True)
    totp_confirmed = fields.BooleanField(default=False)
    # The last 30-second step a code was accepted for: a code is never accepted twice.
    totp_last_step = fields.BigIntField(default=0)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "office_user"


class OfficeSession(Model):
    """A signed-in browser. The cookie holds a random id; only its hash is stored here."""

    id = fields.IntField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[OfficeUser] = fields.ForeignKeyField(
        "models.OfficeUser", related_name="sessions", on_delete=fields.CASCADE
    )
    method = fields.CharField(max_length=32)  # password | sso:<provider>
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    ip = fields.CharField(max_length=64, default="")

    class Meta:
        table = "office_session"


class LoginAttempt(Model):
    """One password or code check, kept in the database so the limit holds across processes."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254)
    ip = fields.CharField(max_length=64)
    at = fields.DatetimeField()
    succeeded = fields.BooleanField()
    stage = fields.CharField(max_length=16, default="password")  # password | code

    class Meta:
        table = "office_login_attempt"
        indexes = (("email", "at"), ("ip", "at"))


class RosterUpload(Model):
    """A roster file checked in the office, kept until it is imported (or for a day)."""

    # In the database, not on one server's disk: whichever server takes the confirm imports the
    # very bytes the office checked.

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=fields.RESTRICT
    )
    sha256 = fields.CharField(max_length=64)
    data = fields.BinaryField()
    kept_at = fields.DatetimeField()

    class Meta:
        table = "roster_upload"
        unique_together = (("school", "sha256"),)
