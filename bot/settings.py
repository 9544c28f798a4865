"""Gateway and stack settings, read once from the environment by the entry point."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from services_catalog.settings import CatalogSettings


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Everything the gateway and the stack runner need (README: environment variables)."""

    host: str = "127.0.0.1"
    port: int = 8080
    rasa_port: int = 5005
    action_port: int = 5055
    model: str = ""  # empty: the model `make model` trained last (models/.latest)
    tracker_db: str = "var/rasa-tracker.sqlite3"
    max_text: int = 2000
    max_body: int = 16 * 1024
    session_per_minute: int = 30
    client_per_minute: int = 120
    rasa_timeout: float = 30.0  # a late answer beats "unavailable" when many write at once
    retention_days: float = 30.0
    telegram_token: str = ""
    telegram_webhook_url: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_base_url: str = ""
    admin_secret: str = ""  # empty: no staff admin (python -m bot refuses to start without it)
    admin_cookie_secure: bool = False
    catalog: CatalogSettings = field(default_factory=CatalogSettings)

    rasa_urls: tuple[str, ...] = ()  # several Rasa instances (scale-out); empty: the local one

    @property
    def rasa_url(self) -> str | list[str]:
        return list(self.rasa_urls) if self.rasa_urls else f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from BOT_*, RASA_*, ACTION_*, TELEGRAM_* and CATALOG_* variables."""
        env = os.environ if env is None else env
        settings = cls(
            host=env.get("BOT_HOST") or cls.host,
            port=_int(env, "BOT_PORT", cls.port),
            rasa_port=_int(env, "RASA_PORT", cls.rasa_port),
            rasa_urls=tuple(
                url.strip() for url in (env.get("RASA_URLS") or "").split(",") if url.strip()
            ),
            action_port=_int(env, "ACTION_SERVER_PORT", cls.action_port),
            model=env.get("RASA_MODEL") or "",
            tracker_db=env.get("RASA_TRACKER_DB") or cls.tracker_db,
            retention_days=float(env.get("CONVERSATION_RETENTION_DAYS") or cls.retention_days),
            rasa_timeout=float(env.get("RASA_TIMEOUT") or cls.rasa_timeout),
            session_per_minute=_int(env, "CHAT_SESSION_PER_MINUTE", cls.session_per_minute),
            client_per_minute=_int(env, "CHAT_CLIENT_PER_MINUTE", cls.client_per_minute),
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or "",
            telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or "",
            telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or "",
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or "",
            admin_secret=env.get("ADMIN_SECRET_KEY") or "",
            admin_cookie_secure=(env.get("ADMIN_COOKIE_SECURE") or "").lower()
            in ("1", "true", "yes"),
            catalog=CatalogSettings.from_env(env),
        )
        if settings.telegram_webhook_url and not settings.telegram_webhook_secret:
            raise SystemExit("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set")
        return settings
