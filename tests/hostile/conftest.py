"""Gateways for the hostile-input tests of POST /api/chat, in process, on the real stack."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests.stack import Stack, free_port


def open_settings(stack: Stack, rasa_port: int) -> Settings:
    """Settings for an in-process gateway on the real stack's ports, rate limits out of the way."""
    return Settings(
        rasa_port=rasa_port,
        action_port=stack.settings.action_port,
        tracker_db=stack.settings.tracker_db,
        session_per_minute=1_000_000,
        client_per_minute=1_000_000,
        rasa_timeout=30.0,
    )


@pytest.fixture
async def live(aiohttp_client: Any, stack: Stack) -> TestClient:
    """A gateway talking to the real stack's Rasa server and action server."""
    return await aiohttp_client(create_app(open_settings(stack, stack.settings.rasa_port)))


@pytest.fixture
async def offline(aiohttp_client: Any, stack: Stack) -> TestClient:
    """A gateway whose Rasa port is unreachable: every valid message gets 503 at once."""
    return await aiohttp_client(create_app(open_settings(stack, free_port())))
