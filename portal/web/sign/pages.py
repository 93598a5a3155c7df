"""The personal sign page: GET shows the agreement (or the receipt), POST signs.

Routes parse the request, call a use case and render; the rules live in portal.usecases.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.core.answers import InvalidQuestion, UnknownSchool
from portal.core.changes import VersionChanges
from portal.settings import Settings
from portal.store.published import PublishedAgreements
from portal.usecases.changes import changes_for_link
from portal.usecases.invitations import InvalidToken, read_token
from portal.usecases.new_links import AddressError, checked_address, send_new_links
from portal.usecases.responses import ResponseKind, respond
from portal.usecases.sign_links import LinkState, SignLink, certificate, open_link, sign_by_link
from portal.usecases.signing import SigningError
from portal.web.limits import SlidingLimit
from portal.web.sign.certificate import certificate_download
from portal.web.sign.forms import (
    CHANGED,
    MAX_NAME,
    TIMED_OUT,
    Errors,
    FormTokens,
    check_signature,
    response_problem,
)
from portal.web.sign.headers import harden
from portal.web.sign.render import SignRenderer

log = logging.getLogger(__name__)
MAX_TYPED = 1000
NEW_LINKS_PER_CLIENT = 10
NEW_LINK_WINDOW_SECONDS = 15 * 60
TOO_OFTEN = "Too many requests for new links have come from here. Try again in a few minutes."


class SignPages:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.forms = FormTokens(settings)
        self.view = SignRenderer(settings, self.forms)
        # Each request may scan the roster for the address: a cap per client keeps that cheap.
        self.new_link_limit = SlidingLimit(NEW_LINKS_PER_CLIENT, NEW_LINK_WINDOW_SECONDS)

    def routes(self) -> list[BaseRoute]:
        return [
            # Before "/sign/{token}", which would take "new-link" for a token.
            Route("/sign/new-link", self.new_link_form, methods=["GET", "HEAD"]),
            Route("/sign/new-link", self.new_link, methods=["POST"]),
            Route("/sign/{token}", self.show, methods=["GET", "HEAD"]),
            Route("/sign/{token}", self.submit, methods=["POST"]),
            Route("/sign/{token}/certificate.pdf", self.certificate, methods=["GET"]),
            Route("/sign/{token}/respond", self.respond_form, methods=["GET"]),
            Route("/sign/{token}/respond", self.respond, methods=["POST"]),
        ]

    async def show(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self.view.problem(request, "invalid")
        link = await open_link(invitation_id, _now(), ip=_ip(request), user_agent=_agent(request))
        return self.view.page(request, link, await _changes(link))

    async def submit(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self.view.problem(request, "invalid")
        form = await request.form()
        name, agree = str(form.get("name", "")).strip(), form.get("agree") == "yes"
        if not self.forms.valid(str(form.get("csrf", "")), invitation_id):
            return await self._again(
                request, invitation_id, name, agree, status=403, errors=Errors(form=TIMED_OUT)
            )
        errors = check_signature(name, agree)
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
            return _back_to_page(request)
        return self.view.problem(request, state)

    async def certificate(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self.view.problem(request, "invalid")
        facts = await certificate(invitation_id, _now())
        if isinstance(facts, SignLink):
            if facts.state is LinkState.OPEN:
                return _back_to_page(request)
            return self.view.problem(request, facts.state, facts)
        return await certificate_download(facts)

    async def respond_form(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self.view.problem(request, "invalid")
        link = await open_link(invitation_id, _now(), ip=_ip(request), user_agent=_agent(request))
        if link.state is not LinkState.OPEN:
            return self.view.page(request, link)
        kind = request.query_params.get("kind", "question")
        return self.view.respond_page(
            request, link, kind if kind in set(ResponseKind) else "question"
        )

    async def respond(self, request: Request) -> Response:
        invitation_id = self._invitation(request)
        if invitation_id is None:
            return self.view.problem(request, "invalid")
        form = await request.form()
        kind, message = str(form.get("kind", "")), str(form.get("message", ""))
        now = _now()
        problem = response_problem(
            self.forms, str(form.get("csrf", "")), invitation_id, kind, message
        )
        if problem is None and form.get("action") == "check" and kind != ResponseKind.NOT_ME:
            return await self._check_first(request, invitation_id, kind, message, now)
        if problem is not None:
            link = await open_link(invitation_id, now, ip=_ip(request), user_agent=_agent(request))
            if link.state is not LinkState.OPEN:
                return self.view.page(request, link)
            status, errors = problem
            return self.view.respond_page(
                request, link, kind or "question", message, errors, status
            )
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
            return self.view.page(request, link)
        return self.view.render(request, "sign/responded.html", {"link": link, "kind": kind})

    async def new_link_form(self, request: Request) -> Response:
        return self.view.new_link_page(request)

    async def new_link(self, request: Request) -> Response:
        form = await request.form()
        typed = str(form.get("email", ""))[:MAX_TYPED]
        if not self.forms.valid_new_link(str(form.get("csrf", ""))):
            return self.view.new_link_page(request, typed, Errors(form=TIMED_OUT), 403)
        if not self.settings.smtp_url:
            return self.view.new_link_page(request, typed, status=503)
        try:
            address = checked_address(typed)
        except AddressError as exc:
            return self.view.new_link_page(request, typed, Errors(email=str(exc)), 422)
        if not self.new_link_limit.allow(_ip(request)):
            return self.view.new_link_page(request, typed, Errors(form=TOO_OFTEN), 429)
        response = self.view.render(request, "sign/new_link_sent.html", {"email": address})
        # After the page is sent: how long it takes must not tell whether the address is known.
        response.background = BackgroundTask(_send_new_links, self.settings, address, _now())
        return response

    async def _check_first(
        self, request: Request, invitation_id: int, kind: str, question: str, now: datetime
    ) -> Response:
        """What the policy says about the question, before it goes to the school: nothing is
        recorded, and the question stays in the box to send if the answer does not settle it."""
        link = await open_link(invitation_id, now, ip=_ip(request), user_agent=_agent(request))
        if link.state is not LinkState.OPEN:
            return self.view.page(request, link)
        published: PublishedAgreements = request.app.state.published
        engine = (await published.current()).engine
        audience = "parent" if link.pupils else "staff"
        try:
            answer = engine.ask(link.school_slug, question, audience)
        except (InvalidQuestion, UnknownSchool) as exc:
            errors = Errors(message=f"Type your question first ({exc}).")
            return self.view.respond_page(request, link, kind, question, errors, 422)
        return self.view.respond_page(request, link, kind, question, answer=answer)

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
            return self.view.page(request, link)
        return self.view.form(
            request, link, name[:MAX_NAME], agree, errors, status, await _changes(link)
        )

    def _invitation(self, request: Request) -> int | None:
        try:
            return read_token(self.settings, request.path_params["token"])
        except InvalidToken:
            return None


async def _send_new_links(settings: Settings, address: str, now: datetime) -> None:
    try:
        await send_new_links(settings, address, now)
    except Exception:  # nobody waits on it: log, never raise into the server
        log.exception("sending new sign links failed")


def _back_to_page(request: Request) -> Response:
    return harden(RedirectResponse(f"/sign/{request.path_params['token']}", status_code=303))


async def _changes(link: SignLink) -> VersionChanges | None:
    # Only someone who signed an earlier version has changes to read: skip the lookup otherwise.
    return await changes_for_link(link) if link.last_signed_label else None


def _now() -> datetime:
    return datetime.now(UTC)


def _ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[:500]
