"""Telegram handlers: each translates between an update and the assistant, nothing more."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from telegram import ReplyKeyboardRemove, Update
from telegram.constants import ParseMode
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import ContextTypes

from bot.assistant import Assistant
from bot.privacy import TrackerStoreUnavailable
from bot.rasa_client import RasaUnavailable
from bot.replies import render
from bot.shaping import shape_message
from bot.telegram.render import keyboard, paragraphs, split_html, ui
from services_catalog.languages import normalize_language

log = logging.getLogger(__name__)
ASSISTANT = "assistant"  # key in application.bot_data
MAX_ATTEMPTS = 4


def session_of(update: Update) -> str:
    """The assistant session of a chat."""
    assert update.effective_chat is not None
    return f"tg-{update.effective_chat.id}"


def hint_of(update: Update) -> str | None:
    """The user's Telegram language, a hint until the language is known."""
    user = update.effective_user
    return user.language_code if user else None


def assistant_of(context: ContextTypes.DEFAULT_TYPE) -> Assistant:
    """The assistant the application was built with."""
    assistant: Assistant = context.application.bot_data[ASSISTANT]
    return assistant


async def send_with_retry(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str, markup: Any
) -> None:
    """Send one message; wait out flood control (RetryAfter) and retry connection errors.
    A timeout is not retried: the message may have arrived, and none is sent twice."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            await context.bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                disable_web_page_preview=True,
            )
            return
        except RetryAfter as flood:
            delay = flood.retry_after
            await asyncio.sleep(
                delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
            )
        except TimedOut:
            log.warning("sending timed out; not retried to avoid a duplicate")
            return
        except NetworkError:
            await asyncio.sleep(2**attempt)
    log.error("message not sent after %d attempts", MAX_ATTEMPTS)


async def deliver(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    messages: list[dict[str, Any]],
    remove_keyboard: bool = False,
) -> None:
    """Send the assistant's replies to the chat, split at Telegram's limit."""
    assert update.effective_chat is not None
    chat_id = update.effective_chat.id
    for message in messages:
        parts = split_html(paragraphs(message))
        markup: Any = keyboard(message)
        if markup is None and remove_keyboard:
            markup = ReplyKeyboardRemove()
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await send_with_retry(context, chat_id, part, markup if last else None)


async def converse(
    update: Update, context: ContextTypes.DEFAULT_TYPE, message: str, remove_keyboard: bool = False
) -> None:
    """Ask the assistant and deliver its replies (or the "unavailable" reply)."""
    assistant = assistant_of(context)
    session = session_of(update)
    try:
        replies = await assistant.ask(session, message, hint_of(update))
    except RasaUnavailable:
        replies = [assistant.unavailable(session, hint_of(update))]
    await deliver(update, context, replies, remove_keyboard)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start, optionally with a language: `/start ar` (deep link t.me/bot?start=ar)."""
    lang = normalize_language(context.args[0]) if context.args else None
    if lang:
        assistant = assistant_of(context)
        choice = "/change_language" + json.dumps({"language": lang})
        with contextlib.suppress(RasaUnavailable):  # the greeting below reports it
            await assistant.ask(session_of(update), choice)
    await converse(update, context, "/greet")


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the assistant can do."""
    await converse(update, context, "/help")


async def on_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/language: the language picker."""
    lang = assistant_of(context).language(session_of(update), hint_of(update))
    await deliver(update, context, [shape_message(render("utter_choose_language", lang))])


async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: delete the conversation and everything stored about this chat, and say so."""
    assistant = assistant_of(context)
    session = session_of(update)
    lang = assistant.language(session, hint_of(update))
    try:
        await assistant.forget(session)
    except TrackerStoreUnavailable:  # never say "deleted" when nothing was
        log.error("forgetting failed: the tracker store is unavailable")
        await deliver(update, context, [assistant.unavailable(session, hint_of(update))])
        return
    if context.chat_data is not None:
        context.chat_data.clear()
    assert update.effective_chat is not None
    await send_with_retry(
        context, update.effective_chat.id, ui(lang, "forgotten"), ReplyKeyboardRemove()
    )


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message: straight to the assistant."""
    assert update.effective_message is not None
    text = (update.effective_message.text or "").strip().lstrip("/")
    if text:
        await converse(update, context, text[:2000])


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A shared location: the assistant searches around it."""
    assert update.effective_message is not None and update.effective_message.location is not None
    location = update.effective_message.location
    payload = "/inform_place" + json.dumps({"lat": location.latitude, "lon": location.longitude})
    await converse(update, context, payload, remove_keyboard=True)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline button: its payload goes to the assistant."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if query.data:
        await converse(update, context, query.data)


async def on_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, voice notes, stickers, documents …: say politely what the bot can do."""
    lang = assistant_of(context).language(session_of(update), hint_of(update))
    await deliver(update, context, [shape_message(render("utter_media_not_supported", lang))])


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error's type only (never the message content)."""
    log.error("telegram handler failed: %s", type(context.error).__name__)
