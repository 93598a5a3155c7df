# ruff: noqa: S608  -- the SQL is put together from this module's own fixed text; values are bound
"""The sign page's read in hand-written SQL: one query per request, for PostgreSQL and SQLite.

Every parent hits this page at once after an invitation goes out. Through the ORM it took
three queries (each also costing a pool reset round trip) and more CPU to build than the
database spent answering, so here the invitation, its school, person, agreement, pupils,
the person's acknowledgements of the agreement, other adults' acknowledgements for the same pupils
(whether they are covered already) and the agreement's versions (whether a newer one has replaced
the link's) come back as one row, the lists as JSON. Rows
take the shape the ORM's `.values()` gives (datetimes, decoded JSON).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from tortoise import connections

# What both dialects select alike; only the JSON aggregation and the placeholder differ.
_COLUMNS = """\
SELECT i.id, i.school_id, i.person_id, i.agreement_id, i.version_id, i.pupil_ids, i.expires_at,
       i.opened_at, i.revoked_at, i.revoked_reason,
       s.slug AS "school__slug", s.name AS "school__name", s.timezone AS "school__timezone",
       s.contacts AS "school__contacts", p.school_id AS "person__school_id",
       p.full_name AS "person__full_name", p.email AS "person__email", p.kind AS "person__kind",
       p.left_at AS "person__left_at", a.title AS "agreement__title",
       a.school_id AS "agreement__school_id", a.renewal AS "agreement__renewal",
       a.anchor AS "agreement__anchor", a.signers AS "agreement__signers",
"""
_PUPIL = """\
               'id', pu.id, 'school_id', pu.school_id, 'full_name', pu.full_name,
               'year_group', pu.year_group, 'form', pu.form, 'left_at', pu.left_at"""
_ACKNOWLEDGEMENT = """\
               'id', k.id, 'version_id', k.version_id, 'subject_key', k.subject_key,
               'round', k.round, 'pupil_id', k.pupil_id, 'signed_at', k.signed_at,
               'typed_name', k.typed_name, 'version_sha256', k.version_sha256, 'channel', k.channel,
               'assurance', k.assurance, 'ip', k.ip, 'user_agent', k.user_agent,
               'invitation_id', k.invitation_id"""
# Another adult's signature covers a pupil only where any one adult's signature is enough.
_OTHERS = """\
               'version_id', k.version_id, 'subject_key', k.subject_key,
               'signed_at', k.signed_at, 'invitation_id', k.invitation_id"""
_VERSION = """\
               'id', v.id, 'effective', v.effective, 'material', v.material"""
_JOINS = """\
FROM invitation i
JOIN school s ON s.id = i.school_id
JOIN person p ON p.id = i.person_id
JOIN agreement a ON a.id = i.agreement_id
WHERE i.id = """
_PARTS = {
    "columns": _COLUMNS,
    "pupil": _PUPIL,
    "acknowledgement": _ACKNOWLEDGEMENT,
    "others": _OTHERS,
    "version": _VERSION,
    "joins": _JOINS,
}

_POSTGRES = """
{columns}       (SELECT coalesce(json_agg(json_build_object(
{pupil})
               ORDER BY pu.full_name, pu.id), '[]')
        FROM pupil pu
        WHERE pu.id = ANY(ARRAY(SELECT jsonb_array_elements_text(i.pupil_ids::jsonb)::int)))
         AS pupils,
       (SELECT coalesce(json_agg(json_build_object(
{acknowledgement})
               ORDER BY k.signed_at DESC, k.id DESC), '[]')
        FROM acknowledgement k
        WHERE k.person_id = i.person_id AND k.agreement_id = i.agreement_id) AS history,
       (SELECT coalesce(json_agg(json_build_object(
{others})), '[]')
        FROM jsonb_array_elements_text(i.pupil_ids::jsonb) AS covered(pupil_id)
        -- Per pupil (OFFSET 0 keeps it so), so the lookup is by (agreement, pupil) whatever the
        -- planner's statistics say: a plan made on a young table read every signature of the
        -- agreement instead.
        CROSS JOIN LATERAL (
            SELECT * FROM acknowledgement
            WHERE agreement_id = i.agreement_id AND pupil_id = covered.pupil_id::int
              AND person_id <> i.person_id
            OFFSET 0) k
        WHERE a.signers = 'any') AS others,
       (SELECT json_agg(json_build_object(
{version}))
        FROM agreement_version v WHERE v.agreement_id = i.agreement_id) AS versions
{joins}$1
""".format(**_PARTS)

_SQLITE = """
{columns}       (SELECT json_group_array(json_object(
{pupil}))
        FROM (SELECT * FROM pupil WHERE id IN (SELECT value FROM json_each(i.pupil_ids))
              ORDER BY full_name, id) pu) AS pupils,
       (SELECT json_group_array(json_object(
{acknowledgement}))
        FROM (SELECT * FROM acknowledgement
              WHERE person_id = i.person_id AND agreement_id = i.agreement_id
              ORDER BY signed_at DESC, id DESC) k) AS history,
       (SELECT json_group_array(json_object(
{others}))
        FROM acknowledgement k
        WHERE a.signers = 'any' AND k.agreement_id = i.agreement_id
          AND k.person_id <> i.person_id
          AND k.pupil_id IN (SELECT value FROM json_each(i.pupil_ids))) AS others,
       (SELECT json_group_array(json_object(
{version}))
        FROM agreement_version v WHERE v.agreement_id = i.agreement_id) AS versions
{joins}?
""".format(**_PARTS)

_DATES = ("expires_at", "opened_at", "revoked_at", "person__left_at", "left_at", "signed_at")
_JSON = ("pupil_ids", "school__contacts", "pupils", "history", "others", "versions")


def _version(row: dict[str, Any]) -> dict[str, Any]:
    # Both dialects give the date as ISO text; SQLite gives the flag as 0 or 1.
    return {
        "id": row["id"],
        "effective": date.fromisoformat(row["effective"]),
        "material": bool(row["material"]),
    }


def _python(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    for key in _DATES:
        if isinstance(row.get(key), str):  # SQLite keeps dates as text; JSON has no date type
            row[key] = datetime.fromisoformat(row[key])
    return row


async def invitation_row(invitation_id: int) -> dict[str, Any] | None:
    """The invitation with its school, person and agreement, its pupils (by name), the
    person's acknowledgements of the agreement (newest first) and, where one adult's signature
    covers a pupil, other adults' acknowledgements for its pupils, or None."""
    db = connections.get("default")
    sql = _POSTGRES if db.capabilities.dialect == "postgres" else _SQLITE
    _, rows = await db.execute_query(sql, [invitation_id])
    if not rows:
        return None
    row = _python(dict(rows[0]))
    row["pupils"] = [_python(p) for p in row["pupils"]]
    row["history"] = [_python(a) for a in row["history"]]
    row["others"] = [_python(a) for a in row["others"]]
    row["versions"] = [_version(v) for v in row["versions"]]
    return row
