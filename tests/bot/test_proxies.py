"""The client address behind a reverse proxy, and the web session namespace."""

from __future__ import annotations

import pytest

from bot.proxies import client_address
from bot.sessions import WebSessions
from bot.settings import Settings, parse_networks

PROXIES = parse_networks("127.0.0.1, 10.0.0.0/8, ::1")


def test_forwarded_for_counts_only_from_a_trusted_peer() -> None:
    assert client_address("203.0.113.9", ["198.51.100.1"], PROXIES) == "203.0.113.9"
    assert client_address("127.0.0.1", ["198.51.100.1"], PROXIES) == "198.51.100.1"
    assert client_address("127.0.0.1", [], PROXIES) == "127.0.0.1"
    assert client_address("198.51.100.1", ["1.2.3.4"], ()) == "198.51.100.1"  # none trusted


def test_the_nearest_untrusted_hop_wins_over_what_the_client_wrote() -> None:
    # The client wrote "6.6.6.6" itself; the proxy chain appended the real address.
    chain = ["6.6.6.6, 203.0.113.7, 10.1.2.3"]
    assert client_address("127.0.0.1", chain, PROXIES) == "203.0.113.7"
    assert client_address("::1", ["2001:db8::5"], PROXIES) == "2001:db8::5"
    assert client_address("127.0.0.1", ["not-an-address"], PROXIES) == "127.0.0.1"


def test_bad_trusted_proxies_setting_names_the_variable() -> None:
    with pytest.raises(SystemExit, match="TRUSTED_PROXIES"):
        Settings.from_env({"TRUSTED_PROXIES": "10.0.0.0/8, proxy.example"})


def test_web_sessions_never_name_a_telegram_conversation() -> None:
    sessions = WebSessions(b"secret")
    key = sessions.conversation("tg-12345")
    assert key.startswith("web-") and "12345" not in key
    assert sessions.conversation("tg-12345") == key  # stable: the conversation continues
    assert WebSessions(b"other secret").conversation("tg-12345") != key
    assert sessions.issue() != sessions.issue()


def test_one_session_secret_for_every_gateway_of_an_installation() -> None:
    one = Settings.from_env({"ADMIN_SECRET_KEY": "k"}).session_secret()
    assert one == Settings.from_env({"ADMIN_SECRET_KEY": "k"}).session_secret()
    own = Settings.from_env({"ADMIN_SECRET_KEY": "k", "CHAT_SESSION_SECRET": "s"})
    assert own.session_secret() == b"s" != one
