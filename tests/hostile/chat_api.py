"""What the hostile-input tests of POST /api/chat share: the contract's limits and helpers."""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp.test_utils import TestClient

from bot.settings import Settings
from services_catalog.formatting import text_direction
from services_catalog.languages import SUPPORTED_LANGUAGES

MAX_TEXT = Settings.max_text
MAX_BODY = Settings.max_body
SESSION = re.compile(r"[A-Za-z0-9_-]{1,64}")  # DESIGN.md: 1-64 characters of [A-Za-z0-9_-]
KINDS = ("text", "payload", "location")
INJECTIONS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE events; --",
    "{{7*7}} ${7*7} <%= 7*7 %>",
)


def utf8(body: Any, ascii_only: bool = False) -> bytes:
    """A JSON body as UTF-8 bytes (raw non-ASCII unless `ascii_only`, like the widget sends)."""
    return json.dumps(body, ensure_ascii=ascii_only).encode("utf-8")


async def post(
    client: TestClient, data: bytes, content_type: str = "application/json"
) -> tuple[int, Any, str]:
    """(status, parsed JSON body, raw body text) of one POST /api/chat."""
    response = await client.post("/api/chat", data=data, headers={"Content-Type": content_type})
    raw = await response.text()
    assert response.content_type == "application/json", (response.status, raw[:300])
    return response.status, json.loads(raw), raw


def assert_rejected(status: int, body: Any, expected: int | tuple[int, ...] = 400) -> None:
    """A clear 4xx: the expected status and {"error": "<a sentence>"}."""
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert status in allowed, (status, body)
    assert isinstance(body, dict) and set(body) == {"error"}, body
    assert isinstance(body["error"], str) and len(body["error"]) > 5, body


def assert_messages(body: Any, lang: str | None = None) -> list[dict[str, Any]]:
    """Replies in the chat API's form, in a supported language (this one when given)."""
    messages = body["messages"]
    assert isinstance(messages, list) and messages, body
    for message in messages:
        assert isinstance(message["text"], str)
        assert message["lang"] in SUPPORTED_LANGUAGES, message
        assert message["dir"] == text_direction(message["lang"]), message
        assert isinstance(message["buttons"], list) and isinstance(message["offers"], list)
        if lang is not None:
            assert message["lang"] == lang, message
    return messages
