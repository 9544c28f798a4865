"""Joining the pieces Rasa's REST channel sends back into whole replies."""

from __future__ import annotations

from typing import Any

from bot.rasa_client import merge_messages


def test_split_text_and_custom_become_one_reply() -> None:
    items: list[dict[str, Any]] = [
        {"recipient_id": "s", "text": "first paragraph"},
        {"recipient_id": "s", "text": "second", "buttons": [{"title": "A", "payload": "/a"}]},
        {"recipient_id": "s", "custom": {"lang": "uk"}},
        {"recipient_id": "s", "text": "next reply"},
        {"recipient_id": "s", "custom": {"lang": "uk", "offers": []}},
    ]
    assert merge_messages(items) == [
        {
            "text": "first paragraph\n\nsecond",
            "buttons": [{"title": "A", "payload": "/a"}],
            "custom": {"lang": "uk"},
        },
        {"text": "next reply", "buttons": [], "custom": {"lang": "uk", "offers": []}},
    ]


def test_custom_only_and_text_only() -> None:
    assert merge_messages([{"custom": {"lang": "de"}}]) == [
        {"text": "", "buttons": [], "custom": {"lang": "de"}}
    ]
    assert merge_messages([{"text": "a"}, {"text": "b"}]) == [{"text": "a\n\nb", "buttons": []}]


async def test_several_rasa_instances_share_conversations_each_sticks_to_one() -> None:
    import aiohttp

    from bot.rasa_client import RasaClient

    async with aiohttp.ClientSession() as session:
        client = RasaClient(
            session, ["http://127.0.0.1:1", "http://127.0.0.1:2/"], "http://127.0.0.1:3", 5
        )
        senders = [f"web-{n}" for n in range(200)]
        chosen = {sender: client.rasa_for(sender) for sender in senders}
        assert all(client.rasa_for(sender) == url for sender, url in chosen.items())  # sticky
        shares = [list(chosen.values()).count(url) for url in client.rasa_urls]
        assert client.rasa_urls == ["http://127.0.0.1:1", "http://127.0.0.1:2"]
        assert min(shares) > 60  # both instances get a fair share of the conversations
