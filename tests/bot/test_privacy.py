"""Conversations are deleted on request and after the retention period."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from bot.privacy import Expired, TrackerStoreUnavailable, delete_conversation, expire_conversations

DAY = 86400.0


def tracker_db(path: Path, events: list[tuple[str, float]]) -> str:
    """A tracker database with Rasa's events table (the columns that matter here)."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT NOT NULL,"
            " type_name TEXT, timestamp REAL, data TEXT)"
        )
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp) VALUES (?, 'user', ?)",
            events,
        )
    return str(path)


def senders(db: str) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def test_expire_deletes_only_conversations_past_retention(tmp_path: Path) -> None:
    now = time.time()
    db = tracker_db(
        tmp_path / "t.sqlite3",
        [
            ("old", now - 40 * DAY),
            ("old", now - 35 * DAY),
            ("recent", now - 40 * DAY),
            ("recent", now - 1 * DAY),
        ],
    )
    assert expire_conversations(db, days=30, now=now) == Expired(conversations=1, events=2)
    assert senders(db) == {"recent"}


def test_delete_one_conversation(tmp_path: Path) -> None:
    db = tracker_db(tmp_path / "t.sqlite3", [("a", 1.0), ("a", 2.0), ("b", 3.0)])
    assert delete_conversation(db, "a") == 2
    assert senders(db) == {"b"}
    assert delete_conversation(str(tmp_path / "missing.sqlite3"), "a") == 0


def test_a_tracker_store_url_works_like_a_path(tmp_path: Path) -> None:
    db = tracker_db(tmp_path / "t.sqlite3", [("a", 1.0), ("b", 2.0)])
    assert delete_conversation(f"sqlite:///{db}", "a") == 1
    assert senders(db) == {"b"}
    assert delete_conversation(f"sqlite:///{db}", "a") == 0  # nothing left: says so


def test_an_unreachable_store_is_an_error_not_a_success() -> None:
    unreachable = "postgresql://nobody@127.0.0.1:1/tracker"  # nothing listens on port 1
    with pytest.raises(TrackerStoreUnavailable):
        delete_conversation(unreachable, "a")
    with pytest.raises(TrackerStoreUnavailable):
        expire_conversations(unreachable, days=30)
