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


_KEY = "current-key-" + "c" * 40
_OLD, _OLDER = "old-key-" + "o" * 40, "older-key-" + "p" * 40


def test_previous_secret_keys_are_read_in_any_separation_and_never_print():
    settings = Settings.from_env(
        {
            "SIGNOFF_DATA_DIR": "/tmp/x",
            "SIGNOFF_SECRET_KEY": _KEY,
            "SIGNOFF_SECRET_KEY_PREVIOUS": f" {_OLD},\n {_OLDER} ",
        }
    )
    assert settings.previous_secret_keys == (Secret(_OLD), Secret(_OLDER))
    # itsdangerous signs with the last key: the current one, whatever the list holds.
    assert settings.signing_keys[-1] == _KEY and sorted(settings.signing_keys[:-1]) == [
        _OLD,
        _OLDER,
    ]
    assert _OLD not in repr(settings) and _OLDER not in repr(settings)
    none = Settings.from_env({"SIGNOFF_DATA_DIR": "/tmp/x", "SIGNOFF_SECRET_KEY_PREVIOUS": " , "})
    assert none.previous_secret_keys == () and none.signing_keys == [none.secret_key.value]


@pytest.mark.parametrize(
    ("previous", "production", "problem"),
    [
        (f"{_OLD} {_KEY}", False, "SIGNOFF_SECRET_KEY_PREVIOUS entry 2 of 2 is the current"),
        (
            f"{_OLD},{_OLDER},{_OLD}",
            False,
            "SIGNOFF_SECRET_KEY_PREVIOUS entry 3 of 3 repeats entry 1",
        ),
        (f"{_OLD} changeme", True, "SIGNOFF_SECRET_KEY_PREVIOUS entry 2 of 2 must be a random"),
        ("short-old-key", True, "SIGNOFF_SECRET_KEY_PREVIOUS entry 1 of 1 must be .* at least 32"),
    ],
)
def test_a_bad_previous_secret_key_is_named_by_position_never_by_value(
    previous, production, problem
):
    env = {
        "SIGNOFF_SECRET_KEY": _KEY,
        "SIGNOFF_SECRET_KEY_PREVIOUS": previous,
        "SIGNOFF_DATABASE_URL": "postgres://db/signoff",
    }
    if production:
        env.update(SIGNOFF_ENV="production", SIGNOFF_BASE_URL="https://x.example")
    with pytest.raises(SettingsError, match=problem) as raised:
        Settings.from_env(env)
    for value in (_KEY, _OLD, _OLDER, "changeme", "short-old-key"):
        assert value not in str(raised.value)


def test_development_takes_any_previous_key_as_it_takes_any_current_one():
    settings = Settings.from_env(
        {
            "SIGNOFF_DATA_DIR": "/tmp/x",
            "SIGNOFF_SECRET_KEY": _KEY,
            "SIGNOFF_SECRET_KEY_PREVIOUS": "dev",
        }
    )
    assert settings.previous_secret_keys == (Secret("dev"),)
