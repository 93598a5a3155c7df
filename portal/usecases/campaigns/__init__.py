"""Campaigns: ask a group to sign one version, see who must sign and who has no email, and
narrow "who must sign" to the campaign's audience for sending, letters and reminders.

Who must sign comes from `usecases.obligations` and is narrowed to the campaign's audience;
invitations and their deliveries go through `store.invitations`, as the `signoff invite` command's
do, so a person invited both ways is never emailed twice for the same link.
"""

from portal.usecases.campaigns.audience import duties_of
from portal.usecases.campaigns.creating import choices, close, create_campaign
from portal.usecases.campaigns.loading import (
    Loaded,
    calendar_of,
    load,
    schedule_of,
    still_in_force,
)
from portal.usecases.campaigns.model import (
    DEFAULT_SCHEDULE,
    STALLED,
    AudienceKind,
    CampaignError,
    Choices,
    Letter,
    NewCampaign,
    Preview,
    View,
)
from portal.usecases.campaigns.reading import listing, outstanding, preview, view, view_of

__all__ = [
    "DEFAULT_SCHEDULE",
    "STALLED",
    "AudienceKind",
    "CampaignError",
    "Choices",
    "Letter",
    "Loaded",
    "NewCampaign",
    "Preview",
    "View",
    "calendar_of",
    "choices",
    "close",
    "create_campaign",
    "duties_of",
    "listing",
    "load",
    "outstanding",
    "preview",
    "schedule_of",
    "still_in_force",
    "view",
    "view_of",
]
