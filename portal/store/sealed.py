"""The columns that hold sealed secrets, reading them, and resealing values not sealed under the
current key.

Every column listed in SEALED_COLUMNS holds either NULL, "" or a value sealed by
portal.sealing; a legacy plain value, or one sealed under a previous SIGNOFF_SECRET_KEY, is
sealed under the current key in place the first time it is read, and `reseal_stored_values`
(run by `signoff migrate`) reseals whatever is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.models import Model

from portal.sealing import Sealer, Unsealable, is_sealed
from portal.store.office_models import OfficeUser
from portal.store.slack_models import SlackInstallation

SEALED_COLUMNS: tuple[tuple[type[Model], str], ...] = (
    (OfficeUser, "totp_secret"),
    (SlackInstallation, "bot_token"),
    (SlackInstallation, "bot_refresh_token"),
)


async def opened(row: Model, column: str, sealer: Sealer) -> str | None:
    """The plain value of a sealed column. Raises portal.sealing.Unsealable.

    A legacy plain value, or one sealed under a previous key, is sealed under the current key in
    place on the way, only if the row still holds it: a concurrent reset or token refresh is
    never overwritten with the old value.
    """
    stored: str | None = getattr(row, column)
    if not stored:
        return stored
    result = sealer.unseal(stored)
    plain = result.plain
    if not result.current:
        sealed = sealer.seal(plain)
        await type(row).filter(pk=row.pk, **{column: stored}).update(**{column: sealed})
        setattr(row, column, sealed)
    return plain


@dataclass(frozen=True, slots=True)
class Resealed:
    plain: int = 0
    """Legacy plain values now sealed."""
    rotated: int = 0
    """Values sealed under a previous key, now sealed under the current one."""
    unreadable: int = 0
    """Values no key in use opens (left as they are: only a reset or reinstall helps)."""


async def reseal_stored_values(sealer: Sealer) -> Resealed:
    """Seal every stored value under the current key; running it again reseals nothing.

    Every value is tried, as only opening one tells which key sealed it; there is one per office
    user and Slack workspace, so this stays cheap.
    """
    plain = rotated = unreadable = 0
    for model, column in SEALED_COLUMNS:
        stored_values = model.filter(**{f"{column}__isnull": False}).exclude(**{column: ""})
        pk_column = model._meta.pk_attr
        for pk, stored in await stored_values.values_list(pk_column, column):
            try:
                resealed = sealer.reseal(stored)
            except Unsealable:
                unreadable += 1
                continue
            if resealed is None:
                continue
            # Only if the row still holds what was read: a concurrent reset or token refresh
            # wins, and is already sealed under the current key.
            updated = await model.filter(pk=pk, **{column: stored}).update(**{column: resealed})
            if is_sealed(stored):
                rotated += updated
            else:
                plain += updated
    return Resealed(plain=plain, rotated=rotated, unreadable=unreadable)
