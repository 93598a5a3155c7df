from email import message_from_bytes, policy
from email.message import EmailMessage
from email.message import Message as Message_
from pathlib import Path

import pytest
from aiosmtplib.email import flatten_message

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
    email = received(compose(message, "Clearwell <office@clearwell.example>"))
    assert email.get_body(("plain",)) is not None and email.get_body(("html",)) is not None
    assert "Clearwell &lt;School&gt;" in message.html and "Clearwell <School>" in message.text
    assert isinstance(message, Message)


def received(sent: Message_) -> EmailMessage:
    """The message as the recipient's mail program reads it."""
    parsed = message_from_bytes(flatten_message(sent), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_names_and_subjects_beyond_ascii_arrive_as_written() -> None:
    subject = "Signed: Parents’ Social Media Pledge (Ysgol Gymraeg Bro Siôn Cwilt, Ceredigion)"
    message = Message(
        to="Siobhán Ó Briain <siobhan@home.example>",
        subject=subject,
        text="Diolch – thank you, Siobhán.",
        html="<p>Diolch – thank you, Siobhán.</p>",
        reply_to="Swyddfa’r Ysgol <office@ysgol.example>",
    )
    email = received(compose(message, "Ysgol Siôn Cwilt <office@ysgol.example>"))
    assert email["Subject"] == subject
    assert str(email["From"]) == "Ysgol Siôn Cwilt <office@ysgol.example>"
    assert str(email["To"]) == "Siobhán Ó Briain <siobhan@home.example>"
    assert str(email["Reply-To"]) == "Swyddfa’r Ysgol <office@ysgol.example>"
    assert email["Message-ID"].endswith("@ysgol.example>") and email["Date"]
    plain = email.get_body(("plain",))
    assert plain is not None and plain.get_content() == "Diolch – thank you, Siobhán."
    html = email.get_body(("html",))
    assert html is not None and "Siobhán" in html.get_content()
