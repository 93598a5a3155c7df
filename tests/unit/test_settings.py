from pathlib import Path

import pytest

from portal.settings import Secret, Settings, SettingsError


def test_embedded_default_generates_and_keeps_a_secret_key(tmp_path: Path):
    env = {"SIGNOFF_DATA_DIR": str(tmp_path)}
    first = Settings.from_env(env)
    again = Settings.from_env(env)
    assert first.embedded and first.database_url == f"sqlite://{tmp_path / 'signoff.sqlite3'}"
    assert len(first.secret_key.value) >= 32
    assert first.secret_key == again.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secrets_never_print():
    secret = Secret("hunter2-very-secret")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret)
    settings = Settings.from_env(
        {"SIGNOFF_SECRET_KEY": "hunter2" * 8, "SIGNOFF_DATA_DIR": "/tmp/x"}
    )
    assert "hunter2" not in repr(settings)


def test_server_database_needs_an_explicit_secret():
    with pytest.raises(SettingsError, match="SIGNOFF_SECRET_KEY is required"):
        Settings.from_env({"SIGNOFF_DATABASE_URL": "postgres://db/signoff"})


@pytest.mark.parametrize("key", ["changeme", "secret", "short-key"])
def test_production_refuses_placeholder_secrets(key):
    env = {
        "SIGNOFF_ENV": "production",
        "SIGNOFF_SECRET_KEY": key,
        "SIGNOFF_DATABASE_URL": "postgres://db/signoff",
        "SIGNOFF_BASE_URL": "https://x.example",
    }
    with pytest.raises(SettingsError, match="at least 32"):
        Settings.from_env(env)


def test_bad_values_are_named():
    with pytest.raises(SettingsError, match="SIGNOFF_DUE_SOON_DAYS must be a whole number"):
        Settings.from_env({"SIGNOFF_DATA_DIR": "/tmp/x", "SIGNOFF_DUE_SOON_DAYS": "soon"})
    with pytest.raises(SettingsError, match="sqlite:// or postgres://"):
        Settings.from_env({"SIGNOFF_DATABASE_URL": "mysql://x", "SIGNOFF_SECRET_KEY": "k" * 40})


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"SIGNOFF_SLACK_BOT_TOKEN": "xoxb-1"}, "SIGNING_SECRET"),
        (
            {"SIGNOFF_SLACK_CLIENT_ID": "1.2", "SIGNOFF_SLACK_SIGNING_SECRET": "s"},
            "SIGNOFF_SLACK_CLIENT_SECRET",
        ),
    ],
)
def test_incomplete_slack_configuration_is_named(env, problem):
    with pytest.raises(SettingsError, match=problem):
        Settings.from_env({"SIGNOFF_DATA_DIR": "/tmp/x", **env})
