"""Talking to the Rasa server (REST channel) and checking the health of Rasa and the actions."""

from __future__ import annotations

import asyncio
import zlib
from typing import Any

import aiohttp


class RasaUnavailable(Exception):
    """Rasa did not answer (down, starting, overloaded or failing)."""


class RasaClient:
    """A thin client for Rasa's REST webhook, /status and the action server's /health."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        rasa_url: str | list[str],
        action_url: str,
        timeout: float,
        token: str = "",
    ) -> None:
        self.session = session
        # Rasa's HTTP API (/status, /conversations) wants its --auth-token as ?token=.
        self._auth = {"token": token} if token else {}
        urls = [rasa_url] if isinstance(rasa_url, str) else rasa_url
        self.rasa_urls = [url.rstrip("/") for url in urls]
        self.action_url = action_url.rstrip("/")
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    def rasa_for(self, sender: str) -> str:
        """The Rasa instance of a conversation. With several instances (scale-out, or more
        Rasa processes on one machine) a conversation always goes to the same one, so its
        turns are handled in order by one process, and the instances share the work."""
        return self.rasa_urls[zlib.crc32(sender.encode("utf-8")) % len(self.rasa_urls)]

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The bot's messages for one user message, as Rasa's REST channel returns them."""
        body = {"sender": sender, "message": message, "metadata": metadata}
        try:
            async with self.session.post(
                f"{self.rasa_for(sender)}/webhooks/rest/webhook", json=body, timeout=self.timeout
            ) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
                data = await response.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        if not isinstance(data, list):
            raise RasaUnavailable("unexpected answer from Rasa")
        return [item for item in data if isinstance(item, dict)]

    async def delete_conversation(self, sender: str) -> None:
        """Replace a conversation's events with a fresh start (Rasa's HTTP API)."""
        try:
            async with self.session.put(
                f"{self.rasa_for(sender)}/conversations/{sender}/tracker/events",
                json=[],
                params=self._auth,
                timeout=self.timeout,
            ) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise RasaUnavailable(type(exc).__name__) from exc

    async def rasa_ready(self) -> bool:
        """True when every Rasa instance answers with a loaded model."""
        for url in self.rasa_urls:
            if not await self._ok(
                f"{url}/status", lambda data: bool(data.get("model_file")), self._auth
            ):
                return False
        return True

    async def actions_ready(self) -> bool:
        """True when the action server answers its health check."""
        return await self._ok(f"{self.action_url}/health", lambda data: data.get("status") == "ok")

    async def _ok(self, url: str, check: Any, params: dict[str, str] | None = None) -> bool:
        try:
            async with self.session.get(
                url, params=params or {}, timeout=aiohttp.ClientTimeout(total=3)
            ) as response:
                return response.status == 200 and bool(check(await response.json()))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return False


def merge_messages(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join what Rasa's REST channel sends apart: it splits a text at blank lines into
    several messages and sends the `custom` part (language, offers) after its text."""
    merged: list[dict[str, Any]] = []
    open_entry: dict[str, Any] | None = None  # text seen, its custom part not yet
    for item in items:
        custom = item.get("custom")
        text = item.get("text") or ""
        buttons = item.get("buttons") or []
        if isinstance(custom, dict):
            if open_entry is None:
                open_entry = {"text": "", "buttons": []}
                merged.append(open_entry)
            open_entry["custom"] = custom
            open_entry = None
            continue
        if open_entry is not None and not open_entry["buttons"]:
            open_entry["text"] = f"{open_entry['text']}\n\n{text}" if open_entry["text"] else text
            open_entry["buttons"] = buttons
            continue
        open_entry = {"text": text, "buttons": buttons}
        merged.append(open_entry)
    return merged
