"""Gateway behaviour that needs no conversation: rate limits, Rasa down, CORS, health."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests.stack import Stack, free_port


async def test_rate_limit_per_session_with_retry_after(aiohttp_client: Any, stack: Stack) -> None:
    settings = Settings(
        rasa_port=stack.settings.rasa_port,
        action_port=stack.settings.action_port,
        session_per_minute=2,
    )
    client: TestClient = await aiohttp_client(create_app(settings))
    for _ in range(2):
        ok = await client.post("/api/chat", json={"session": "limited", "text": "Hallo"})
        assert ok.status == 200
    limited = await client.post("/api/chat", json={"session": "limited", "text": "Hallo"})
    assert limited.status == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert "error" in await limited.json()
    other = await client.post("/api/chat", json={"session": "someone-else", "text": "Hallo"})
    assert other.status == 200


async def test_rate_limit_per_client_address(aiohttp_client: Any, stack: Stack) -> None:
    settings = Settings(
        rasa_port=stack.settings.rasa_port,
        action_port=stack.settings.action_port,
        client_per_minute=3,
    )
    client: TestClient = await aiohttp_client(create_app(settings))
    statuses = [
        (await client.post("/api/chat", json={"session": f"s{i}", "text": "Hallo"})).status
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


async def test_rasa_down_gives_503_in_the_users_language(aiohttp_client: Any) -> None:
    settings = Settings(rasa_port=free_port(), action_port=free_port())
    client: TestClient = await aiohttp_client(create_app(settings))
    response = await client.post(
        "/api/chat", json={"session": "down", "text": "مرحبا", "locale": "ar"}
    )
    assert response.status == 503
    message = (await response.json())["messages"][0]
    assert message["lang"] == "ar" and message["dir"] == "rtl"
    assert "112" in message["text"]
    health = await client.get("/healthz")
    assert health.status == 503
    assert (await health.json())["rasa"] is False


async def test_cors_preflight_and_widget_strings(aiohttp_client: Any) -> None:
    client: TestClient = await aiohttp_client(
        create_app(Settings(rasa_port=free_port(), action_port=free_port()))
    )
    preflight = await client.options(
        "/api/chat",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    strings = await (await client.get("/api/ui-strings?lang=fa")).json()
    assert strings["dir"] == "rtl" and strings["strings"]["send"] != "Send"
    assert [lang["name"] for lang in strings["languages"]][:2] == ["Deutsch", "English"]
