"""Hostile but readable text is answered: surrogates, control and bidi marks, emoji, markup."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.hostile.chat_api import (
    INJECTIONS,
    assert_messages,
    post,
    utf8,
)


async def test_lone_surrogates_around_words_are_answered(live: TestClient) -> None:
    """Lone surrogates around words (or as the hint) do not stop a real answer."""
    data = b'{"session": "surrogates", "text": "Hallo \\ud800 Deutschkurs \\udc00", "locale": "de"}'
    status, body, _ = await post(live, data)
    assert status == 200, body
    assert_messages(body, "de")
    hint = b'{"session": "surrogate-hint", "text": "Hallo", "locale": "\\ud800"}'
    status, body, _ = await post(live, hint)
    assert status == 200, body
    assert_messages(body)


async def test_control_characters_are_removed_not_fatal(live: TestClient) -> None:
    """Control characters are dropped and the need is still understood."""
    text = "\x00\x1b[31mI need a \x07German course\x7f in \x08Döbeln\x00\x9b"
    status, body, _ = await post(live, utf8({"session": "ctrl", "text": text, "locale": "en"}))
    assert status == 200, body
    messages = assert_messages(body, "en")
    assert any(offer["town"] == "Döbeln" for m in messages for offer in m["offers"]), messages


async def test_rtl_override_characters(live: TestClient) -> None:
    """Bidi override and isolate characters get a normal answer (Arabic in Arabic)."""
    text = "\u202e\u2067أحتاج دورة لغة ألمانية في دوبلن\u2069\u202c"
    status, body, _ = await post(live, utf8({"session": "rtl-override", "text": text}))
    assert status == 200, body
    assert_messages(body, "ar")
    mixed = "\u202dDeutschkurs\u202e in Döbeln\u200f\u200e"
    status, body, _ = await post(live, utf8({"session": "rtl-mixed", "text": mixed}))
    assert status == 200, body
    assert_messages(body)


async def test_emoji_only_is_answered_in_the_hinted_language(live: TestClient) -> None:
    """Emoji-only messages are answered in the widget's language."""
    for index, (text, hint) in enumerate(
        (("🙂", "uk"), ("👍👍👍", "tr"), ("🇩🇪🏫📚❓", "fa"), ("👨‍👩‍👧‍👦" * 20, "pl"))
    ):
        status, body, _ = await post(
            live, utf8({"session": f"emoji-{index}", "text": text, "locale": hint})
        )
        assert status == 200, body
        assert_messages(body, hint)


async def test_script_injection_is_never_echoed_as_html(live: TestClient) -> None:
    """Markup and template injection get a JSON answer without the markup."""
    for index, text in enumerate(INJECTIONS):
        for ascii_only in (False, True):
            status, body, raw = await post(
                live, utf8({"session": f"inject-{index}", "text": text}, ascii_only)
            )
            assert status == 200, body
            assert_messages(body)
            for marker in ("<script", "<img", "<svg", "onerror=", "onload="):
                assert marker not in raw.lower(), raw[:300]
