"""`python -m bot`: the gateway on BOT_HOST:BOT_PORT (started by the stack, bot.stack)."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.app import create_app
from bot.settings import Settings


def main() -> None:
    """Run the gateway until interrupted."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("aiohttp.access").setLevel(
        logging.WARNING
    )  # access logs carry no text, but IPs
    settings = Settings.from_env()
    if not settings.admin_secret:
        raise SystemExit(
            "ADMIN_SECRET_KEY is required: it encrypts the staff admin's session cookies"
        )
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
