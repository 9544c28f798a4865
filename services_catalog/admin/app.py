"""The admin application (mounted by the gateway at /admin): sessions, templates, routes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp_session import setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from services_catalog.accounts import Accounts
from services_catalog.admin import views_auth, views_dashboard, views_data, views_offers
from services_catalog.admin.i18n import LANGUAGES, language_of, translations
from services_catalog.admin.keys import (
    ACCOUNTS_KEY,
    CATALOG_KEY,
    EDITOR_KEY,
    IDLE_SECONDS_KEY,
    LOGIN_LIMITER_KEY,
    PENDING_IMPORTS_KEY,
    RECORDS_KEY,
)
from services_catalog.admin.login_limits import LoginLimiter
from services_catalog.admin.security import csrf_token, current_user
from services_catalog.admin.views_data import MAX_UPLOAD
from services_catalog.catalog import Catalog
from services_catalog.editing import Editor
from services_catalog.records import Records

IDLE_SECONDS = 8 * 3600  # default idle time after which a staff session ends
# The admin's own request body limit (the import form: a file of up to MAX_UPLOAD and the
# form around it), whatever the app it is mounted in allows for its own routes.
MAX_BODY = MAX_UPLOAD + 256 * 1024
STATIC = Path(__file__).parent / "static"


def fernet_key(secret: str) -> bytes:
    """32 key bytes derived from any secret string (ADMIN_SECRET_KEY); aiohttp-session
    turns them into the Fernet key."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


@web.middleware
async def body_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Read admin request bodies up to MAX_BODY: aiohttp builds a request with the limit
    of the outermost app (the gateway's 16 KiB for its chat API), not the sub-app's. The
    clone keeps what outer middlewares set (the client's address behind a trusted proxy)."""
    host, scheme, remote = request.host, request.scheme, request.remote
    if remote is None:  # no peer address (a unix socket): nothing to keep
        return await handler(request.clone(client_max_size=MAX_BODY, host=host, scheme=scheme))
    return await handler(
        request.clone(client_max_size=MAX_BODY, host=host, scheme=scheme, remote=remote)
    )


async def to_dashboard(request: web.Request) -> web.Response:
    """GET /admin (no slash): the overview at /admin/."""
    raise web.HTTPFound(request.app.router["dashboard"].url_for())


async def template_context(request: web.Request) -> dict[str, Any]:
    """What every page gets: the user, the CSRF token, gettext in the admin's language."""
    lang = language_of(request)
    t = translations(lang)
    return {
        "user": await current_user(request),
        "csrf_token": await csrf_token(request),
        "_": t.gettext,
        "lang": lang,
        "admin_languages": LANGUAGES,
        "static_url": str(request.app.router["static"].url_for(filename="x"))[:-1],
        "url": lambda name, **parts: str(
            request.app.router[name].url_for(**{k: str(v) for k, v in parts.items()})
        ),
    }


def create_admin_app(
    catalog: Catalog, secret: str, secure_cookie: bool = False, idle_seconds: int = IDLE_SECONDS
) -> web.Application:
    """The admin for a catalog; `secret` encrypts the session cookies; a session ends after
    `idle_seconds` without a request."""
    if not secret:
        raise SystemExit("ADMIN_SECRET_KEY is required for the staff admin")
    app = web.Application(client_max_size=MAX_BODY, middlewares=[body_limit])
    storage = EncryptedCookieStorage(
        fernet_key(secret),
        cookie_name="wegweiser_admin",
        max_age=idle_seconds,  # also the encrypted cookie's own time to live
        path="/admin",
        httponly=True,
        secure=secure_cookie,
        samesite="Strict",
    )
    setup_sessions(app, storage)
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("services_catalog.admin", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        context_processors=[template_context],
    )
    app[CATALOG_KEY] = catalog
    app[ACCOUNTS_KEY] = Accounts(catalog.store.engine)
    app[EDITOR_KEY] = Editor(catalog.store)
    app[RECORDS_KEY] = Records(catalog.store.engine)
    app[LOGIN_LIMITER_KEY] = LoginLimiter()
    app[IDLE_SECONDS_KEY] = idle_seconds
    app[PENDING_IMPORTS_KEY] = {}
    add = app.router.add_route
    add("GET", "", to_dashboard)  # the prefix itself: /admin
    add("GET", "/login", views_auth.login_page, name="login")
    add("POST", "/login", views_auth.login)
    add("POST", "/logout", views_auth.logout, name="logout")
    add("GET", "/", views_dashboard.dashboard, name="dashboard")
    add("GET", "/language/{lang}", views_auth.set_language, name="language")
    add("GET", "/offers", views_offers.offer_list, name="offers")
    add("GET", "/offers/new", views_offers.offer_edit, name="offer_new")
    add("POST", "/offers/new", views_offers.offer_save)
    add("GET", "/offers/{id}", views_offers.offer_edit, name="offer_edit")
    add("POST", "/offers/{id}", views_offers.offer_save)
    add("POST", "/offers/{id}/status", views_offers.offer_status, name="offer_status")
    add("POST", "/offers/{id}/verify", views_offers.offer_verify, name="offer_verify")
    add("POST", "/offers/{id}/delete", views_offers.offer_delete, name="offer_delete")
    add("GET", "/hours-preview", views_offers.hours_preview, name="hours_preview")
    add("GET", "/import", views_data.import_page, name="import_page")
    add("POST", "/import", views_data.import_preview)
    add("POST", "/import/confirm", views_data.import_confirm, name="import_confirm")
    add("GET", "/export/{format}", views_data.export_view, name="export")
    add("GET", "/users", views_data.users_page, name="users")
    add("POST", "/users", views_data.users_page)
    add("POST", "/users/{username}", views_data.user_change, name="user_change")
    add("GET", "/demand", views_data.demand_page, name="demand")
    add("POST", "/handovers/{id:\\d+}", views_data.handover_status, name="handover_status")
    app.router.add_static(
        "/static/", STATIC, name="static", show_index=False, follow_symlinks=False
    )
    return app
