"""Rasa's NLG callback (`nlg: url: …/nlg` in endpoints.yml), the alternative to the
in-process bot.nlg.GettextNLG; both render with bot.replies. Loopback callers only."""

from __future__ import annotations

import ipaddress
from typing import Any

from aiohttp import web

from bot.i18n import FALLBACK_LANGUAGE
from bot.replies import RENDERERS, render


def _loopback(remote: str | None) -> bool:
    try:
        return ipaddress.ip_address(remote or "").is_loopback
    except ValueError:
        return False


async def nlg(request: web.Request) -> web.Response:
    """POST /nlg: {"response", "arguments", "tracker", "channel"} → the rendered message."""
    if not _loopback(request.remote):
        return web.json_response({"error": "forbidden"}, status=403)
    body: dict[str, Any] = await request.json()
    name = str(body.get("response") or "")
    if name not in RENDERERS:
        return web.json_response({"text": None})
    arguments = body.get("arguments") or {}
    slots = (body.get("tracker") or {}).get("slots") or {}
    lang = str(arguments.get("lang") or slots.get("language") or FALLBACK_LANGUAGE)
    data = arguments.get("data") if isinstance(arguments.get("data"), dict) else {}
    return web.json_response(render(name, lang, data))
