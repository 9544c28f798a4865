"""POST /api/chat (DESIGN.md, "Chat API"): validation, limits, Rasa, the answer contract."""

from __future__ import annotations

import json
import logging
import math
import unicodedata
from typing import Any

from aiohttp import web

from bot.keys import ASSISTANT_KEY, LIMITS_KEY, SESSIONS_KEY, SETTINGS_KEY
from bot.privacy import TrackerStoreUnavailable
from bot.rasa_client import RasaUnavailable
from bot.sessions import SESSION

log = logging.getLogger(__name__)
BAD_SESSION = "session must be 1-64 characters of A-Z, a-z, 0-9, _ and -"


class BadRequest(Exception):
    """Input the chat API rejects, with the status and a clear message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def clean_text(text: str) -> str:
    """Text without lone surrogates and control characters (newlines and tabs stay)."""
    kept = []
    for ch in text:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            continue
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            continue
        kept.append(ch)
    return "".join(kept).strip()


def parse_request(body: Any, max_text: int) -> tuple[str | None, str, str | None]:
    """(session, or None when the request has no `session` field yet, message for Rasa,
    locale hint) from a chat request, or BadRequest."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    session = body.get("session")
    if "session" in body and (not isinstance(session, str) or not SESSION.fullmatch(session)):
        raise BadRequest(BAD_SESSION)
    given = [key for key in ("text", "payload", "location") if body.get(key) is not None]
    if len(given) != 1:
        raise BadRequest("send exactly one of text, payload or location")
    locale = body.get("locale")
    if locale is not None and (not isinstance(locale, str) or len(locale) > 35):
        raise BadRequest("locale must be a short language tag such as de-DE")
    kind = given[0]
    value = body[kind]
    if kind == "location":
        if not isinstance(value, dict):
            raise BadRequest('location must be an object {"lat": …, "lon": …}')
        lat, lon = _coordinate(value.get("lat"), 90), _coordinate(value.get("lon"), 180)
        if lat is None or lon is None:
            raise BadRequest("location needs numbers lat (-90..90) and lon (-180..180)")
        return session, "/inform_place" + json.dumps({"lat": lat, "lon": lon}), locale
    if not isinstance(value, str):
        raise BadRequest(f"{kind} must be a string")
    if len(value) > max_text:
        raise BadRequest(f"{kind} is longer than {max_text} characters", status=413)
    text = clean_text(value)
    if not text:
        raise BadRequest(f"{kind} must not be empty")
    if kind == "payload" and not text.startswith("/"):
        raise BadRequest("payload must be a button payload as received (starting with /)")
    if kind == "text" and text.startswith("/"):
        text = text.lstrip("/") or text  # typed text is never taken for a button payload
    return session, text, locale


def _coordinate(value: Any, limit: float) -> float | None:
    """A finite number within ±limit, else None (booleans, strings, 1e400 and 10**400 too)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None


class UnsupportedCharset(Exception):
    """A body declared in another charset than UTF-8."""


async def read_json(request: web.Request) -> Any:
    """The body as JSON in UTF-8 (RFC 8259); another declared charset is refused."""
    charset = (request.charset or "utf-8").lower().replace("_", "-")
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedCharset(charset)
    raw = await request.read()
    return json.loads(raw.decode("utf-8"))


async def chat(request: web.Request) -> web.Response:
    """POST /api/chat."""
    settings = request.app[SETTINGS_KEY]
    try:
        body = await read_json(request)
    except web.HTTPRequestEntityTooLarge:
        return web.json_response({"error": "request body too large"}, status=413)
    except UnsupportedCharset:
        return web.json_response({"error": "send JSON in UTF-8"}, status=415)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return web.json_response({"error": "the body must be valid JSON in UTF-8"}, status=400)
    try:
        session, message, locale = parse_request(body, settings.max_text)
    except BadRequest as bad:
        return web.json_response({"error": str(bad)}, status=bad.status)
    sessions = request.app[SESSIONS_KEY]
    session = session or sessions.issue()  # first contact: the server issues the id
    conversation = sessions.conversation(session)
    limits = request.app[LIMITS_KEY]
    wait = max(limits["session"].hit(conversation), limits["client"].hit(request.remote or "?"))
    if wait:
        return web.json_response(
            {"error": "too many requests, please wait"},
            status=429,
            headers={"Retry-After": str(wait)},
        )
    assistant = request.app[ASSISTANT_KEY]
    try:
        messages = await assistant.ask(conversation, message, locale)
    except RasaUnavailable as exc:
        log.warning("assistant unavailable: %s", exc)
        unavailable = [assistant.unavailable(conversation, locale)]
        return web.json_response({"session": session, "messages": unavailable}, status=503)
    return web.json_response({"session": session, "messages": messages})


async def forget(request: web.Request) -> web.Response:
    """DELETE /api/chat/{session}: delete the caller's conversation (like Telegram's /forget)
    and say how many stored events were deleted."""
    session = request.match_info["session"]
    if not SESSION.fullmatch(session):
        return web.json_response({"error": BAD_SESSION}, status=400)
    conversation = request.app[SESSIONS_KEY].conversation(session)
    try:
        events = await request.app[ASSISTANT_KEY].forget(conversation)
    except TrackerStoreUnavailable as exc:
        log.error("forgetting failed: %s", exc)
        return web.json_response(
            {"error": "the conversation could not be deleted now, please try again"}, status=503
        )
    return web.json_response({"deleted": events > 0, "events": events})
