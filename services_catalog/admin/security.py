"""Sessions, login, roles and CSRF tokens of the admin."""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from aiohttp import web
from aiohttp_session import get_session, new_session

from services_catalog.accounts import StaffUser
from services_catalog.admin.keys import ACCOUNTS_KEY, IDLE_SECONDS_KEY

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CSRF_FIELD = "csrf_token"
USER = "staff_user"  # request key: the user as the database knows them, once per request


async def current_user(request: web.Request) -> StaffUser | None:
    """The logged-in user of this request as the database knows them now, or None: a
    disabled or deleted account, a session older than the last password change, or one idle
    for longer than the admin's idle time has ended (the role always comes from the database,
    so a change applies on the next request)."""
    if USER in request:
        user: StaffUser | None = request[USER]
        return user
    session = await get_session(request)
    username, version, seen = (session.get(k) for k in ("username", "version", "seen"))
    user = None
    now = time.time()
    if isinstance(username, str) and isinstance(version, int) and isinstance(seen, int | float):
        known = request.config_dict[ACCOUNTS_KEY].get(username)
        fresh = now - seen <= request.config_dict[IDLE_SECONDS_KEY]
        if known and not known.disabled and known.session_version == version and fresh:
            user = known
            if now - seen >= 60:
                session["seen"] = int(now)  # at most once a minute: the cookie is rewritten
        else:
            session.invalidate()
    request[USER] = user
    return user


async def csrf_token(request: web.Request) -> str:
    """The session's CSRF token (created on first use)."""
    session = await get_session(request)
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


async def check_csrf(request: web.Request, form: Any) -> None:
    """403 unless the form carries the session's CSRF token."""
    session = await get_session(request)
    expected = session.get(CSRF_FIELD)
    given = form.get(CSRF_FIELD) if form is not None else None
    if (
        not isinstance(expected, str)
        or not isinstance(given, str)
        or not hmac.compare_digest(expected, given)
    ):
        raise web.HTTPForbidden(text="CSRF token missing or wrong. Reload the page and try again.")


async def log_in(request: web.Request, user: StaffUser) -> None:
    """A new session (new id: no session fixation) holding the user and a fresh CSRF token."""
    session = await new_session(request)
    session["username"] = user.username
    session["version"] = user.session_version
    session["seen"] = int(time.time())
    session[CSRF_FIELD] = secrets.token_urlsafe(32)
    request[USER] = user


def require(role: str | None = None) -> Callable[[Handler], Handler]:
    """Views need a login (302 to the login page for GET, 401 otherwise) and maybe a role (403);
    every POST also needs the CSRF token."""

    def decorate(view: Handler) -> Handler:
        @wraps(view)
        async def wrapper(request: web.Request) -> web.StreamResponse:
            user = await current_user(request)
            if user is None:
                if request.method == "GET":
                    raise web.HTTPFound(request.app.router["login"].url_for())
                raise web.HTTPUnauthorized(text="Please log in.")
            if role == "admin" and not user.is_admin:
                raise web.HTTPForbidden(text="Only admins may do this.")
            if request.method == "POST":
                form = await request.post()
                await check_csrf(request, form)
            request["user"] = user
            return await view(request)

        return wrapper

    return decorate
