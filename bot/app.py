"""The gateway: chat API, health, widget and demo page (aiohttp app factory)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.assistant import Assistant
from bot.chat_api import chat, forget
from bot.i18n import translations
from bot.keys import ASSISTANT_KEY, LIMITS_KEY, RASA_KEY, SESSIONS_KEY, SETTINGS_KEY
from bot.proxies import forwarded_client
from bot.rasa_client import RasaClient
from bot.ratelimit import RateLimiter
from bot.sessions import WebSessions
from bot.settings import Settings
from bot.telegram import web as telegram
from bot.ui_strings import UI_STRINGS
from services_catalog.admin.app import create_admin_app
from services_catalog.catalog import Catalog
from services_catalog.formatting import language_name, text_direction
from services_catalog.heap import freeze_startup_heap
from services_catalog.languages import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES, normalize_language

STATIC = Path(__file__).parent / "static"
HEALTH_KEY = web.AppKey("health", dict[str, bool])  # whether the stack was ready once
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def healthz(request: web.Request) -> web.Response:
    """200 once gateway, Rasa server and action server are ready; 503 before ("starting")
    and whenever a part is down after that ("degraded"), with the parts down in `down`."""
    rasa = request.app[RASA_KEY]
    rasa_ok, actions_ok = await asyncio.gather(rasa.rasa_ready(), rasa.actions_ready())
    state = {"gateway": True, "rasa": rasa_ok, "actions": actions_ok}
    down = [name for name, ok in state.items() if not ok]
    seen = request.app[HEALTH_KEY]
    if not down:
        seen["ready_once"] = True
        return web.json_response({"status": "ok", **state, "down": []})
    status = "degraded" if seen.get("ready_once") else "starting"
    return web.json_response({"status": status, **state, "down": down}, status=503)


async def warm_up() -> None:
    """Load every language's translations before the gateway listens (ready means ready)."""
    for lang in SUPPORTED_LANGUAGES:
        await asyncio.to_thread(translations, lang)


async def ui_strings(request: web.Request) -> web.Response:
    """The widget's own texts in a language, and the language list for its picker."""
    lang = normalize_language(request.query.get("lang")) or FALLBACK_LANGUAGE
    t = translations(lang)
    return web.json_response(
        {
            "lang": lang,
            "dir": text_direction(lang),
            "strings": {key: t.gettext(msgid) for key, msgid in UI_STRINGS.items()},
            "languages": [
                {"code": code, "name": language_name(code)} for code in SUPPORTED_LANGUAGES
            ],
        },
        headers={"Cache-Control": "public, max-age=300"},
    )


async def index(request: web.Request) -> web.FileResponse:
    """The demo page with the widget."""
    return web.FileResponse(STATIC / "index.html")


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Headers that keep the pages inert against injected content."""
    response = await handler(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path == "/":
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'",
        )
    return response


@web.middleware
async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The chat API and the widget's texts may be used from any website (no cookies involved)."""
    if request.path.startswith("/api/") and request.method == "OPTIONS":
        response: web.StreamResponse = web.Response(status=204)
    else:
        response = await handler(request)
    if request.path.startswith("/api/"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    return response


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """API errors as {"error": …} JSON (413 for too large bodies included)."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if request.path.startswith("/api/") and exc.status >= 400:
            return web.json_response({"error": exc.reason}, status=exc.status)
        raise
    except Exception as exc:  # a bug: answer in JSON, log the type (never the content)
        if not request.path.startswith("/api/"):
            raise
        logging.getLogger(__name__).exception("internal error: %s", type(exc).__name__)
        return web.json_response({"error": "internal error"}, status=500)


def create_app(settings: Settings, rasa_client: RasaClient | None = None) -> web.Application:
    """The gateway application for these settings."""
    app = web.Application(
        client_max_size=settings.max_body,
        middlewares=[
            forwarded_client(settings.trusted_proxies),
            cors,
            json_errors,
            security_headers,
        ],
    )
    app[SETTINGS_KEY] = settings
    app[HEALTH_KEY] = {}
    app[SESSIONS_KEY] = WebSessions(settings.session_secret())
    app[LIMITS_KEY] = {
        "session": RateLimiter(settings.session_per_minute),
        "client": RateLimiter(settings.client_per_minute),
    }

    async def client_context(app: web.Application) -> AsyncIterator[None]:
        await warm_up()
        freeze_startup_heap()  # the catalog and translations: no full collection walks them
        session = aiohttp.ClientSession()
        app[RASA_KEY] = rasa_client or RasaClient(
            session,
            settings.rasa_url,
            settings.action_url,
            settings.rasa_timeout,
            token=settings.rasa_token,
        )
        app[ASSISTANT_KEY] = Assistant(app[RASA_KEY], settings.tracker_store_url)
        yield
        await session.close()

    app.cleanup_ctx.append(client_context)
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/chat", chat)
    app.router.add_delete("/api/chat/{session}", forget)
    app.router.add_get("/api/ui-strings", ui_strings)
    app.router.add_get("/", index)
    app.router.add_static("/static/", STATIC, show_index=False, follow_symlinks=False)
    telegram.mount(app)  # after the client context: the bot uses the assistant
    if settings.admin_secret:
        catalog = Catalog.open(settings.catalog)
        admin = create_admin_app(
            catalog,
            settings.admin_secret,
            settings.admin_cookie_secure,
            idle_seconds=settings.admin_idle_minutes * 60,
        )
        app.add_subapp("/admin", admin)
    return app
