"""Typed keys of what the gateway app holds."""

from __future__ import annotations

from aiohttp import web

from bot.assistant import Assistant
from bot.rasa_client import RasaClient
from bot.ratelimit import RateLimiter
from bot.sessions import WebSessions
from bot.settings import Settings

SETTINGS_KEY = web.AppKey("settings", Settings)
RASA_KEY = web.AppKey("rasa", RasaClient)
LIMITS_KEY = web.AppKey("limits", dict[str, RateLimiter])
ASSISTANT_KEY = web.AppKey("assistant", Assistant)
SESSIONS_KEY = web.AppKey("sessions", WebSessions)
