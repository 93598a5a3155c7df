"""The signed certificate as a PDF download."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from portal.usecases.sign_links import Certificate
from portal.web.certificate import certificate_pdf
from portal.web.sign.headers import harden


async def certificate_download(facts: Certificate) -> Response:
    return harden(
        Response(
            await run_in_threadpool(certificate_pdf, facts),
            media_type="application/pdf",
            headers={"Content-Disposition": _attachment(facts)},
        )
    )


def _attachment(facts: Certificate) -> str:
    label = facts.link.version.label if facts.link.version else "certificate"
    return f'attachment; filename="signoff-certificate-{facts.link.invitation_id}-{label}.pdf"'
