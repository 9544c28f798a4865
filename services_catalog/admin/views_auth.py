"""Login, logout and language switch of the admin (the overview: views_dashboard)."""

from __future__ import annotations

from urllib.parse import urlparse

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from services_catalog.admin.i18n import COOKIE, LANGUAGES
from services_catalog.admin.keys import ACCOUNTS_KEY, LOGIN_LIMITER_KEY
from services_catalog.admin.security import check_csrf, current_user, log_in, require
from services_catalog.admin.workers import password_work


async def login_page(request: web.Request) -> web.Response:
    """GET /admin/login."""
    if await current_user(request):
        raise web.HTTPFound(request.app.router["dashboard"].url_for())
    return aiohttp_jinja2.render_template("login.html", request, {"error": None})


async def login(request: web.Request) -> web.Response:
    """POST /admin/login: rate-limited per client address and per account at that address
    (behind a trusted proxy the gateway has made request.remote the client's address);
    a new session on success."""
    form = await request.post()
    await check_csrf(request, form)
    username = str(form.get("username", ""))[:64]
    password = str(form.get("password", ""))[:1024]
    limiter = request.app[LOGIN_LIMITER_KEY]
    address = request.remote or "?"
    if limiter.blocked(address, username):
        return aiohttp_jinja2.render_template(
            "login.html", request, {"error": "too_many"}, status=429
        )
    user = await password_work(request.app[ACCOUNTS_KEY].authenticate, username, password)
    if user is None:
        limiter.failed(address, username)
        return aiohttp_jinja2.render_template("login.html", request, {"error": "wrong"}, status=401)
    await log_in(request, user)
    raise web.HTTPFound(request.app.router["dashboard"].url_for())


@require()
async def logout(request: web.Request) -> web.Response:
    """POST /admin/logout."""
    session = await get_session(request)
    session.invalidate()
    raise web.HTTPFound(request.app.router["login"].url_for())


async def set_language(request: web.Request) -> web.Response:
    """GET /admin/language/{lang}: remember the admin's language."""
    lang = request.match_info["lang"]
    back = urlparse(request.headers.get("Referer", "")).path
    target = back if back.startswith("/admin") else str(request.app.router["dashboard"].url_for())
    response = web.HTTPFound(target)  # only back into the admin: no open redirect
    if lang in LANGUAGES:
        response.set_cookie(
            COOKIE, lang, max_age=365 * 86400, httponly=True, samesite="Lax", path="/admin"
        )
    raise response
