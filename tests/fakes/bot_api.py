"""A fake Telegram Bot API server on 127.0.0.1 (aiohttp) that records every call.

python-telegram-bot talks to it through its `base_url`; failures can be queued per method
(429 with retry_after, 502) to test flood control and network errors.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT = {"id": 4242, "is_bot": True, "first_name": "Wegweiser", "username": "wegweiser_test_bot"}


@dataclass
class Call:
    """One Bot API call as the fake server received it."""

    method: str
    params: dict[str, Any]


@dataclass
class FakeBotApi:
    """State of the fake server: calls, updates to hand out, failures to inject."""

    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    # per method: (HTTP status, body, only for this chat id or None for any chat)
    failures: dict[str, list[tuple[int, dict[str, Any], int | None]]] = field(default_factory=dict)
    next_message_id: int = 1

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """The parameters of every successful call of a method, in order."""
        return [call.params for call in self.calls if call.method == method]

    def fail_next(
        self, method: str, status: int, chat_id: int | None = None, **parameters: Any
    ) -> None:
        """Make the next call of `method` (to `chat_id`, if given) fail with this HTTP status."""
        description = "Too Many Requests: retry later" if status == 429 else "Bad Gateway"
        body = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        self.failures.setdefault(method, []).append((status, body, chat_id))

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        queued = self.failures.get(method, [])
        for index, (status, body, chat_id) in enumerate(queued):
            if chat_id is None or str(chat_id) == str(params.get("chat_id")):
                del queued[index]
                return web.json_response(body, status=status)
        self.calls.append(Call(method, params))
        return web.json_response({"ok": True, "result": await self._result(method, params)})

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            if not self.updates:
                await asyncio.sleep(0.2)
            updates, self.updates = self.updates, []
            return updates
        if method == "sendMessage":
            self.next_message_id += 1
            chat_id = int(params["chat_id"])
            return {
                "message_id": self.next_message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT,
                "text": params.get("text", ""),
            }
        return True

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        return app


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        data = await request.json()
    else:
        data = dict(await request.post())
    params: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str) and value[:1] in "{[":
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        params[key] = value
    return params
