"""The personal sign page: GET shows the agreement (or the receipt), POST signs.

Routes parse the request, call a use case and render; the rules live in portal.usecases.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from itsdangerous import BadSignature, TimestampSigner
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.core.changes import VersionChanges
from portal.settings import Settings
from portal.usecases.changes import changes_for_link
from portal.usecases.invitations import InvalidToken, read_token
from portal.usecases.responses import ResponseKind, respond
from portal.usecases.sign_links import (
    Certificate,
    LinkState,
    SignLink,
    certificate,
    open_link,
    sign_by_link,
)
from portal.usecases.signing import SigningError
from portal.web.agreement_html import agreement_html
from portal.web.certificate import certificate_pdf
from portal.web.templating import templates

FORM_SALT = "signoff.sign-form"
FORM_MAX_AGE = 12 * 3600  # a tab left open overnight gets a fresh form, not an error page
MAX_NAME = 200
CHANGED = "The agreement changed while you were reading it. Please read it again and sign."
TIMED_OUT = "For your security this form timed out. Check your details and send it again."

HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}

_PROBLEMS: dict[str, tuple[int, str, str]] = {
    "invalid": (
        400,
        "This link is not valid",
        "The link has been changed or cut short, so we cannot tell which agreement it is "
        "for. Check you copied the whole link from the email.",
    ),
    LinkState.UNKNOWN: (
        404,
        "We cannot find this link",
        "This link does not match any invitation we have sent.",
    ),
    LinkState.EXPIRED: (
        410,
        "This link has expired",
        "Links work for a limited time to keep them safe, and this one has run out.",
    ),
    LinkState.REPLACED: (
        410,
        "This link has been replaced",
        "The school has sent you a newer link, so this one no longer works. "
        "Use the link in the most recent email.",
    ),
    LinkState.LEFT: (
        410,
        "This link no longer works",
        "The school's records say this link's person or pupil has left, so it was withdrawn.",
    ),
    LinkState.NOT_ME: (
        410,
        "This link has been stopped",
        "Someone told the school this link reached the wrong person, so it no longer works.",
    ),
    LinkState.WITHDRAWN: (
        410,
        "This link has been withdrawn",
        "The school has withdrawn this link.",
    ),
}


class Errors(dict[str, str]):
    """Form errors by field; a field without one reads as empty in templates."""

    def __missing__(self, key: str) -> str:
        return ""


class SignPages:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.forms = FormTokens(settings)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/sign/{token}", self.show, methods=["GET", "HEAD"]),
            Route("/sign/{token}", self.submit, methods=["POST"]),
            Route("/sign/{token}/certificate.pdf", self.certificate, methods=["GET"]),
            Route("/sign/{token}/respond", self.respond_form, methods=["GET"]),
            Route("/sign/{token}/respond", self.respond, methods=["POST"]),
        ]

    async def show(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self._problem(request, "invalid")
        link = await open_link(invitation_id, _now(), ip=_ip(request), user_agent=_agent(request))
        return self._page(request, link, await _changes(link))

    async def submit(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self._problem(request, "invalid")
        form = await request.form()
        name, agree = str(form.get("name", "")).strip(), form.get("agree") == "yes"
        if not self._form_ok(str(form.get("csrf", "")), invitation_id):
            return await self._again(
                request, invitation_id, name, agree, status=403, errors=Errors(form=TIMED_OUT)
            )
        errors = _check(name, agree)
        if errors:
            return await self._again(request, invitation_id, name, agree, status=422, errors=errors)
        try:
            state = await sign_by_link(
                self.settings,
                invitation_id,
                typed_name=name,
                shown_sha256=str(form.get("sha256", "")),
                ip=_ip(request),
                user_agent=_agent(request),
                now=_now(),
                certificate_url=f"{self.settings.base_url}/sign/{request.path_params['token']}/certificate.pdf",
            )
        except SigningError:
            return await self._again(
                request,
                invitation_id,
                name,
                agree,
                status=409,
                errors=Errors(form=CHANGED),
            )
        if state.usable:
            return _harden(
                RedirectResponse(f"/sign/{request.path_params['token']}", status_code=303)
            )
        return self._problem(request, state)

    async def certificate(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self._problem(request, "invalid")
        facts = await certificate(invitation_id, _now())
        if isinstance(facts, SignLink):
            if facts.state is LinkState.OPEN:
                return _harden(
                    RedirectResponse(f"/sign/{request.path_params['token']}", status_code=303)
                )
            return self._problem(request, facts.state, facts)
        return _harden(
            Response(
                await run_in_threadpool(certificate_pdf, facts),
                media_type="application/pdf",
                headers={"Content-Disposition": _attachment(facts)},
            )
        )

    async def respond_form(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self._problem(request, "invalid")
        link = await open_link(invitation_id, _now(), ip=_ip(request), user_agent=_agent(request))
        if link.state is not LinkState.OPEN:
            return self._page(request, link)
        kind = request.query_params.get("kind", "question")
        return self._respond_page(request, link, kind if kind in set(ResponseKind) else "question")

    async def respond(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self._problem(request, "invalid")
        form = await request.form()
        kind, message = str(form.get("kind", "")), str(form.get("message", ""))
        now = _now()
        problem = self._response_problem(str(form.get("csrf", "")), invitation_id, kind)
        if problem is not None:
            link = await open_link(invitation_id, now, ip=_ip(request), user_agent=_agent(request))
            if link.state is not LinkState.OPEN:
                return self._page(request, link)
            status, errors = problem
            return self._respond_page(request, link, kind or "question", message, errors, status)
        link = await respond(
            self.settings,
            invitation_id,
            ResponseKind(kind),
            message,
            ip=_ip(request),
            user_agent=_agent(request),
            now=now,
        )
        if link.state is not LinkState.OPEN:
            return self._page(request, link)
        return self._render(request, "sign/responded.html", {"link": link, "kind": kind})

    # -- rendering ---------------------------------------------------------------------------

    def _page(
        self, request: Request, link: SignLink, changes: VersionChanges | None = None
    ) -> Response:
        if link.state is LinkState.SIGNED:
            emailed = bool(link.person_email and self.settings.smtp_url)
            return self._render(request, "sign/receipt.html", {"link": link, "emailed": emailed})
        if link.state is LinkState.OPEN:
            return self._form(request, link, changes=changes)
        return self._problem(request, link.state, link)

    def _form(
        self,
        request: Request,
        link: SignLink,
        name: str = "",
        agree: bool = False,
        errors: Errors | None = None,
        status: int = 200,
        changes: VersionChanges | None = None,
    ) -> Response:
        assert link.version is not None
        return self._render(
            request,
            "sign/form.html",
            {
                "link": link,
                "csrf": self.forms.issue(link.invitation_id),
                "name": name,
                "agree": agree,
                "errors": errors or Errors(),
                "changes": changes,
                "agreement": agreement_html(link.version.sha256, link.version.clauses),
            },
            status,
        )

    async def _again(
        self,
        request: Request,
        invitation_id: int,
        name: str,
        agree: bool,
        status: int,
        errors: Errors,
    ) -> Response:
        link = await open_link(invitation_id, _now(), ip=_ip(request), user_agent=_agent(request))
        if link.state is not LinkState.OPEN:
            return self._page(request, link)
        return self._form(
            request, link, name[:MAX_NAME], agree, errors, status, await _changes(link)
        )

    def _respond_page(
        self,
        request: Request,
        link: SignLink,
        kind: str,
        message: str = "",
        errors: Errors | None = None,
        status: int = 200,
    ) -> Response:
        heading = "This isn’t me" if kind == "not-me" else "Ask a question or say you don’t agree"
        return self._render(
            request,
            "sign/respond.html",
            {
                "link": link,
                "kind": kind,
                "message": message,
                "heading": heading,
                "csrf": self.forms.issue(link.invitation_id),
                "errors": errors or Errors(),
            },
            status,
        )

    def _problem(self, request: Request, state: str, link: SignLink | None = None) -> Response:
        status, heading, explanation = _PROBLEMS[state]
        return self._render(
            request,
            "sign/problem.html",
            {
                "heading": heading,
                "explanation": explanation,
                "school": link.school_name if link else "",
                "office": link.office if link else "",
                "office_email": link.office_email if link else "",
            },
            status,
        )

    def _render(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        context = {"token": request.path_params["token"], **context}
        return _harden(templates().TemplateResponse(request, name, context, status_code=status))

    # -- parsing -----------------------------------------------------------------------------

    def _invitation(self, request: Request) -> int | None:
        try:
            return read_token(self.settings, request.path_params["token"])
        except InvalidToken:
            return None

    def _response_problem(
        self, csrf: str, invitation_id: int, kind: str
    ) -> tuple[int, Errors] | None:
        if not self._form_ok(csrf, invitation_id):
            return 403, Errors(form=TIMED_OUT)
        if kind not in set(ResponseKind):
            return 422, Errors(kind="Choose whether you have a question or don’t agree")
        return None

    def _form_ok(self, token: str, invitation_id: int) -> bool:
        return self.forms.valid(token, invitation_id)


class FormTokens:
    """The hidden per-invitation CSRF token of the sign forms (signed, with a salt of its own)."""

    def __init__(self, settings: Settings) -> None:
        self._signer = TimestampSigner(settings.secret_key.value, salt=FORM_SALT)

    def issue(self, invitation_id: int) -> str:
        return self._signer.sign(str(invitation_id)).decode()

    def valid(self, token: str, invitation_id: int) -> bool:
        try:
            return self._signer.unsign(token, max_age=FORM_MAX_AGE) == str(invitation_id).encode()
        except BadSignature:
            return False


def _check(name: str, agree: bool) -> Errors:
    errors = Errors()
    if not name:
        errors["name"] = "Enter your full name"
    elif len(name) > MAX_NAME:
        errors["name"] = f"Your name must be {MAX_NAME} characters or fewer"
    if not agree:
        errors["agree"] = "Tick the box to confirm you agree"
    return errors


async def _changes(link: SignLink) -> VersionChanges | None:
    # Only someone who signed an earlier version has changes to read: skip the lookup otherwise.
    return await changes_for_link(link) if link.last_signed_label else None


def _harden(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def _attachment(facts: Certificate) -> str:
    label = facts.link.version.label if facts.link.version else "certificate"
    return f'attachment; filename="signoff-certificate-{facts.link.invitation_id}-{label}.pdf"'


def _now() -> datetime:
    return datetime.now(UTC)


def _ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[:500]


def routes(settings: Settings) -> list[BaseRoute]:
    return SignPages(settings).routes()
