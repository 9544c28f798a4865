"""Rasa's NLG callback, served apart from the public gateway, renders like the in-process NLG."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from bot.nlg_endpoint import create_nlg_app
from bot.replies import render


async def test_nlg_callback_renders_like_the_in_process_nlg(aiohttp_client: Any) -> None:
    client: TestClient = await aiohttp_client(create_nlg_app())
    body = {
        "response": "utter_ask_place",
        "arguments": {"lang": "uk", "data": {"category": "health_care"}},
        "tracker": {"slots": {"language": "de"}},
        "channel": {"name": "rest"},
    }
    response = await client.post("/nlg", json=body)
    assert await response.json() == render("utter_ask_place", "uk", {"category": "health_care"})
