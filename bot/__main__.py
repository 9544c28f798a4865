"""`python -m bot`: the gateway on BOT_HOST:BOT_PORT (started by the stack, bot.stack)."""

from __future__ import annotations

from aiohttp import web

from bot.app import create_app
from bot.logs import configure_logging
from bot.settings import Settings


def main() -> None:
    """Run the gateway until interrupted."""
    settings = Settings.from_env()
    configure_logging(
        (
            settings.telegram_token,
            settings.telegram_webhook_secret,
            settings.rasa_token,
            settings.admin_secret,
            settings.chat_session_secret,
        )
    )
    if not settings.admin_secret:
        raise SystemExit(
            "ADMIN_SECRET_KEY is required: it encrypts the staff admin's session cookies"
        )
    if not settings.rasa_token:
        raise SystemExit("RASA_AUTH_TOKEN is required: Rasa's HTTP API answers only with it")
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
