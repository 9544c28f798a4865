"""Telegram: /start ar, a need + place with an offer card, the location flow, /forget, media,
webhook secrets, flood control and errors: the real Application, a fake Bot API, the real stack."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from telegram.ext import Application

from bot.app import create_app
from bot.assistant import Assistant
from bot.rasa_client import RasaClient
from bot.telegram.app import build_application, set_commands
from bot.telegram.render import split_html
from services_catalog.languages import SUPPORTED_LANGUAGES
from tests.fakes.bot_api import FakeBotApi
from tests.stack import Stack
from tests.telegram.conftest import Chat, telegram_settings

ARABIC = set("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
PASHTO_ONLY = set("ټډړږښګڼېۍځڅ")
ETHIOPIC = {chr(code) for code in range(0x1200, 0x1380)}


def events_of(tracker_db: str, sender: str) -> int:
    with sqlite3.connect(tracker_db) as connection:
        return int(
            connection.execute(
                "SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)
            ).fetchone()[0]
        )


async def test_start_with_arabic_deep_link(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="de")
    await chat.text("/start ar")
    sent = fake.sent()
    assert sent and sent[0]["parse_mode"] == "HTML"
    assert ARABIC & set(sent[0]["text"])  # greeted in Arabic although Telegram says German
    buttons = sent[0]["reply_markup"]["inline_keyboard"]
    assert len([b for row in buttons for b in row]) == 13


@pytest.mark.parametrize(("lang", "letters"), [("ps", PASHTO_ONLY), ("ti", ETHIOPIC)])
async def test_start_with_a_pashto_or_tigrinya_deep_link(
    application: Application, bot_api: tuple[FakeBotApi, str], lang: str, letters: set[str]
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="de")
    await chat.text(f"/start {lang}")
    sent = fake.sent()
    assert sent and sent[0]["parse_mode"] == "HTML"
    assert letters & set(sent[0]["text"]), sent[0]["text"]  # Pashto's own letters / Ge'ez
    buttons = [b for row in sent[0]["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 13
    assert all(letters & set(b["text"]) or b["text"].isascii() for b in buttons[:3])


async def test_command_menu_in_every_language(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    await set_commands(application)
    menus = fake.sent("setMyCommands")
    assert len(menus) == len(SUPPORTED_LANGUAGES) + 1  # one per language and a default
    ukrainian = next(m for m in menus if m.get("language_code") == "uk")
    assert [c["command"] for c in ukrainian["commands"]] == ["start", "help", "language", "forget"]
    assert ukrainian["commands"][3]["description"] != "Delete our conversation"


async def test_need_and_place_gives_an_offer_card(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="de")
    await chat.text("Ich suche einen Deutschkurs in Döbeln")
    card = fake.sent()[-1]
    assert "<b>" in card["text"] and "Döbeln" in card["text"]
    assert "openstreetmap.org" in card["text"]
    payloads = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert "/feedback_positive" in payloads
    await chat.press("/feedback_positive")  # an inline button goes to the assistant
    assert fake.sent("answerCallbackQuery")
    assert len(fake.sent()) == 2


async def test_location_button_flow(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="en")
    await chat.text("I need a doctor")
    ask = fake.sent()[-1]
    button = ask["reply_markup"]["keyboard"][0][0]
    assert button["request_location"] is True
    await chat.send(location={"latitude": 50.9166, "longitude": 13.3412})
    answer = fake.sent()[-1]
    assert "<b>" in answer["text"]
    assert (
        answer["reply_markup"] == {"remove_keyboard": True}
        or "inline_keyboard" in answer["reply_markup"]
    )


async def test_forget_deletes_the_conversation(
    application: Application, bot_api: tuple[FakeBotApi, str], stack: Stack
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="uk")
    await chat.text("мені потрібен лікар у Фрайберзі")
    sender = f"tg-{chat.chat_id}"
    assert events_of(stack.settings.tracker_db, sender) > 0
    await chat.text("/forget")
    assert events_of(stack.settings.tracker_db, sender) == 0
    assert "видал" in fake.sent()[-1]["text"].lower()  # said so, in Ukrainian


async def test_forget_never_says_deleted_when_the_store_is_unreachable(
    bot_api: tuple[FakeBotApi, str], stack: Stack
) -> None:
    fake, url = bot_api
    settings = telegram_settings(stack, url)
    async with aiohttp.ClientSession() as session:
        rasa = RasaClient(session, settings.rasa_url, settings.action_url, 30)
        unreachable = "postgresql://nobody@127.0.0.1:1/tracker"  # nothing listens on port 1
        app = build_application(settings, Assistant(rasa, unreachable))
        await app.initialize()
        try:
            await Chat(app, language_code="uk").text("/forget")
        finally:
            await app.shutdown()
    reply = fake.sent()[-1]["text"].lower()
    assert "видал" not in reply and "112" in reply  # the "unavailable" reply instead


async def test_sticker_and_photo_get_a_polite_answer(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="pl")
    sticker = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    await chat.send(sticker=sticker)
    await chat.send(
        photo=[{"file_id": "p1", "file_unique_id": "u2", "width": 10, "height": 10}],
        caption="x" * 1024,
    )
    replies = fake.sent()[-2:]
    assert len(replies) == 2
    assert all("tekst" in r["text"].lower() or "wiadomo" in r["text"].lower() for r in replies)


async def test_flood_control_and_bad_gateway_lose_nothing_and_send_once(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    chat = Chat(application, language_code="de")
    fake.fail_next("sendMessage", 429, retry_after=1)
    fake.fail_next("sendMessage", 502)
    await chat.text("Hallo")
    assert len(fake.sent()) == 1


async def test_unknown_and_edited_updates_are_ignored(
    application: Application, bot_api: tuple[FakeBotApi, str]
) -> None:
    from telegram import Update

    fake, _ = bot_api
    chat = Chat(application)
    await application.process_update(Update.de_json({"update_id": 1}, application.bot))
    edited = {"update_id": 3, "edited_message": chat._message(text="bearbeitet", edit_date=1)}
    await application.process_update(Update.de_json(edited, application.bot))
    assert fake.sent() == []


@pytest.fixture
async def webhook_client(
    aiohttp_client: Any, stack: Stack, bot_api: tuple[FakeBotApi, str]
) -> TestClient:
    _, url = bot_api
    settings = telegram_settings(
        stack,
        url,
        telegram_webhook_url="https://example.org/telegram/webhook",
        telegram_webhook_secret="s3cret-token",
    )
    return await aiohttp_client(create_app(settings))


async def test_webhook_rejects_a_wrong_secret(
    webhook_client: TestClient, bot_api: tuple[FakeBotApi, str]
) -> None:
    fake, _ = bot_api
    assert fake.sent("setWebhook")[0]["secret_token"] == "s3cret-token"
    update = {
        "update_id": 77,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 5, "type": "private"},
            "text": "Hallo",
        },
    }
    wrong = await webhook_client.post(
        "/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
    )
    assert wrong.status == 403
    missing = await webhook_client.post("/telegram/webhook", json=update)
    assert missing.status == 403
    right = await webhook_client.post(
        "/telegram/webhook",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"},
    )
    assert right.status == 200  # acknowledged at once; answered by the update processor
    for _ in range(600):
        if fake.sent():
            break
        await asyncio.sleep(0.05)
    assert fake.sent()  # answered
    for broken in (
        b"{not json",
        b'{"update_id": 5, "poll": {"id": "p"}}',
        b'{"update_id": 6, "message": {"text": 1}}',
    ):
        response = await webhook_client.post(
            "/telegram/webhook",
            data=broken,
            headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"},
        )
        assert response.status in (200, 400)


def test_long_replies_are_split_safely() -> None:
    paragraphs = [f"<b>Angebot {i}</b>\n" + "Zeile &amp; mehr " * 30 for i in range(40)]
    parts = split_html(paragraphs)
    assert all(len(part) <= 4096 for part in parts)
    assert "".join(parts).count("<b>") == 40
    assert all(part.count("<b>") == part.count("</b>") for part in parts)
    huge = split_html(["x" * 10_000 + " &amp; " + "y" * 5000])
    assert all(len(part) <= 4096 for part in huge)
    assert all(not part.endswith("&am") for part in huge)
