"""The one settings object, built from the environment in one place and passed in."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

_PLACEHOLDERS = {"", "changeme", "change-me", "secret", "dev", "development", "test", "password"}
_MIN_SECRET_LENGTH = 32
_PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """The environment does not describe a deployment that can safely start."""


@dataclass(frozen=True, slots=True)
class Secret:
    """A string value that should not be revealed in tracebacks or logs."""

    value: str = field(repr=False)

    def __repr__(self) -> str:
        return "Secret('**********')" if self.value else "Secret('')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True, slots=True)
class SlackSettings:
    signing_secret: Secret = Secret("")
    bot_token: Secret = Secret("")
    default_school: str = ""
    client_id: str = ""
    client_secret: Secret = Secret("")
    api_url: str = "https://slack.com/api/"
    socket_mode_app_token: Secret = Secret("")

    @property
    def enabled(self) -> bool:
        return bool(self.signing_secret) and (bool(self.bot_token) or bool(self.client_id))


@dataclass(frozen=True, slots=True)
class OidcProvider:
    name: str
    client_id: str
    client_secret: Secret
    metadata_url: str


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    secret_key: Secret
    base_url: str
    agreements_dir: Path
    data_dir: Path
    # Keys SIGNOFF_SECRET_KEY replaced: they still verify links and open sealed values, so a
    # rotation voids nothing already sent; only secret_key signs or seals anything new.
    previous_secret_keys: tuple[Secret, ...] = ()
    environment: str = "development"
    smtp_url: str = ""
    smtp_username: str = ""
    smtp_password: Secret = Secret("")
    mail_from: str = "Signoff <signoff@localhost>"
    due_soon_days: int = 30
    invitation_days: int = 30
    slack: SlackSettings = SlackSettings()
    oidc: tuple[OidcProvider, ...] = ()
    # Office sign-in: every office user must set up a code app, not only trust admins.
    office_totp_required: bool = False
    office_idle_minutes: int = 30
    reminder_interval_seconds: int = 900
    # Receipts and the reminder round are left to `signoff mail-worker`, a process of its own, so
    # a rush of signatures never shares the portal's event loop with SMTP.
    mail_worker: bool = False

    @property
    def embedded(self) -> bool:
        """SQLite needs no server: the mode a fresh machine starts in."""
        return self.database_url.startswith("sqlite")

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def signing_keys(self) -> list[str]:
        """Every key that verifies, as itsdangerous lists them: the one that signs comes last."""
        return [*(k.value for k in self.previous_secret_keys), self.secret_key.value]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("SIGNOFF_DATA_DIR", ".signoff")).expanduser()
        database_url = env.get("SIGNOFF_DATABASE_URL") or f"sqlite://{data_dir / 'signoff.sqlite3'}"
        environment = env.get("SIGNOFF_ENV", "development")
        _check_environment(environment)
        settings = cls(
            database_url=database_url,
            secret_key=_secret_key(env, data_dir, embedded=database_url.startswith("sqlite")),
            previous_secret_keys=_previous_secret_keys(env),
            base_url=env.get("SIGNOFF_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            agreements_dir=_agreements_dir(env),
            data_dir=data_dir,
            environment=environment,
            smtp_url=env.get("SIGNOFF_SMTP_URL", ""),
            smtp_username=env.get("SIGNOFF_SMTP_USERNAME", ""),
            smtp_password=Secret(env.get("SIGNOFF_SMTP_PASSWORD", "")),
            mail_from=env.get("SIGNOFF_MAIL_FROM", "Signoff <signoff@localhost>"),
            due_soon_days=_int(env, "SIGNOFF_DUE_SOON_DAYS", 30),
            invitation_days=_int(env, "SIGNOFF_INVITATION_DAYS", 30),
            slack=_slack(env),
            oidc=_oidc(env),
            office_totp_required=_flag(env, "SIGNOFF_OFFICE_TOTP_REQUIRED"),
            office_idle_minutes=_int(env, "SIGNOFF_OFFICE_IDLE_MINUTES", 30),
            reminder_interval_seconds=_int(env, "SIGNOFF_REMINDER_INTERVAL_SECONDS", 900),
            mail_worker=_flag(env, "SIGNOFF_MAIL_WORKER"),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        scheme = urlsplit(self.database_url).scheme
        if scheme not in {"sqlite", "postgres", "postgresql", "asyncpg"}:
            raise SettingsError(
                f"SIGNOFF_DATABASE_URL must be sqlite:// or postgres://, not {scheme or 'empty'}"
            )
        if not self.base_url.startswith(("http://", "https://")):
            raise SettingsError("SIGNOFF_BASE_URL must start with http:// or https://")
        self._validate_previous_keys()
        self._validate_slack()
        if self.production:
            self._validate_production()

    def _validate_previous_keys(self) -> None:
        # Errors name the entry by position, never by value: they end up in logs.
        keys = self.previous_secret_keys
        for number, key in enumerate(keys, start=1):
            entry = f"SIGNOFF_SECRET_KEY_PREVIOUS entry {number} of {len(keys)}"
            if key.value == self.secret_key.value:
                raise SettingsError(
                    f"{entry} is the current SIGNOFF_SECRET_KEY: list only the keys it replaced"
                )
            if key in keys[: number - 1]:
                raise SettingsError(f"{entry} repeats entry {keys.index(key) + 1}")
            if self.production and _weak(key):
                raise SettingsError(
                    f"{entry} must be a random value of at least {_MIN_SECRET_LENGTH} characters "
                    "in production, like SIGNOFF_SECRET_KEY"
                )

    def _validate_slack(self) -> None:
        slack = self.slack
        if (slack.bot_token or slack.client_id) and not slack.signing_secret:
            raise SettingsError("Slack needs SIGNOFF_SLACK_SIGNING_SECRET to verify requests")
        if slack.client_id and not slack.client_secret:
            raise SettingsError("SIGNOFF_SLACK_CLIENT_ID needs SIGNOFF_SLACK_CLIENT_SECRET")

    def _validate_production(self) -> None:
        if _weak(self.secret_key):
            raise SettingsError(
                f"SIGNOFF_SECRET_KEY must be a random value of at least {_MIN_SECRET_LENGTH} "
                "characters in production (e.g. `python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'`)"
            )
        if not self.base_url.startswith("https://"):
            raise SettingsError("SIGNOFF_BASE_URL must be https:// in production")


def _weak(key: Secret) -> bool:
    return key.value.lower() in _PLACEHOLDERS or len(key.value) < _MIN_SECRET_LENGTH


def _check_environment(environment: str) -> None:
    if environment not in {"development", "test", "production"}:
        raise SettingsError("SIGNOFF_ENV must be development, test or production")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise SettingsError(f"{name} must not be negative")
    return value


def _secret_key(env: Mapping[str, str], data_dir: Path, *, embedded: bool) -> Secret:
    given = env.get("SIGNOFF_SECRET_KEY", "")
    if given:
        return Secret(given)
    if not embedded:
        raise SettingsError("SIGNOFF_SECRET_KEY is required when the database is not SQLite")
    # The embedded mode keeps a generated key beside its database, so signed links and
    # sessions survive a restart without anyone having to invent a secret.
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return Secret(key_file.read_text(encoding="utf-8").strip())
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key + "\n", encoding="utf-8")
    key_file.chmod(0o600)
    return Secret(key)


def _previous_secret_keys(env: Mapping[str, str]) -> tuple[Secret, ...]:
    """SIGNOFF_SECRET_KEY_PREVIOUS: keys separated by whitespace or commas.

    Any order verifies the same; oldest first, as the README says to append, is also the order
    itsdangerous expects (it tries the newest first).
    """
    raw = env.get("SIGNOFF_SECRET_KEY_PREVIOUS", "")
    return tuple(Secret(key) for key in re.split(r"[\s,]+", raw) if key)


def _agreements_dir(env: Mapping[str, str]) -> Path:
    if "SIGNOFF_AGREEMENTS_DIR" in env:
        return Path(env["SIGNOFF_AGREEMENTS_DIR"]).expanduser()
    local = Path("agreements")
    return local if local.is_dir() else _PROJECT_ROOT / "agreements"


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _slack(env: Mapping[str, str]) -> SlackSettings:
    return SlackSettings(
        signing_secret=Secret(env.get("SIGNOFF_SLACK_SIGNING_SECRET", "")),
        bot_token=Secret(env.get("SIGNOFF_SLACK_BOT_TOKEN", "")),
        default_school=env.get("SIGNOFF_SLACK_DEFAULT_SCHOOL", ""),
        client_id=env.get("SIGNOFF_SLACK_CLIENT_ID", ""),
        client_secret=Secret(env.get("SIGNOFF_SLACK_CLIENT_SECRET", "")),
        api_url=env.get("SIGNOFF_SLACK_API_URL", "https://slack.com/api/"),
        socket_mode_app_token=Secret(env.get("SIGNOFF_SLACK_APP_TOKEN", "")),
    )


def _oidc(env: Mapping[str, str]) -> tuple[OidcProvider, ...]:
    """One provider per name in SIGNOFF_OIDC_PROVIDERS, e.g. "microsoft,google"."""
    providers = []
    for name in filter(None, (n.strip() for n in env.get("SIGNOFF_OIDC_PROVIDERS", "").split(","))):
        prefix = f"SIGNOFF_OIDC_{name.upper()}_"
        missing = [k for k in ("CLIENT_ID", "METADATA_URL") if not env.get(prefix + k)]
        if missing:
            raise SettingsError(
                f"OIDC provider {name!r} needs {', '.join(prefix + m for m in missing)}"
            )
        providers.append(
            OidcProvider(
                name=name,
                client_id=env[prefix + "CLIENT_ID"],
                client_secret=Secret(env.get(prefix + "CLIENT_SECRET", "")),
                metadata_url=env[prefix + "METADATA_URL"],
            )
        )
    return tuple(providers)
