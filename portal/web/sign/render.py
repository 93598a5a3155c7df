"""Rendering the sign pages: the form, the receipt, the respond form and the problem pages."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from portal.core.answers import Answer
from portal.core.changes import VersionChanges
from portal.settings import Settings
from portal.usecases.responses import MAX_MESSAGE
from portal.usecases.sign_links import LinkState, SignLink
from portal.web.agreement_html import agreement_html
from portal.web.sign.forms import Errors, FormTokens
from portal.web.sign.headers import harden
from portal.web.sign.problems import PROBLEMS, RENEWABLE
from portal.web.templating import templates


class SignRenderer:
    def __init__(self, settings: Settings, forms: FormTokens) -> None:
        self.settings = settings
        self.forms = forms

    def page(
        self, request: Request, link: SignLink, changes: VersionChanges | None = None
    ) -> Response:
        if link.state is LinkState.SIGNED:
            emailed = bool(link.person_email and self.settings.smtp_url)
            return self.render(request, "sign/receipt.html", {"link": link, "emailed": emailed})
        if link.state is LinkState.OPEN:
            return self.form(request, link, changes=changes)
        return self.problem(request, link.state, link)

    def form(
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
        return self.render(
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

    def respond_page(
        self,
        request: Request,
        link: SignLink,
        kind: str,
        message: str = "",
        errors: Errors | None = None,
        status: int = 200,
        answer: Answer | None = None,
    ) -> Response:
        heading = "This isn’t me" if kind == "not-me" else "Ask a question or say you don’t agree"
        return self.render(
            request,
            "sign/respond.html",
            {
                "link": link,
                "kind": kind,
                "message": message,
                "heading": heading,
                "csrf": self.forms.issue(link.invitation_id),
                "errors": errors or Errors(),
                "answer": answer,
                "max_message": MAX_MESSAGE,
            },
            status,
        )

    def new_link_page(
        self, request: Request, email: str = "", errors: Errors | None = None, status: int = 200
    ) -> Response:
        return self.render(
            request,
            "sign/new_link.html",
            {
                "csrf": self.forms.issue_new_link(),
                "email": email,
                "errors": errors or Errors(),
                "can_email": bool(self.settings.smtp_url),
            },
            status,
        )

    def problem(self, request: Request, state: str, link: SignLink | None = None) -> Response:
        status, heading, explanation = PROBLEMS[state]
        return self.render(
            request,
            "sign/problem.html",
            {
                "heading": heading,
                "explanation": explanation,
                "school": link.school_name if link else "",
                "office": link.office if link else "",
                "office_email": link.office_email if link else "",
                # A link the school withdrew is the school's to reissue, not ours.
                "new_link": bool(self.settings.smtp_url) and state in RENEWABLE,
            },
            status,
        )

    def render(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        context = {"token": request.path_params.get("token", ""), **context}
        return harden(templates().TemplateResponse(request, name, context, status_code=status))
