"""POST /api/chat (DESIGN.md, "Chat API"): validation, limits, Rasa, the answer contract."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import OrderedDict
from typing import Any

from aiohttp import web

from bot.i18n import FALLBACK_LANGUAGE, normalize_language
from bot.keys import LIMITS_KEY, RASA_KEY, SETTINGS_KEY
from bot.rasa_client import RasaUnavailable, merge_messages
from bot.replies import render
from services_catalog.formatting import text_direction

log = logging.getLogger(__name__)
SESSION = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
OFFER_FIELDS = (
    "id",
    "category",
    "name",
    "provider",
    "town",
    "distance_km",
    "phone",
    "website",
    "languages",
    "open_now",
    "verified_on",
    "today_hours",
    "cost",
    "address",
    "postcode",
    "lat",
    "lon",
    "appointment_only",
    "covers_area",
    "summary",
    "unverified_note",
)
_last_language: OrderedDict[str, str] = OrderedDict()


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


def shape_message(message: dict[str, Any]) -> dict[str, Any]:
    """One reply in the chat API's form."""
    custom = message.get("custom") or {}
    lang = custom.get("lang") or FALLBACK_LANGUAGE
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict)
    ]
    offers = [
        {key: offer.get(key) for key in OFFER_FIELDS if key in offer}
        for offer in custom.get("offers") or []
        if isinstance(offer, dict)
    ]
    shaped = {
        "text": message.get("text") or "",
        "lang": lang,
        "dir": custom.get("dir") or text_direction(lang),
        "buttons": buttons,
        "offers": offers,
    }
    if custom.get("intro"):
        shaped["intro"] = custom["intro"]
    if custom.get("request_location"):
        shaped["request_location"] = True
    if custom.get("emergency"):
        shaped["emergency"] = True
    return shaped


def _remember_language(session: str, lang: str) -> None:
    _last_language[session] = lang
    _last_language.move_to_end(session)
    while len(_last_language) > 50_000:
        _last_language.popitem(last=False)


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
    rasa = request.app[RASA_KEY]
    metadata = {"locale": locale} if locale else {}
    lang = _last_language.get(session) or normalize_language(locale) or FALLBACK_LANGUAGE
    try:
        replies = merge_messages(await rasa.send(session, message, metadata))
        if not replies and not await rasa.actions_ready():
            raise RasaUnavailable("action server down")
    except RasaUnavailable as exc:
        log.warning("assistant unavailable: %s", exc)
        return web.json_response(
            {"messages": [shape_message(render("utter_unavailable", lang))]}, status=503
        )
    shaped = [shape_message(m) for m in replies]
    if shaped:
        _remember_language(session, shaped[-1]["lang"])
    return web.json_response({"messages": shaped})
