"""Deleting conversations from Rasa's SQL tracker store (SQLite or PostgreSQL, the `events`
table Rasa's SQLTrackerStore writes): on request (/forget, DELETE /api/chat/{session}) and
after the retention period (`python -m bot.privacy expire`). Both report what they deleted."""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from services_catalog.settings import redacted_url

DEFAULT_RETENTION_DAYS = 30


class TrackerStoreUnavailable(Exception):
    """The tracker store could not be reached or refused the deletion."""


@dataclass(frozen=True)
class Expired:
    """What the retention job deleted."""

    conversations: int
    events: int


def tracker_url(store: str) -> str:
    """A SQLAlchemy URL for a tracker store given as a URL or as a SQLite file's path."""
    return store if "://" in store else f"sqlite:///{Path(store).resolve()}"


@cache
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return sa.create_engine(url, connect_args={"timeout": 30}, poolclass=sa.pool.NullPool)
    return sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2)


def _events(engine: Engine) -> sa.Table | None:
    """Rasa's events table, or None while Rasa has stored nothing yet."""
    if not sa.inspect(engine).has_table("events"):
        return None
    meta = sa.MetaData()
    return sa.Table(
        "events",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String),
        sa.Column("timestamp", sa.Float),
    )


def _sqlite_file_missing(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists()


def delete_conversation(store: str, sender_id: str) -> int:
    """Delete every stored event of one conversation; returns how many were deleted."""
    url = tracker_url(store)
    if _sqlite_file_missing(url):
        return 0
    try:
        engine = _engine(url)
        events = _events(engine)
        if events is None:
            return 0
        with engine.begin() as conn:
            deleted = conn.execute(events.delete().where(events.c.sender_id == sender_id))
        return int(deleted.rowcount or 0)
    except sa.exc.SQLAlchemyError as exc:
        raise TrackerStoreUnavailable(type(exc).__name__) from exc


def expire_conversations(
    store: str, days: float = DEFAULT_RETENTION_DAYS, now: float | None = None
) -> Expired:
    """Delete conversations whose last event is older than `days`."""
    url = tracker_url(store)
    if _sqlite_file_missing(url):
        return Expired(0, 0)
    cutoff = (time.time() if now is None else now) - days * 86400
    try:
        engine = _engine(url)
        events = _events(engine)
        if events is None:
            return Expired(0, 0)
        with engine.begin() as conn:
            stale = (
                sa.select(events.c.sender_id)
                .group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) < cutoff)
            )
            senders = [row[0] for row in conn.execute(stale)]
            deleted = 0
            for start in range(0, len(senders), 500):
                batch = senders[start : start + 500]
                result = conn.execute(events.delete().where(events.c.sender_id.in_(batch)))
                deleted += int(result.rowcount or 0)
    except sa.exc.SQLAlchemyError as exc:
        raise TrackerStoreUnavailable(type(exc).__name__) from exc
    return Expired(len(senders), deleted)


def main() -> int:
    """`python -m bot.privacy expire [--days N] [--db URL-OR-PATH]`."""
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    expire = sub.add_parser("expire", help="delete conversations older than the retention period")
    settings = Settings.from_env()
    expire.add_argument("--days", type=float, default=settings.retention_days)
    expire.add_argument(
        "--db", default=settings.tracker_store_url, help="tracker store: SQLAlchemy URL or file"
    )
    args = parser.parse_args()
    where = redacted_url(tracker_url(args.db))
    try:
        expired = expire_conversations(args.db, args.days)
    except TrackerStoreUnavailable as exc:
        print("error: could not delete from", where, "-", exc)
        return 1
    print(
        f"deleted {expired.conversations} conversation(s), {expired.events} event(s) "
        f"older than {args.days:g} days from {where}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
