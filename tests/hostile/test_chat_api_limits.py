"""POST /api/chat beyond its limits (blank, too long, too big, too deep): a clear 4xx."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.hostile.chat_api import (
    MAX_TEXT,
    assert_messages,
    assert_rejected,
    post,
    utf8,
)


async def test_empty_and_blank_text_is_400(offline: TestClient) -> None:
    """Nothing to read (blank, only control characters) is a 400 with an error."""
    for text in ("", " ", "\n\t  \n", "\u3000\u2028", "\x00\x01\x1b\x7f", "\u0085\u009f"):
        status, body, _ = await post(offline, utf8({"session": "blank", "text": text}))
        assert_rejected(status, body)
    status, body, _ = await post(offline, utf8({"session": "blank", "payload": "  "}))
    assert_rejected(status, body)


async def test_text_over_2000_characters_is_413(offline: TestClient) -> None:
    """2,001 characters are 413 in any script; 2,000 are still a message."""
    for text in ("a" * (MAX_TEXT + 1), "ب" * (MAX_TEXT + 1), "🙂" * (MAX_TEXT + 1)):
        status, body, _ = await post(offline, utf8({"session": "long", "text": text}))
        assert_rejected(status, body, 413)
    status, body, _ = await post(offline, utf8({"session": "long", "payload": "/" * 2001}))
    assert_rejected(status, body, 413)
    # 2,000 characters are still a message (sent as raw UTF-8, like the widget does).
    for text in ("a" * MAX_TEXT, "ب" * MAX_TEXT, "🙂" * MAX_TEXT):
        status, body, _ = await post(offline, utf8({"session": "long", "text": text}))
        assert status == 503
        assert_messages(body)


async def test_megabyte_bodies_are_413(offline: TestClient) -> None:
    """Megabyte bodies, with or without Content-Length, are 413 with an error."""
    megabyte = 1024 * 1024
    bodies = (
        b"x" * megabyte,
        utf8({"session": "big", "text": "a" * megabyte}),
        utf8({"session": "big", "text": "hi", "padding": ["z" * 1000] * 1000}),
        b"[" * megabyte,
    )
    for data in bodies:
        status, body, _ = await post(offline, data)
        assert_rejected(status, body, 413)

    async def chunks() -> Any:
        """A megabyte in chunks, without Content-Length."""
        yield b'{"session": "big", "text": "'
        for _ in range(64):
            yield b"a" * 16384
        yield b'"}'

    response = await offline.post(
        "/api/chat", data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_rejected(response.status, await response.json(), 413)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        # A whole number beyond float range as a coordinate (valid JSON, valid shape).
        (b'{"session": "s", "location": {"lat": 1' + b"0" * 400 + b', "lon": 13}}', None),
        # Nesting deeper than Python's recursion limit, well under the body limit.
        (b"[" * 5000 + b"]" * 5000, None),
        (b'{"session": "s", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}", None),
        # A charset Python does not know, or one that is not a text encoding.
        (b'{"session": "s", "text": "Hallo"}', "application/json; charset=x-unknown"),
        (b'{"session": "s", "text": "Hallo"}', "application/json; charset=rot13"),
        (b'{"session": "s", "text": "Hallo"}', "application/json; charset=utf-16"),
    ],
    ids=["huge-int-lat", "deep-array", "deep-text", "unknown-charset", "rot13", "utf-16"],
)
async def test_pathological_bodies_are_4xx(
    offline: TestClient, data: bytes, content_type: str | None
) -> None:
    """Huge numbers, deep nesting and odd charsets are 4xx, never 500."""
    status, body, _ = await post(offline, data, content_type or "application/json")
    assert_rejected(status, body, (400, 413, 415))
