"""Running the Telegram application inside the gateway: polling by default, webhook on request."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import AsyncIterator

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.keys import ASSISTANT_KEY, SETTINGS_KEY
from bot.telegram.app import build_application, set_commands

log = logging.getLogger(__name__)
TELEGRAM_KEY = web.AppKey("telegram", Application)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret


async def telegram_context(app: web.Application) -> AsyncIterator[None]:
    """Start the bot with the gateway and stop it with the gateway."""
    settings = app[SETTINGS_KEY]
    application = build_application(settings, app[ASSISTANT_KEY])
    app[TELEGRAM_KEY] = application
    await application.initialize()
    await set_commands(application)
    await application.start()
    if settings.telegram_webhook_url:
        await application.bot.set_webhook(
            settings.telegram_webhook_url,
            secret_token=settings.telegram_webhook_secret,
            drop_pending_updates=False,
        )
    elif application.updater is not None:
        await application.updater.start_polling(drop_pending_updates=False)
    log.info("telegram bot started (%s)", "webhook" if settings.telegram_webhook_url else "polling")
    yield
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def webhook(request: web.Request) -> web.Response:
    """POST /telegram/webhook: only with the secret token Telegram sends back (403 otherwise)."""
    secret = request.app[SETTINGS_KEY].telegram_webhook_secret
    given = request.headers.get(SECRET_HEADER, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return web.json_response({"error": "forbidden"}, status=403)
    try:
        data = json.loads((await request.read()).decode("utf-8"))
    except (ValueError, RecursionError):
        return web.json_response({"error": "invalid JSON"}, status=400)
    application = request.app[TELEGRAM_KEY]
    try:
        update = Update.de_json(data, application.bot)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return web.json_response({"ok": True})  # malformed update: acknowledged, ignored
    if update is not None:  # processed like a polled update: concurrently across chats
        await application.update_queue.put(update)
    return web.json_response({"ok": True})


def mount(app: web.Application) -> None:
    """Run Telegram with the gateway when a token is configured."""
    settings = app[SETTINGS_KEY]
    if not settings.telegram_token:
        return
    app.cleanup_ctx.append(telegram_context)
    if settings.telegram_webhook_url:
        app.router.add_post(WEBHOOK_PATH, webhook)
