"""Gateway and stack settings, read once from the environment by the entry point."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from services_catalog.settings import CatalogSettings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from exc


def parse_networks(value: str, name: str = "TRUSTED_PROXIES") -> tuple[Network, ...]:
    """Addresses and networks separated by commas ("127.0.0.1, 10.0.0.0/8")."""
    networks = []
    for item in value.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError as exc:
                raise SystemExit(f"{name}: {item.strip()!r} is no address or network") from exc
    return tuple(networks)


def connect_host(host: str) -> str:
    """Where to reach a server bound to `host` from this machine (a wildcard: loopback)."""
    return "127.0.0.1" if host in ("", "0.0.0.0", "::") else host  # noqa: S104 (not a bind)


@dataclass(frozen=True)
class Settings:
    """Everything the gateway and the stack runner need (README: environment variables)."""

    host: str = "127.0.0.1"
    port: int = 8080
    rasa_host: str = "127.0.0.1"  # the interface Rasa listens on
    rasa_port: int = 5005
    action_host: str = "127.0.0.1"  # the interface the action server listens on
    action_port: int = 5055
    rasa_token: str = ""  # Rasa's --auth-token for its HTTP API (python -m bot.stack makes one)
    model: str = ""  # empty: the model `make model` trained last (models/.latest)
    tracker_db: str = "var/rasa-tracker.sqlite3"
    tracker_url: str = ""  # SQLAlchemy URL of the tracker store; empty: sqlite:///tracker_db
    trusted_proxies: tuple[Network, ...] = ()  # peers whose X-Forwarded-For is believed
    chat_session_secret: str = ""  # keys web sessions; empty: derived from admin_secret
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
    admin_idle_minutes: int = 8 * 60  # a staff session ends after this long without a request
    catalog: CatalogSettings = field(default_factory=CatalogSettings)

    rasa_urls: tuple[str, ...] = ()  # several Rasa instances (scale-out); empty: the local one
    rasa_processes: int = 1  # Rasa servers `python -m bot.stack` starts (ports RASA_PORT, +1, …)

    @property
    def rasa_url(self) -> str | list[str]:
        if self.rasa_urls:
            return list(self.rasa_urls)
        return f"http://{connect_host(self.rasa_host)}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{connect_host(self.action_host)}:{self.action_port}"

    @property
    def tracker_store_url(self) -> str:
        """Where Rasa keeps conversations (forgetting and retention delete there)."""
        return self.tracker_url or f"sqlite:///{Path(self.tracker_db).resolve()}"

    def session_secret(self) -> bytes:
        """The key that maps chat API session ids to conversations (CHAT_SESSION_SECRET, or
        derived from ADMIN_SECRET_KEY, so every gateway of one installation agrees)."""
        if self.chat_session_secret:
            return self.chat_session_secret.encode("utf-8")
        if self.admin_secret:
            return hmac.new(
                self.admin_secret.encode("utf-8"), b"wegweiser chat sessions", hashlib.sha256
            ).digest()
        return os.urandom(32)  # only app fixtures without secrets: sessions last one process

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from BOT_*, RASA_*, ACTION_*, TELEGRAM_* and CATALOG_* variables."""
        env = os.environ if env is None else env
        settings = cls(
            host=env.get("BOT_HOST") or cls.host,
            port=_int(env, "BOT_PORT", cls.port),
            rasa_host=env.get("RASA_HOST") or cls.rasa_host,
            rasa_port=_int(env, "RASA_PORT", cls.rasa_port),
            rasa_token=env.get("RASA_AUTH_TOKEN") or "",
            rasa_processes=max(1, _int(env, "RASA_PROCESSES", cls.rasa_processes)),
            rasa_urls=tuple(
                url.strip() for url in (env.get("RASA_URLS") or "").split(",") if url.strip()
            ),
            action_host=env.get("ACTION_SERVER_HOST") or cls.action_host,
            action_port=_int(env, "ACTION_SERVER_PORT", cls.action_port),
            model=env.get("RASA_MODEL") or "",
            tracker_db=env.get("RASA_TRACKER_DB") or cls.tracker_db,
            tracker_url=env.get("RASA_TRACKER_URL") or "",
            trusted_proxies=parse_networks(env.get("TRUSTED_PROXIES") or ""),
            chat_session_secret=env.get("CHAT_SESSION_SECRET") or "",
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
            admin_idle_minutes=_int(env, "ADMIN_SESSION_IDLE_MINUTES", cls.admin_idle_minutes),
            catalog=CatalogSettings.from_env(env),
        )
        if settings.telegram_webhook_url and not settings.telegram_webhook_secret:
            raise SystemExit("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set")
        return settings
