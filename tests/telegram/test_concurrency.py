"""Telegram under load: chats are answered concurrently, one chat's flood-control wait
delays only that chat, a chat's messages are answered in order, none lost or sent twice."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.telegram.processing import PerChatUpdateProcessor
from tests.fakes.bot_api import FakeBotApi
from tests.telegram.conftest import Chat

FLOOD_WAIT = 12  # seconds Telegram tells the throttled chat to wait (far above a reply)


def text_update(chat: Chat, text: str) -> Update:
    data = {"update_id": int(time.monotonic() * 1e6), "message": chat._message(text=text)}
    return Update.de_json(data, chat.app.bot)


async def answered(fake: FakeBotApi, chat: Chat, count: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while len(to(fake, chat)) < count:
        assert time.monotonic() < deadline, "not answered in time"
        await asyncio.sleep(0.05)


def to(fake: FakeBotApi, chat: Chat) -> list[dict[str, Any]]:
    return [params for params in fake.sent() if int(params["chat_id"]) == chat.chat_id]


async def test_a_throttled_chat_does_not_delay_another(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    throttled, other = Chat(application), Chat(application)
    fake.fail_next("sendMessage", 429, chat_id=throttled.chat_id, retry_after=FLOOD_WAIT)
    await application.start()  # the update queue and the processor, as polling/webhook use
    try:
        await application.update_queue.put(text_update(throttled, "Hallo"))
        await application.update_queue.put(
            text_update(throttled, "Ich suche einen Deutschkurs in Döbeln")
        )
        await application.update_queue.put(text_update(other, "Hallo"))
        await answered(fake, other, 1)
        # the other chat got its answer while the throttled one was still waiting
        assert to(fake, throttled) == []
        await answered(fake, throttled, 2)
        await asyncio.sleep(0.5)  # nothing more comes: no duplicates
    finally:
        await application.stop()
    greeting, offers = to(fake, throttled)
    assert "Döbeln" not in greeting["text"] and "Döbeln" in offers["text"]  # in order
    assert len(to(fake, throttled)) == 2 and len(to(fake, other)) == 1


async def test_one_chat_is_processed_in_order_and_chats_in_parallel() -> None:
    processor = PerChatUpdateProcessor()
    order: list[str] = []

    async def handle(name: str, seconds: float) -> None:
        order.append(f"{name} start")
        await asyncio.sleep(seconds)
        order.append(f"{name} end")

    def update(chat_id: int) -> Update:
        data = {
            "update_id": chat_id,
            "message": {"message_id": 1, "date": 0, "chat": {"id": chat_id, "type": "private"}},
        }
        return Update.de_json(data, None)

    await asyncio.gather(
        processor.process_update(update(1), handle("a1", 0.3)),
        processor.process_update(update(1), handle("a2", 0.0)),
        processor.process_update(update(2), handle("b1", 0.0)),
    )
    assert order.index("a1 end") < order.index("a2 start")  # one chat: in order
    assert order.index("b1 end") < order.index("a1 end")  # another chat: not held up
