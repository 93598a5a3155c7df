from pathlib import Path

import pytest

from portal.mail import MailNotConfigured, Message, compose, render, smtp_target
from tests.conftest import make_settings


def _target(tmp_path: Path, url: str, **env: str):
    return smtp_target(make_settings(tmp_path, SIGNOFF_SMTP_URL=url, **env))


def test_plain_starttls_and_implicit_tls(tmp_path: Path) -> None:
    plain = _target(tmp_path, "smtp://mail.example:2525")
    assert (plain.host, plain.port, plain.use_tls, plain.start_tls) == (
        "mail.example",
        2525,
        False,
        False,
    )
    assert _target(tmp_path, "smtp+starttls://mail.example").port == 587
    assert _target(tmp_path, "smtp+starttls://mail.example").start_tls
    assert _target(tmp_path, "smtp://mail.example:587?starttls=true").start_tls
    tls = _target(tmp_path, "smtps://mail.example")
    assert (tls.port, tls.use_tls, tls.start_tls) == (465, True, False)


def test_credentials_come_from_settings_first(tmp_path: Path) -> None:
    target = _target(
        tmp_path,
        "smtp://u%40x:p%2Fw@mail.example",
        SIGNOFF_SMTP_USERNAME="office",
        SIGNOFF_SMTP_PASSWORD="secret-pw",
    )
    assert (target.username, target.password) == ("office", "secret-pw")
    assert _target(tmp_path, "smtp://u%40x:p%2Fw@mail.example").username == "u@x"


def test_unset_or_wrong_scheme_is_explained(tmp_path: Path) -> None:
    with pytest.raises(MailNotConfigured, match="SIGNOFF_SMTP_URL is not set"):
        smtp_target(make_settings(tmp_path))
    with pytest.raises(MailNotConfigured, match="must look like"):
        _target(tmp_path, "http://mail.example")


def test_messages_have_text_and_html_parts() -> None:
    message = render(
        "invitation",
        to="jane@home.example",
        subject="Please sign",
        school="Clearwell <School>",
        title="Pledge",
        version="v1",
        name="Jane",
        pupils=[],
        link="https://x/sign/t",
        expires="1 May 2026",
    )
    email = compose(message, "Clearwell <office@clearwell.example>")
    assert email.get_body(("plain",)) is not None and email.get_body(("html",)) is not None
    assert "Clearwell &lt;School&gt;" in message.html and "Clearwell <School>" in message.text
    assert isinstance(message, Message)
