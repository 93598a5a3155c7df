"""Tables for office campaigns (asking a group to sign, then chasing them) and school term dates."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from portal.store.models import Agreement, AgreementVersion, School

_RESTRICT = fields.RESTRICT


class Campaign(Model):
    """One request to a group of people to sign one version, with its reminder schedule."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=_RESTRICT
    )
    agreement: fields.ForeignKeyRelation[Agreement] = fields.ForeignKeyField(
        "models.Agreement", related_name=False, on_delete=_RESTRICT
    )
    version: fields.ForeignKeyRelation[AgreementVersion] = fields.ForeignKeyField(
        "models.AgreementVersion", related_name=False, on_delete=_RESTRICT
    )
    name = fields.CharField(max_length=200)
    # whole-school | year-groups | classes | staff-teams; values name the groups chosen.
    audience_kind = fields.CharField(max_length=16, default="whole-school")
    audience_values: list[str] = fields.JSONField(default=list)
    reminder_after_days: list[int] = fields.JSONField(default=list)
    reminder_every_days = fields.IntField(default=7)
    reminder_max = fields.IntField(default=4)
    reminders_sent = fields.IntField(default=0)
    last_reminder_at = fields.DatetimeField(null=True)
    created_by = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)
    status = fields.CharField(max_length=16, default="draft")  # draft | sending | sent | closed
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    progress_at = fields.DatetimeField(null=True)
    """Last sign of life from the sender; a send that stops moving may be resumed."""
    # Progress of the send, updated as it goes so the progress page can show it.
    total = fields.IntField(default=0)
    processed = fields.IntField(default=0)
    emailed = fields.IntField(default=0)
    on_paper = fields.IntField(default=0)
    failed = fields.IntField(default=0)

    class Meta:
        table = "campaign"
        indexes = (("school", "status"),)


class TermDates(Model):
    """One term (or half term) as the school publishes it; the gaps between are holidays."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=_RESTRICT
    )
    name = fields.CharField(max_length=100, default="")
    starts_on = fields.DateField()
    ends_on = fields.DateField()

    class Meta:
        table = "term_dates"
        indexes = (("school", "starts_on"),)
