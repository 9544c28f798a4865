"""Deleting conversations from Rasa's SQL tracker store: on request (/forget, DELETE
/api/chat/{session}) and after the retention period (`python -m bot.privacy expire`)."""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

DEFAULT_RETENTION_DAYS = 30


def _connect(tracker_db: str) -> sqlite3.Connection | None:
    path = Path(tracker_db)
    if not path.exists():
        return None
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


def delete_conversation(tracker_db: str, sender_id: str) -> int:
    """Delete every stored event of one conversation; returns how many were deleted."""
    connection = _connect(tracker_db)
    if connection is None:
        return 0
    with connection:
        try:
            deleted = connection.execute(
                "DELETE FROM events WHERE sender_id = ?", (sender_id,)
            ).rowcount
        except sqlite3.OperationalError:  # no events table yet: nothing stored
            deleted = 0
    connection.close()
    return int(deleted)


def expire_conversations(
    tracker_db: str, days: float = DEFAULT_RETENTION_DAYS, now: float | None = None
) -> int:
    """Delete conversations whose last event is older than `days`; returns how many."""
    connection = _connect(tracker_db)
    if connection is None:
        return 0
    cutoff = (time.time() if now is None else now) - days * 86400
    with connection:
        try:
            senders = [
                row[0]
                for row in connection.execute(
                    "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < ?",
                    (cutoff,),
                )
            ]
            for sender in senders:
                connection.execute("DELETE FROM events WHERE sender_id = ?", (sender,))
        except sqlite3.OperationalError:
            senders = []
    connection.close()
    return len(senders)


def main() -> None:
    """`python -m bot.privacy expire [--days N] [--db PATH]`."""
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    expire = sub.add_parser("expire", help="delete conversations older than the retention period")
    settings = Settings.from_env()
    expire.add_argument("--days", type=float, default=settings.retention_days)
    expire.add_argument("--db", default=settings.tracker_db)
    args = parser.parse_args()
    print(f"deleted {expire_conversations(args.db, args.days)} conversation(s)")


if __name__ == "__main__":
    main()
