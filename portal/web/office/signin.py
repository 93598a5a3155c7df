"""Signing in to the office pages: password, then a code; single sign-on; setting up a code app."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.sealing import Sealer, sealer_for
from portal.settings import Settings
from portal.store.office_models import OfficeUser
from portal.usecases import accounts
from portal.usecases.accounts import SecondFactor, SignIn
from portal.web import auth
from portal.web.office.render import page
from portal.web.oidc import OAuthError, Providers, display_name

TOO_MANY = (
    "Too many unsuccessful sign-in attempts. For your security, signing in is paused for "
    f"{int(accounts.WINDOW.total_seconds() // 60)} minutes. Try again later, or ask your trust "
    "administrator for help."
)
NO_MATCH = "That email address and password do not match an account. Check them and try again."
WRONG_CODE = (
    "That code is not right, or has been used already. Wait for your app to show a new code "
    "and enter that one."
)
CODE_APP_UNREADABLE = (
    "Signoff cannot read the code app set up for this account, so it cannot check your code. "
    "Ask your trust administrator to reset it (signoff user reset-code --email {email}); "
    "then sign in again and set up your code app afresh."
)


UNREACHABLE = (
    "Signoff could not reach your school's sign-in service just now. Try again in a minute, "
    "or sign in with your email address and password."
)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _sealer(request: Request) -> Sealer:
    return sealer_for(_settings(request))


def _login_page(request: Request, status: int = 200, **context: object) -> Response:
    providers = [(p.name, display_name(p)) for p in _settings(request).oidc]
    context = {
        "next": auth.safe_next(request.query_params.get("next")),
        "email": "",
        "error": "",
        "message": "",
        **context,
    }
    return page(request, "office/login.html", status, providers=providers, **context)


async def login_form(request: Request) -> Response:
    if await auth.current_user(request) is not None:
        return RedirectResponse(auth.safe_next(request.query_params.get("next")), 303)
    signed_out = "signed_out" in request.query_params
    return _login_page(request, message="You have signed out." if signed_out else "")


async def login(request: Request) -> Response:
    form = await request.form()
    await auth.check_csrf(request, form)
    email, next_url = str(form.get("email", "")), auth.safe_next(str(form.get("next", "")))
    outcome = await accounts.sign_in_with_password(
        email, str(form.get("password", "")), auth.client_ip(request)
    )
    if outcome.user is None:
        error = TOO_MANY if outcome.limited else NO_MATCH
        return _login_page(
            request, 429 if outcome.limited else 400, error=error, email=email, next=next_url
        )
    return await _after_first_factor(request, outcome.user, "password", next_url)


async def _after_first_factor(
    request: Request, user: OfficeUser, method: str, next_url: str
) -> Response:
    step = accounts.second_factor(user, required_for_all=_settings(request).office_totp_required)
    if step is SecondFactor.NONE:
        await auth.complete_sign_in(request, user, method)
        return RedirectResponse(next_url, 303)
    auth.hold_for_second_factor(request, user, method, next_url)
    target = "/office/login/code" if step is SecondFactor.CODE else "/office/enrol"
    return RedirectResponse(target, 303)


async def code_form(request: Request) -> Response:
    user = await auth.pending_user(request)
    if user is None:
        return RedirectResponse(auth.LOGIN_PATH, 303)
    if not user.totp_confirmed:
        return RedirectResponse("/office/enrol", 303)
    return page(request, "office/code.html", error="")


async def code(request: Request) -> Response:
    form = await request.form()
    await auth.check_csrf(request, form)
    user, held = await auth.pending_user(request), auth.pending(request)
    if user is None or held is None:
        return _login_page(request, 400, error="Your sign-in took too long. Please start again.")
    outcome = await accounts.check_code(
        user, str(form.get("code", "")), auth.client_ip(request), _sealer(request)
    )
    if outcome.code_app_unreadable:
        error = CODE_APP_UNREADABLE.format(email=user.email)
        return page(request, "office/code.html", 403, error=error)
    return await _finish(request, outcome, held, "office/code.html")


async def _finish(
    request: Request, outcome: SignIn, held: dict[str, str], template: str
) -> Response:
    if outcome.user is None:
        error = TOO_MANY if outcome.limited else WRONG_CODE
        extra = await _enrol_context(request) if template == "office/enrol.html" else {}
        return page(request, template, 429 if outcome.limited else 400, **{**extra, "error": error})
    await auth.complete_sign_in(request, outcome.user, str(held["method"]))
    return RedirectResponse(auth.safe_next(held.get("next")), 303)


async def _enrolling_user(request: Request) -> OfficeUser | None:
    return await auth.pending_user(request) or await auth.current_user(request)


async def _enrol_context(request: Request) -> dict[str, Any]:
    user = await _enrolling_user(request)
    context: dict[str, Any] = {
        "enrolled": False,
        "just_enrolled": False,
        "error": "",
        "required": auth.pending(request) is not None,
    }
    if user is None:
        return context
    secret = await accounts.begin_enrolment(user, _sealer(request))
    return {
        **context,
        "qr": accounts.qr_svg(accounts.provisioning_uri(user, secret)),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


async def enrol_form(request: Request) -> Response:
    user = await _enrolling_user(request)
    if user is None:
        return RedirectResponse(auth.LOGIN_PATH, 303)
    if user.totp_confirmed:
        return _already_enrolled(request)
    return page(request, "office/enrol.html", **await _enrol_context(request))


def _already_enrolled(request: Request) -> Response:
    """Someone halfway through signing in is asked for a code, never offered a new app."""
    if auth.pending(request) is not None:
        return RedirectResponse("/office/login/code", 303)
    return _enrolled_page(request, just_enrolled=False)


def _enrolled_page(request: Request, *, just_enrolled: bool) -> Response:
    """The code app is set up: the same page, with what the template reads of every state."""
    return page(
        request,
        "office/enrol.html",
        enrolled=True,
        just_enrolled=just_enrolled,
        error="",
        required=False,
    )


async def enrol(request: Request) -> Response:
    form = await request.form()
    await auth.check_csrf(request, form)
    user, held = await _enrolling_user(request), auth.pending(request)
    if user is None:
        return _login_page(request, 400, error="Your sign-in took too long. Please start again.")
    if user.totp_confirmed:
        return _already_enrolled(request)
    outcome = await accounts.confirm_enrolment(
        user, str(form.get("code", "")), auth.client_ip(request), _sealer(request)
    )
    if held is not None:
        return await _finish(request, outcome, held, "office/enrol.html")
    if outcome.user is None:
        return await _finish(request, outcome, {}, "office/enrol.html")
    return _enrolled_page(request, just_enrolled=True)


async def logout(request: Request) -> Response:
    form = await request.form()
    await auth.check_csrf(request, form)
    await auth.end_session(request)
    return RedirectResponse(auth.LOGIN_PATH + "?signed_out=1", 303)


def _provider_client(request: Request) -> object:
    providers: Providers = request.app.state.oidc
    client = providers.client(request.path_params["provider"])
    if client is None:
        raise HTTPException(404, "Not found")
    return client


async def sso_start(request: Request) -> Response:
    client = _provider_client(request)
    providers: Providers = request.app.state.oidc
    request.session["sso_next"] = auth.safe_next(request.query_params.get("next"))
    try:
        redirect: Response = await client.authorize_redirect(  # type: ignore[attr-defined]
            request, providers.redirect_uri(request.path_params["provider"])
        )
    except httpx.HTTPError:
        return _login_page(request, 502, error=UNREACHABLE)
    return redirect


async def sso_callback(request: Request) -> Response:
    client = _provider_client(request)
    try:
        token = await client.authorize_access_token(request)  # type: ignore[attr-defined]
    except OAuthError as exc:
        return _login_page(request, 400, error=f"Single sign-on did not complete ({exc.error}).")
    except httpx.HTTPError:
        return _login_page(request, 502, error=UNREACHABLE)
    outcome = await accounts.user_for_sso(
        dict(token.get("userinfo") or {}), auth.client_ip(request)
    )
    if outcome.user is None:
        error = (
            TOO_MANY
            if outcome.limited
            else (
                "Your account at the identity provider is not linked to an active Signoff account "
                "(or its email address is not verified). Ask your trust administrator to add you."
            )
        )
        return _login_page(request, 429 if outcome.limited else 403, error=error)
    next_url = auth.safe_next(request.session.get("sso_next"))
    method = f"sso:{request.path_params['provider']}"
    return await _after_first_factor(request, outcome.user, method, next_url)


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/office/login", login_form, methods=["GET"]),
        Route("/office/login", login, methods=["POST"]),
        Route("/office/login/code", code_form, methods=["GET"]),
        Route("/office/login/code", code, methods=["POST"]),
        Route("/office/enrol", enrol_form, methods=["GET"]),
        Route("/office/enrol", enrol, methods=["POST"]),
        Route("/office/logout", logout, methods=["POST"]),
        Route("/office/sso/{provider}", sso_start, methods=["GET"]),
        Route("/office/sso/{provider}/callback", sso_callback, methods=["GET"]),
    ]
