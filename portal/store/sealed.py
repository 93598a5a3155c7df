"""The columns that hold sealed secrets, reading them, and sealing values written before sealing.

Every column listed in SEALED_COLUMNS holds either NULL, "" or a value sealed by
portal.sealing; a legacy plain value is sealed in place the first time it is read, and
`seal_plain_values` (run by `signoff migrate`) seals whatever is left.
"""

from __future__ import annotations

from tortoise.models import Model

from portal.sealing import PREFIX, Sealer, is_sealed
from portal.store.office_models import OfficeUser
from portal.store.slack_models import SlackInstallation

SEALED_COLUMNS: tuple[tuple[type[Model], str], ...] = (
    (OfficeUser, "totp_secret"),
    (SlackInstallation, "bot_token"),
    (SlackInstallation, "bot_refresh_token"),
)


async def opened(row: Model, column: str, sealer: Sealer) -> str | None:
    """The plain value of a sealed column. Raises portal.sealing.Unsealable.

    A legacy plain value is sealed in place on the way, only if the row still holds it: a
    concurrent reset or token refresh is never overwritten with the old value.
    """
    stored: str | None = getattr(row, column)
    if not stored:
        return stored
    plain = sealer.open(stored)
    if not is_sealed(stored):
        sealed = sealer.seal(plain)
        await type(row).filter(pk=row.pk, **{column: stored}).update(**{column: sealed})
        setattr(row, column, sealed)
    return plain


async def seal_plain_values(sealer: Sealer) -> int:
    """Seal every legacy plain value still stored; how many. Running it again seals nothing."""
    count = 0
    for model, column in SEALED_COLUMNS:
        legacy = (
            model.filter(**{f"{column}__isnull": False})
            .exclude(**{column: ""})
            .exclude(**{f"{column}__startswith": PREFIX})
        )
        pk_column = model._meta.pk_attr
        for pk, stored in await legacy.values_list(pk_column, column):
            count += await model.filter(pk=pk, **{column: stored}).update(
                **{column: sealer.seal(stored)}
            )
    return count
