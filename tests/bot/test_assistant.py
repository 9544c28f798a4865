"""The assistant never answers with nothing."""

from __future__ import annotations

from typing import Any

import pytest

from bot.assistant import Assistant
from bot.rasa_client import RasaUnavailable


class _Rasa:
    """A Rasa that answers with `replies`; the action server `ready` or not."""

    def __init__(self, replies: list[dict[str, Any]], ready: bool) -> None:
        self.replies, self.ready = replies, ready

    async def send(self, session: str, text: str, metadata: dict[str, Any]) -> list[Any]:
        return self.replies

    async def actions_ready(self) -> bool:
        return self.ready


@pytest.mark.parametrize("ready", [False, True])
async def test_an_empty_reply_is_unavailable_even_once_the_actions_are_back(ready: bool) -> None:
    """Rasa answered nothing because its call to the action server failed; by the time the
    gateway asks, the supervisor may have restarted it: still "unavailable, try again"
    (the localized 503 with the emergency numbers), never an empty 200."""
    assistant = Assistant(_Rasa([], ready), "sqlite://")  # type: ignore[arg-type]
    with pytest.raises(RasaUnavailable):
        await assistant.ask("s1", "أحتاج طبيب في فرايبرغ")
