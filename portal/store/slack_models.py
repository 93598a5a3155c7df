"""The Slack adapter's tables: workspaces installed per school, who is who, feedback, snoozes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # Tortoise collects every Model a module holds, so import these for types only.
    from portal.store.models import Agreement, Person, School

_RESTRICT = fields.RESTRICT
_CASCADE = fields.CASCADE


class SlackInstallation(Model):
    """One workspace per school: its team id maps to the school, its bot token acts for it."""

    id = fields.IntField(primary_key=True)
    school: fields.OneToOneRelation[School] = fields.OneToOneField(
        "models.School", related_name=False, on_delete=_RESTRICT
    )
    team_id = fields.CharField(max_length=32, unique=True)
    team_name = fields.CharField(max_length=200, default="")
    enterprise_id = fields.CharField(max_length=32, null=True)
    app_id = fields.CharField(max_length=32, default="")
    bot_id = fields.CharField(max_length=32, default="")
    bot_user_id = fields.CharField(max_length=32, default="")
    bot_token = fields.TextField()
    bot_scopes = fields.TextField(default="")
    bot_refresh_token = fields.TextField(null=True)
    bot_token_expires_at = fields.DatetimeField(null=True)
    installed_by = fields.CharField(max_length=32, default="")
    installed_at = fields.DatetimeField()

    class Meta:
        table = "slack_installation"


class SlackOAuthState(Model):
    """An install started for one school; consumed once by Slack's redirect back to us."""

    id = fields.IntField(primary_key=True)
    state = fields.CharField(max_length=64, unique=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=_CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    consumed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "slack_oauth_state"


class SlackIdentity(Model):
    """A Slack user matched to a roster person by email, so later events skip the lookup."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=_RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, on_delete=_RESTRICT
    )
    team_id = fields.CharField(max_length=32)
    user_id = fields.CharField(max_length=32)
    email = fields.CharField(max_length=254, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "slack_identity"
        unique_together = (("team_id", "user_id"),)
        indexes = (("school", "person"),)


class AnswerFeedback(Model):
    """ "Helpful" or "Not helpful" on one policy answer."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=_RESTRICT
    )
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=_RESTRICT
    )
    channel = fields.CharField(max_length=16, default="slack")
    chat_team_id = fields.CharField(max_length=32, default="")
    chat_user_id = fields.CharField(max_length=32, default="")
    question = fields.TextField()
    verdict = fields.CharField(max_length=32)
    agreement = fields.CharField(max_length=100, default="")
    clause_ref = fields.CharField(max_length=64, default="")
    version = fields.CharField(max_length=64, default="")
    helpful = fields.BooleanField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "answer_feedback"
        indexes = (("school", "created_at"),)


class NudgeSnooze(Model):
    """ "Remind me tomorrow": nudges for this agreement skip the person until `until`."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name=False, on_delete=_RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, on_delete=_RESTRICT
    )
    agreement: fields.ForeignKeyRelation[Agreement] = fields.ForeignKeyField(
        "models.Agreement", related_name=False, on_delete=_RESTRICT
    )
    channel = fields.CharField(max_length=16, default="slack")
    until = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "nudge_snooze"
        indexes = (("person", "agreement", "until"),)
