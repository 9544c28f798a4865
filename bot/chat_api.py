"""POST /api/chat (DESIGN.md, "Chat API"): validation, limits, Rasa, the answer contract."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from typing import Any

from aiohttp import web

from bot.keys import ASSISTANT_KEY, LIMITS_KEY, SETTINGS_KEY
from bot.rasa_client import RasaUnavailable

log = logging.getLogger(__name__)
SESSION = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


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


def parse_request(body: Any, max_text: int) -> tuple[str, str, str | None]:
    """(session, message for Rasa, locale hint) from a chat request, or BadRequest."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    session = body.get("session")
    if not isinstance(session, str) or not SESSION.match(session):
        raise BadRequest("session must be 1-64 characters of A-Z, a-z, 0-9, _ and -")
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
        lat, lon = value.get("lat"), value.get("lon")
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
        if not numbers or not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):  # type: ignore[arg-type]
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


async def chat(request: web.Request) -> web.Response:
    """POST /api/chat."""
    settings = request.app[SETTINGS_KEY]
    try:
        body = await request.json(loads=json.loads)
    except web.HTTPRequestEntityTooLarge:
        return web.json_response({"error": "request body too large"}, status=413)
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return web.json_response({"error": "the body must be valid JSON"}, status=400)
    try:
        session, message, locale = parse_request(body, settings.max_text)
    except BadRequest as bad:
        return web.json_response({"error": str(bad)}, status=bad.status)
    limits = request.app[LIMITS_KEY]
    wait = max(limits["session"].hit(session), limits["client"].hit(request.remote or "?"))
    if wait:
        return web.json_response(
            {"error": "too many requests, please wait"},
            status=429,
            headers={"Retry-After": str(wait)},
        )
    assistant = request.app[ASSISTANT_KEY]
    try:
        messages = await assistant.ask(session, message, locale)
    except RasaUnavailable as exc:
        log.warning("assistant unavailable: %s", exc)
        return web.json_response({"messages": [assistant.unavailable(session, locale)]}, status=503)
    return web.json_response({"messages": messages})


async def forget(request: web.Request) -> web.Response:
    """DELETE /api/chat/{session}: delete the conversation (like Telegram's /forget)."""
    session = request.match_info["session"]
    if not SESSION.match(session):
        return web.json_response(
            {"error": "session must be 1-64 characters of A-Z, a-z, 0-9, _ and -"}, status=400
        )
    request.app[ASSISTANT_KEY].forget(session)
    return web.json_response({"deleted": True})
