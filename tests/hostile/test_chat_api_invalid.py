"""Malformed requests to POST /api/chat and DELETE /api/chat/{session}: 400, never a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.hostile.chat_api import (
    assert_rejected,
    post,
    utf8,
)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{not json",
        b'{"session": "s", "text": "hi"',
        b'{"session": "s", "text": "hi"}}',
        b"{'session': 's', 'text': 'hi'}",
        b'{"session": "s", "text": "hi",}',
        b"\xff\xfe{\x00}\x00",
        b'{"session": "s", "text": "\xc3\x28"}',
        b'{"session": "s", "text": "\xed\xa0\x80"}',  # a surrogate encoded as UTF-8 is invalid
        b"null",
        b"true",
        b"42",
        b'"session"',
        b"[]",
        b'[{"session": "s", "text": "hi"}]',
        b"\x00" * 100,
    ],
)
async def test_invalid_json_or_not_an_object_is_400(offline: TestClient, data: bytes) -> None:
    """Bodies that are not a JSON object (or not UTF-8) are 400."""
    status, body, _ = await post(offline, data)
    assert_rejected(status, body)


WRONG_TYPES: list[dict[str, Any]] = [
    *(
        {"session": value, "text": "Hallo"}
        for value in (None, 1, 1.5, True, [], ["s"], {}, {"id": "s"}, "", "x" * 65, "a b")
    ),
    *(
        {"session": value, "text": "Hallo"}
        for value in ("über", "s/../x", "s;rm", "<b>", "s\u202e", "s\u200b", "١٢٣")
    ),
    *({"session": "s", "text": value} for value in (1, 1.5, True, False, [], ["hi"], {}, {"a": 1})),
    *({"session": "s", "payload": value} for value in (1, True, [], ["/greet"], {"intent": "x"})),
    *({"session": "s", "payload": value} for value in ("greet", " greet", "\u202e/greet")),
    *(
        {"session": "s", "location": value}
        for value in (
            "50.9,13.3",
            [50.9, 13.3],
            1,
            True,
            {},
            {"lat": 50.9},
            {"lat": "50.9", "lon": "13.3"},
            {"lat": True, "lon": False},
            {"lat": None, "lon": 13.3},
            {"lat": [50.9], "lon": 13.3},
            {"lat": 91, "lon": 13.3},
            {"lat": 50.9, "lon": -181},
            {"lat": 1e308 * 10, "lon": 0},  # Infinity
        )
    ),
    *(
        {"session": "s", "text": "Hallo", "locale": value}
        for value in (1, True, [], ["de"], {"lang": "de"}, "x" * 36)
    ),
    {"session": "s"},
    {"session": "s", "text": None, "payload": None, "location": None},
    {"session": "s", "text": "Hallo", "payload": "/greet"},
    {"session": "s", "text": "Hallo", "location": {"lat": 50.9, "lon": 13.3}},
    {"session": "s", "payload": "/greet", "location": {"lat": 50.9, "lon": 13.3}},
    {},
]


@pytest.mark.parametrize("body", WRONG_TYPES, ids=[repr(b)[:60] for b in WRONG_TYPES])
async def test_wrong_types_and_shapes_are_400(offline: TestClient, body: dict[str, Any]) -> None:
    """Every field with a wrong type or shape is a 400 that echoes no markup."""
    status, reply, raw = await post(offline, utf8(body))
    assert_rejected(status, reply)
    assert "<" not in raw  # the error never echoes markup


@pytest.mark.parametrize(
    "data",
    [
        b'{"session": "s", "text": "\\ud800"}',
        b'{"session": "s", "text": "\\udfff\\udfff"}',
        b'{"session": "s", "payload": "\\ud83d"}',
        b'{"session": "s\\ud800", "text": "Hallo"}',
    ],
)
async def test_lone_surrogates_that_leave_nothing_are_400(offline: TestClient, data: bytes) -> None:
    """Lone surrogates are dropped; if nothing is left, it is a 400."""
    status, body, _ = await post(offline, data)
    assert_rejected(status, body)


@pytest.mark.parametrize("session", ["abc\n", "abc\r\n", "abc\nX-Log: forged"])
async def test_session_with_line_breaks_is_400(offline: TestClient, session: str) -> None:
    """A session id with a line break is not 1-64 of [A-Za-z0-9_-]: 400."""
    status, body, _ = await post(offline, utf8({"session": session, "text": "Hallo"}))
    assert_rejected(status, body)


async def test_forget_rejects_hostile_session_ids(offline: TestClient) -> None:
    """DELETE /api/chat/{session} rejects ids outside the contract."""
    for session in ("a%20b", "%3Cscript%3E", "x" * 65, "..%2F..%2Fetc", "abc%0A"):
        response = await offline.delete(f"/api/chat/{session}")
        assert response.status in (400, 404), session
        assert "error" in await response.json()
