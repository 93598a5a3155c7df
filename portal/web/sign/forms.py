"""The sign forms' own rules: the hidden CSRF token, field errors and the checks behind them."""

from __future__ import annotations

from itsdangerous import BadSignature, TimestampSigner

from portal.settings import Settings
from portal.usecases.responses import MAX_MESSAGE, ResponseKind

FORM_SALT = "signoff.sign-form"
NEW_LINK_SALT = "signoff.new-link-form"
FORM_MAX_AGE = 12 * 3600  # a tab left open overnight gets a fresh form, not an error page
MAX_NAME = 200
CHANGED = "The agreement changed while you were reading it. Please read it again and sign."
TIMED_OUT = "For your security this form timed out. Check your details and send it again."


class Errors(dict[str, str]):
    """Form errors by field; a field without one reads as empty in templates."""

    def __missing__(self, key: str) -> str:
        return ""


class FormTokens:
    """The hidden per-invitation CSRF token of the sign forms (signed, with a salt of its own)."""

    def __init__(self, settings: Settings) -> None:
        # The current key signs; previous keys still verify, so an open form survives a rotation.
        self._signer = TimestampSigner(settings.signing_keys, salt=FORM_SALT)
        # The "email me a new link" form belongs to no invitation: a signer of its own.
        self._new_link = TimestampSigner(settings.signing_keys, salt=NEW_LINK_SALT)

    def issue(self, invitation_id: int) -> str:
        return self._signer.sign(str(invitation_id)).decode()

    def valid(self, token: str, invitation_id: int) -> bool:
        try:
            return self._signer.unsign(token, max_age=FORM_MAX_AGE) == str(invitation_id).encode()
        except BadSignature:
            return False

    def issue_new_link(self) -> str:
        return self._new_link.sign("new-link").decode()

    def valid_new_link(self, token: str) -> bool:
        try:
            return self._new_link.unsign(token, max_age=FORM_MAX_AGE) == b"new-link"
        except BadSignature:
            return False


def check_signature(name: str, agree: bool) -> Errors:
    errors = Errors()
    if not name:
        errors["name"] = "Enter your full name"
    elif len(name) > MAX_NAME:
        errors["name"] = f"Your name must be {MAX_NAME} characters or fewer"
    if not agree:
        errors["agree"] = "Tick the box to confirm you agree"
    return errors


def response_problem(
    forms: FormTokens, csrf: str, invitation_id: int, kind: str, message: str
) -> tuple[int, Errors] | None:
    if not forms.valid(csrf, invitation_id):
        return 403, Errors(form=TIMED_OUT)
    errors = Errors()
    if kind not in set(ResponseKind):
        errors["kind"] = "Choose whether you have a question or don’t agree"
    if len(message) > MAX_MESSAGE:
        # Cut short, the school would read half a message and the sender would never know.
        errors["message"] = (
            f"Your message must be {MAX_MESSAGE:,} characters or fewer (it has {len(message):,})"
        )
    elif kind == ResponseKind.QUESTION and not message.strip():
        # An empty question reaches the office as nothing to answer; disagreeing needs no reason.
        errors["message"] = "Type your question, so the school can answer it"
    return (422, errors) if errors else None
