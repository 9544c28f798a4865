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

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CSRF_FIELD = "csrf_token"


async def current_user(request: web.Request) -> StaffUser | None:
    """The logged-in user of this request, or None."""
    session = await get_session(request)
    username, role = session.get("username"), session.get("role")
    if isinstance(username, str) and isinstance(role, str):
        return StaffUser(username, role)
    return None


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
    session["role"] = user.role
    session[CSRF_FIELD] = secrets.token_urlsafe(32)


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


class LoginLimiter:
    """At most `attempts` failed logins per key within `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, list[float]] = {}

    def blocked(self, key: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._failures.get(key, []) if t > now - self.window]
        self._failures[key] = recent
        return len(recent) >= self.attempts

    def failed(self, key: str) -> None:
        self._failures.setdefault(key, []).append(time.monotonic())
        if len(self._failures) > 10_000:
            self._failures.pop(next(iter(self._failures)))
