"""Rasa's NLG callback, served apart from the public gateway, renders like the in-process NLG."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.nlg import GettextNLG
from bot.nlg_endpoint import create_nlg_app
from bot.replies import render
from services_catalog.languages import FALLBACK_LANGUAGE


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


class SlotTracker:
    """The one thing the in-process NLG reads from a tracker: a slot."""

    def __init__(self, slots: dict[str, Any]) -> None:
        self.slots = slots

    def get_slot(self, name: str) -> Any:
        return self.slots.get(name)


@pytest.mark.parametrize(
    ("arguments", "slots", "lang"),
    [
        ({"lang": "uk", "data": {"category": "health_care"}}, {"language": "ar"}, "uk"),
        ({"data": {"category": "health_care"}}, {"language": "ar"}, "ar"),
        ({"data": {"category": "health_care"}}, {}, FALLBACK_LANGUAGE),
        ({"lang": "fa", "data": "not a dict"}, {}, "fa"),
    ],
)
async def test_both_nlgs_choose_the_same_language(
    aiohttp_client: Any, arguments: dict[str, Any], slots: dict[str, Any], lang: str
) -> None:
    """The action's language, else the conversation's, else the fallback: in both NLGs."""
    client: TestClient = await aiohttp_client(create_nlg_app())
    body = {"response": "utter_ask_place", "arguments": arguments, "tracker": {"slots": slots}}
    over_http = await (await client.post("/nlg", json=body)).json()
    in_process = await GettextNLG().generate(
        "utter_ask_place", SlotTracker(slots), "rest", **arguments
    )
    assert over_http == in_process
    assert over_http["custom"]["lang"] == lang


async def test_both_nlgs_answer_nothing_for_an_unknown_response(aiohttp_client: Any) -> None:
    client: TestClient = await aiohttp_client(create_nlg_app())
    body = {"response": "utter_nonexistent", "arguments": {}, "tracker": {"slots": {}}}
    assert await (await client.post("/nlg", json=body)).json() == {"text": None}
    assert await GettextNLG().generate("utter_nonexistent", SlotTracker({}), "rest") is None
