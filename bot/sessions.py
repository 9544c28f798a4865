"""Chat API sessions: ids the server issues, mapped to conversations of the web namespace.

A session id is a bearer secret held by one web client. The gateway never passes it to Rasa
as it is: the conversation key is `web-` + HMAC(server secret, id), so an id such as
`tg-12345` sent by a web client names an empty web conversation, not the Telegram chat
12345 (Telegram conversations are `tg-<chat id>`, made only by the Telegram handlers), and
the raw ids never leave the gateway (not in Rasa's tracker store, not in its logs). The
mapping needs no state: every gateway of one installation with the same secret agrees.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

SESSION = re.compile(r"[A-Za-z0-9_-]{1,64}")  # used with fullmatch
WEB_PREFIX = "web-"


class WebSessions:
    """Issues session ids and maps them to conversation keys of the web namespace."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @staticmethod
    def issue() -> str:
        """A new unguessable session id (192 random bits, 32 URL-safe characters)."""
        return secrets.token_urlsafe(24)

    def conversation(self, session: str) -> str:
        """The conversation key of a client's session id (never a Telegram conversation)."""
        digest = hmac.new(self._secret, session.encode("utf-8"), hashlib.sha256).hexdigest()
        return WEB_PREFIX + digest[:40]
