"""The database tables. Every row that belongs to a school carries the school."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

_RESTRICT = fields.RESTRICT


def _school() -> fields.ForeignKeyRelation[School]:
    return fields.ForeignKeyField("models.School", related_name=False, on_delete=_RESTRICT)


class School(Model):
    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    timezone = fields.CharField(max_length=64, default="Europe/London")
    contacts: dict[str, str] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "school"


class Person(Model):
    """A member of staff or a parent/carer; pupils are kept apart (they never sign)."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    kind = fields.CharField(max_length=16)  # staff | parent
    external_id = fields.CharField(max_length=64)
    full_name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, null=True)
    phone = fields.CharField(max_length=64, null=True)
    role = fields.CharField(max_length=120, default="")
    left_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "person"
        unique_together = (("school", "kind", "external_id"),)
        indexes = (("school", "email"),)


class Pupil(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    external_id = fields.CharField(max_length=64)
    full_name = fields.CharField(max_length=200)
    year_group = fields.CharField(max_length=32, default="")
    form = fields.CharField(max_length=32, default="")
    left_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "pupil"
        unique_together = (("school", "external_id"),)
        indexes = (("school", "year_group", "form"),)


class Guardianship(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    parent: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="guardianships", on_delete=_RESTRICT
    )
    pupil: fields.ForeignKeyRelation[Pupil] = fields.ForeignKeyField(
        "models.Pupil", related_name="guardianships", on_delete=_RESTRICT
    )
    relationship = fields.CharField(max_length=64, default="")
    parental_responsibility = fields.BooleanField(default=True)
    priority = fields.IntField(default=1)
    left_at = fields.DatetimeField(null=True)

    class Meta:
        table = "guardianship"
        unique_together = (("parent", "pupil"),)
        indexes = (("school", "pupil"),)


class StaffTeam(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    name = fields.CharField(max_length=120)

    class Meta:
        table = "staff_team"
        unique_together = (("school", "name"),)


class TeamMembership(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    team: fields.ForeignKeyRelation[StaffTeam] = fields.ForeignKeyField(
        "models.StaffTeam", related_name="memberships", on_delete=_RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="memberships", on_delete=_RESTRICT
    )

    class Meta:
        table = "team_membership"
        unique_together = (("team", "person"),)


class Agreement(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    slug = fields.CharField(max_length=100)
    title = fields.CharField(max_length=200)
    audience = fields.CharField(max_length=16)
    renewal = fields.CharField(max_length=16)
    anchor = fields.CharField(max_length=16)
    signers = fields.CharField(max_length=16, default="any")

    class Meta:
        table = "agreement"
        unique_together = (("school", "slug"),)


class AgreementVersion(Model):
    """Immutable once stored: a change of text is a new version."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    agreement: fields.ForeignKeyRelation[Agreement] = fields.ForeignKeyField(
        "models.Agreement", related_name="versions", on_delete=_RESTRICT
    )
    label = fields.CharField(max_length=64)
    effective = fields.DateField()
    text = fields.TextField()
    sha256 = fields.CharField(max_length=64)
    material = fields.BooleanField(default=True)
    statement = fields.TextField(default="")
    changes = fields.TextField(default="")
    published_at = fields.DatetimeField(auto_now_add=True)
    published_by = fields.CharField(max_length=200, default="")

    class Meta:
        table = "agreement_version"
        unique_together = (("agreement", "label"),)


class Clause(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    version: fields.ForeignKeyRelation[AgreementVersion] = fields.ForeignKeyField(
        "models.AgreementVersion", related_name="clauses", on_delete=_RESTRICT
    )
    ref = fields.CharField(max_length=64)
    number = fields.CharField(max_length=64, default="")
    heading = fields.CharField(max_length=300, default="")
    section = fields.CharField(max_length=64, default="")
    text = fields.TextField()
    position = fields.IntField()

    class Meta:
        table = "clause"
        unique_together = (("version", "ref"),)


class Invitation(Model):
    """A personal link to sign one version, bound to the person and the pupils it covers."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="invitations", on_delete=_RESTRICT
    )
    agreement: fields.ForeignKeyRelation[Agreement] = fields.ForeignKeyField(
        "models.Agreement", related_name=False, on_delete=_RESTRICT
    )
    version: fields.ForeignKeyRelation[AgreementVersion] = fields.ForeignKeyField(
        "models.AgreementVersion", related_name=False, on_delete=_RESTRICT
    )
    pupil_ids: list[int] = fields.JSONField(default=list)
    campaign_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    opened_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=32, default="")  # replaced | left | withdrawn
    replaced_by_id = fields.IntField(null=True)
    created_by = fields.CharField(max_length=200, default="")

    class Meta:
        table = "invitation"
        indexes = (("school", "agreement", "person"),)


class Acknowledgement(Model):
    """One signature of one version, for the signer themself or for one pupil, in one round."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="acknowledgements", on_delete=_RESTRICT
    )
    agreement: fields.ForeignKeyRelation[Agreement] = fields.ForeignKeyField(
        "models.Agreement", related_name=False, on_delete=_RESTRICT
    )
    version: fields.ForeignKeyRelation[AgreementVersion] = fields.ForeignKeyField(
        "models.AgreementVersion", related_name=False, on_delete=_RESTRICT
    )
    version_sha256 = fields.CharField(max_length=64)
    pupil: fields.ForeignKeyNullableRelation[Pupil] = fields.ForeignKeyField(
        "models.Pupil", related_name=False, null=True, on_delete=_RESTRICT
    )
    # NULL never equals NULL in a unique index, so "for whom" is kept as text too:
    # the pupil's id, or "self" for staff. It makes double submits collide.
    subject_key = fields.CharField(max_length=32)
    # 1 for the first signature of this version for this subject; a renewal of the same version
    # when the last one lapsed is the next round. Double submits work out the same round. The
    # database default makes rows from before rounds existed (and bulk loads) round 1.
    round = fields.IntField(default=1, db_default=1)
    signed_at = fields.DatetimeField()
    channel = fields.CharField(max_length=32)  # email-link | portal | slack | teams | paper | phone
    assurance = fields.CharField(max_length=32)
    typed_name = fields.CharField(max_length=200, default="")
    ip = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=500, default="")
    invitation: fields.ForeignKeyNullableRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name=False, null=True, on_delete=_RESTRICT
    )
    evidence: dict[str, object] = fields.JSONField(default=dict)
    recorded_by = fields.CharField(max_length=200, default="")

    class Meta:
        table = "acknowledgement"
        unique_together = (("person", "version", "subject_key", "round"),)
        # The second covers the completion dashboard's aggregate (an index-only scan per agreement).
        indexes = (
            ("school", "agreement", "signed_at"),
            ("agreement", "pupil", "person", "version", "signed_at"),
        )


class SignResponse(Model):
    """A reply on a sign link that is not a signature: a question, a refusal, "this isn't me"."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    invitation: fields.ForeignKeyRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name="responses", on_delete=_RESTRICT
    )
    kind = fields.CharField(max_length=16)  # question | disagree | not-me
    message = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sign_response"


class Delivery(Model):
    """One message sent (or attempted) to one person, so nobody is told twice."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = _school()
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="deliveries", on_delete=_RESTRICT
    )
    invitation: fields.ForeignKeyNullableRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name="deliveries", null=True, on_delete=_RESTRICT
    )
    # What makes it unique, e.g. "invitation:12:email" or "reminder:12:step-2:email".
    key = fields.CharField(max_length=200, unique=True)
    channel = fields.CharField(max_length=16)  # email | slack | teams | paper
    purpose = fields.CharField(max_length=32)  # invitation | reminder | receipt | nudge
    step = fields.IntField(default=0)
    address = fields.CharField(max_length=254, default="")
    status = fields.CharField(max_length=16, default="pending")  # pending | sending | sent | failed
    error = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    # Tries so far and when the latest began: what lets a sender that retries in the background
    # (receipts) wait between tries, and tell a send in progress from one a crash abandoned.
    attempts = fields.IntField(default=0)
    claimed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "delivery"
        # The second serves the mail round, which looks across schools for what is still owed.
        indexes = (("school", "purpose", "status"), ("purpose", "status"))


class AuditChain(Model):
    """The head of one audit chain, locked while an entry is appended."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    last_seq = fields.IntField(default=0)
    last_hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_chain"


class AuditEvent(Model):
    """Append-only: rows are never updated or deleted."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyNullableRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, null=True, on_delete=_RESTRICT
    )
    chain = fields.CharField(max_length=64)
    seq = fields.IntField()
    at = fields.DatetimeField()
    action = fields.CharField(max_length=64)
    actor = fields.CharField(max_length=200)
    subject = fields.CharField(max_length=200)
    data: dict[str, object] = fields.JSONField(default=dict)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_event"
        unique_together = (("chain", "seq"),)
        # One signature's trail (its certificate) and a reply's answer are read by subject: without
        # this, each read scans the school's whole chain, which only ever grows.
        indexes = (("chain", "subject"),)
