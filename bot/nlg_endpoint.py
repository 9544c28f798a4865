"""Rasa's NLG callback (`nlg: url: …/nlg` in endpoints.yml), the alternative to the
in-process bot.nlg.GettextNLG that the stack uses; both render with bot.replies.

It is not part of the public gateway: `python -m bot.nlg_endpoint --port N` serves it alone,
on 127.0.0.1, for loopback callers only (the callback carries the whole tracker, so it
accepts far larger bodies than the chat API). bench/nlg_modes.py compares the two."""

from __future__ import annotations

import argparse
import ipaddress
import json
from typing import Any

from aiohttp import web

from bot.replies import render_for_rasa

MAX_TRACKER_BYTES = 20 * 1024 * 1024


def _loopback(remote: str | None) -> bool:
    try:
        return ipaddress.ip_address(remote or "").is_loopback
    except ValueError:
        return False


async def nlg(request: web.Request) -> web.Response:
    """POST /nlg: {"response", "arguments", "tracker", "channel"} → the rendered message."""
    if not _loopback(request.remote):
        return web.json_response({"error": "forbidden"}, status=403)
    # The callback carries the whole tracker, far beyond the chat API's body limit.
    raw = bytearray()
    async for chunk in request.content.iter_chunked(1 << 16):
        raw += chunk
        if len(raw) > MAX_TRACKER_BYTES:
            return web.json_response({"error": "tracker too large"}, status=413)
    body: dict[str, Any] = json.loads(raw)
    arguments = body.get("arguments") or {}
    slots = (body.get("tracker") or {}).get("slots") or {}
    message = render_for_rasa(str(body.get("response") or ""), arguments, slots.get("language"))
    return web.json_response(message if message is not None else {"text": None})


def create_nlg_app() -> web.Application:
    """The NLG callback as an application of its own."""
    app = web.Application(client_max_size=MAX_TRACKER_BYTES)
    app.router.add_post("/nlg", nlg)
    return app


def main() -> None:
    """Serve the NLG callback on 127.0.0.1 (never on a public interface)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5056)
    args = parser.parse_args()
    web.run_app(create_nlg_app(), host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
