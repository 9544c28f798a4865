"""The real python-telegram-bot Application against the fake Bot API server and the real stack."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.assistant import Assistant
from bot.rasa_client import RasaClient
from bot.settings import Settings
from bot.telegram.app import build_application
from tests.fakes.bot_api import FakeBotApi
from tests.stack import Stack, free_port

_ids = itertools.count(1000)


@pytest.fixture
async def bot_api() -> AsyncIterator[tuple[FakeBotApi, str]]:
    fake = FakeBotApi()
    runner = web.AppRunner(fake.app())
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield fake, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def telegram_settings(stack: Stack, api_url: str, **changes: Any) -> Settings:
    return Settings(
        port=stack.settings.port,
        rasa_port=stack.settings.rasa_port,
        action_port=stack.settings.action_port,
        tracker_db=stack.settings.tracker_db,
        telegram_token="123456:TEST-TOKEN",
        telegram_api_base_url=api_url,
        **changes,
    )


@pytest.fixture
async def application(stack: Stack, bot_api: tuple[FakeBotApi, str]) -> AsyncIterator[Application]:
    _, url = bot_api
    settings = telegram_settings(stack, url)
    async with aiohttp.ClientSession() as session:
        assistant = Assistant(
            RasaClient(session, settings.rasa_url, settings.action_url, 30), settings.tracker_db
        )
        app = build_application(settings, assistant)
        await app.initialize()
        yield app
        await app.shutdown()


class Chat:
    """Builds updates of one private chat, as Telegram would send them."""

    def __init__(self, app: Application, language_code: str = "de") -> None:
        self.app = app
        self.chat_id = next(_ids)
        self.user = {
            "id": self.chat_id,
            "is_bot": False,
            "first_name": "Test",
            "language_code": language_code,
        }

    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": {"id": self.chat_id, "type": "private"},
            "from": self.user,
            **content,
        }

    async def send(self, **content: Any) -> None:
        update = {"update_id": next(_ids), "message": self._message(**content)}
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def text(self, text: str) -> None:
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/")
            else []
        )
        await self.send(text=text, entities=entities)

    async def press(self, payload: str) -> None:
        update = {
            "update_id": next(_ids),
            "callback_query": {
                "id": str(next(_ids)),
                "from": self.user,
                "chat_instance": "ci",
                "data": payload,
                "message": self._message(text="(buttons)"),
            },
        }
        await self.app.process_update(Update.de_json(update, self.app.bot))
