"""Building the Telegram application: handlers, command menus per language, polling or webhook."""

from __future__ import annotations

from telegram import BotCommand
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.assistant import Assistant
from bot.settings import Settings
from bot.telegram import handlers
from bot.telegram.processing import PerChatUpdateProcessor
from bot.telegram.render import ui
from services_catalog.languages import SUPPORTED_LANGUAGES

COMMANDS = (
    ("start", "command_start"),
    ("help", "command_help"),
    ("language", "command_language"),
    ("forget", "command_forget"),
)


def build_application(settings: Settings, assistant: Assistant) -> Application:  # type: ignore[type-arg]
    """The python-telegram-bot Application (not started). Private chats only: in groups the
    bot stays silent, so that nobody's needs are shown to others."""
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .concurrent_updates(PerChatUpdateProcessor())  # one slow chat does not stall others
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if settings.telegram_webhook_url:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data[handlers.ASSISTANT] = assistant
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("start", handlers.on_start, filters=private))
    application.add_handler(CommandHandler("help", handlers.on_help, filters=private))
    application.add_handler(CommandHandler("language", handlers.on_language, filters=private))
    application.add_handler(CommandHandler("forget", handlers.on_forget, filters=private))
    application.add_handler(MessageHandler(private & filters.LOCATION, handlers.on_location))
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.UpdateType.EDITED, handlers.on_text)
    )
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    media = (
        filters.PHOTO
        | filters.VOICE
        | filters.AUDIO
        | filters.VIDEO
        | filters.VIDEO_NOTE
        | filters.Sticker.ALL
        | filters.Document.ALL
        | filters.CONTACT
    )
    application.add_handler(
        MessageHandler(private & media & ~filters.UpdateType.EDITED, handlers.on_media)
    )
    application.add_error_handler(handlers.on_error)
    return application


async def set_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The command menu in every supported language (German without a language code)."""
    for lang in (None, *SUPPORTED_LANGUAGES):
        texts = [BotCommand(name, ui(lang or "de", key)) for name, key in COMMANDS]
        await application.bot.set_my_commands(texts, language_code=lang)
