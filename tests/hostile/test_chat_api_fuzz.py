"""10,000 random bodies to POST /api/chat: a reply when valid, else the 4xx the contract names."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services_catalog.languages import FALLBACK_LANGUAGE, normalize_language
from tests.hostile.chat_api import (
    INJECTIONS,
    KINDS,
    MAX_BODY,
    MAX_TEXT,
    SESSION,
    assert_messages,
    assert_rejected,
    post,
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["", "/", "\x00", "\ud800", "<script>", "\u202e", "de", "/greet"])
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
VALID_SESSION = st.from_regex(SESSION, fullmatch=True)
NEAR_MISSES = st.sampled_from(
    ["\n", "\r", " ", ".", "/", "\x00", "ß", "\u0130", "\u200b", "\u202e"]
)
SESSIONS = (
    VALID_SESSION
    | st.builds(lambda s, c: s + c, VALID_SESSION, NEAR_MISSES)  # one character too many
    | st.text(max_size=70)
    | JSON_VALUES
)
LONG_TEXTS = st.builds(
    lambda ch, n: ch * n, st.characters(), st.integers(MAX_TEXT - 5, MAX_TEXT + 5)
)
TEXTS = st.text(max_size=40) | LONG_TEXTS | st.sampled_from(INJECTIONS) | JSON_VALUES
PAYLOADS = (
    st.from_regex(r"/[a-z_]{1,20}(\{\"[a-z]{1,8}\": \"[a-z]{0,8}\"\})?", fullmatch=True)
    | st.text(max_size=20)
    | JSON_VALUES
)
NUMBERS = st.floats() | st.integers() | st.booleans() | st.none() | st.text(max_size=5)
LOCATIONS = (
    st.fixed_dictionaries(
        {"lat": st.floats(-90, 90), "lon": st.floats(-180, 180)},
        optional={"accuracy": JSON_VALUES},
    )
    | st.fixed_dictionaries({}, optional={"lat": NUMBERS, "lon": NUMBERS})
    | JSON_VALUES
)
LOCALES = st.sampled_from(["de-DE", "ar", "uk-UA", "fa", "xx", "", "x" * 36]) | JSON_VALUES
VALID_LOCALES = st.sampled_from(["de-DE", "ar", "uk-UA", "fa-IR", "en", "xx", "", "tr_TR"])
VALID_KINDS = {
    "text": st.text(min_size=1, max_size=40) | st.sampled_from(INJECTIONS) | LONG_TEXTS,
    "payload": PAYLOADS,
    "location": st.fixed_dictionaries({"lat": st.floats(-90, 90), "lon": st.floats(-180, 180)}),
}
BODIES = st.one_of(
    # Well-formed requests of each kind (a few still break a rule).
    *(
        st.fixed_dictionaries(
            {"session": VALID_SESSION, kind: value}, optional={"locale": VALID_LOCALES}
        )
        for kind, value in VALID_KINDS.items()
    ),
    # The right shape with wild values.
    st.fixed_dictionaries(
        {"session": VALID_SESSION, "text": TEXTS}, optional={"locale": LOCALES, "x": JSON_VALUES}
    ),
    st.fixed_dictionaries(
        {"session": VALID_SESSION, "payload": PAYLOADS},
        optional={"locale": LOCALES, "location": LOCATIONS},
    ),
    st.fixed_dictionaries(
        {"session": SESSIONS, "location": LOCATIONS}, optional={"locale": LOCALES, "text": TEXTS}
    ),
    # Any mix of fields and values, and JSON that is not an object at all.
    st.fixed_dictionaries(
        {},
        optional={
            "session": SESSIONS,
            "text": TEXTS,
            "payload": PAYLOADS,
            "location": LOCATIONS,
            "locale": LOCALES,
        },
    ),
    JSON_VALUES,
)


def visible(text: str) -> str:
    """What is left of a message once control characters and lone surrogates are dropped."""
    return "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\n\t"
    ).strip()


def is_coordinate(value: Any, bound: float) -> bool:
    """A JSON number (not a boolean) within ±bound."""
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and -bound <= value <= bound
    )


def expected_statuses(body: Any, data: bytes) -> set[int]:
    """The statuses the contract allows for a body; {503} marks a valid message (Rasa is down)."""
    if len(data) > MAX_BODY:
        return {413}
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return {400}
    if not isinstance(body, dict):
        return {400}
    problems: set[int] = set()
    session = body.get("session")  # none at all: the server issues one (DESIGN.md)
    if "session" in body and (not isinstance(session, str) or not SESSION.fullmatch(session)):
        problems.add(400)
    given_kinds = [kind for kind in KINDS if body.get(kind) is not None]
    locale = body.get("locale")
    if locale is not None and (not isinstance(locale, str) or len(locale) > 35):
        problems.add(400)
    if len(given_kinds) != 1:
        problems.add(400)
    for kind in given_kinds:
        value = body[kind]
        if kind == "location":
            ok = isinstance(value, dict) and all(
                is_coordinate(value.get(axis), bound) for axis, bound in (("lat", 90), ("lon", 180))
            )
            if not ok:
                problems.add(400)
        elif not isinstance(value, str):
            problems.add(400)
        elif len(value) > MAX_TEXT:
            problems.add(413)
        elif not visible(value) or (kind == "payload" and not visible(value).startswith("/")):
            problems.add(400)
    if not problems:
        return {503}
    return problems


@settings(
    max_examples=10_000,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(body=BODIES, ascii_only=st.booleans())
async def test_random_payloads_never_5xx(offline: TestClient, body: Any, ascii_only: bool) -> None:
    """10,000 random bodies: 503 with a reply when valid (Rasa down), else 4xx."""
    data = json.dumps(body, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    status, reply, _ = await post(offline, data)
    allowed = expected_statuses(body, data)
    assert status in allowed, (status, reply)
    if status == 503:  # "can't look up offers right now", in the hinted language or German
        locale = body.get("locale")
        assert_messages(reply, normalize_language(locale) or FALLBACK_LANGUAGE)
    else:
        assert_rejected(status, reply, tuple(allowed))
