"""What newcomers could not find, their feedback and their handover requests, and how often
each offer was shown, for staff.

Only category, place, language, offer id and time are stored: never message text, names
or ids of users (DESIGN.md, privacy).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from services_catalog.schema import (
    demand_events,
    feedback_events,
    handover_requests,
    offers_shown,
)
from services_catalog.storage import utc_now

log = logging.getLogger(__name__)


def utc_today() -> date:
    """Today's date in UTC (the day the counters of shown offers use)."""
    return datetime.now(timezone.utc).date()


@dataclass(frozen=True)
class DemandCount:
    """How often a category was asked for at a place without a fitting offer."""

    category: str
    place_id: str
    count: int
    first_seen: str
    last_seen: str


class Records:
    """Writes and reads the anonymous records of the assistant."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def unmet_demand(self, category: str, place_id: str, lang: str) -> None:
        """Record that nothing fitted `category` near `place_id`."""
        with self.engine.begin() as conn:
            conn.execute(
                demand_events.insert().values(
                    category=category, place_id=place_id, lang=lang, created_at=utc_now()
                )
            )

    def offers_shown(self, offer_ids: Iterable[str], day: date | None = None) -> None:
        """Count one showing of each offer today. Never fails the reply that shows them: a
        database error is logged and the count is lost."""
        ids = sorted(set(offer_ids))
        if not ids:
            return
        day_text = (day or utc_today()).isoformat()
        for attempt in range(2):  # a concurrent first insert of the same row: count again
            try:
                with self.engine.begin() as conn:
                    for offer_id in ids:
                        self._count_shown(conn, offer_id, day_text)
                return
            except IntegrityError:
                if attempt:
                    log.warning("shown offers not counted: concurrent writes")
            except SQLAlchemyError as error:
                log.warning("shown offers not counted: %s", type(error).__name__)
                return

    @staticmethod
    def _count_shown(conn: Connection, offer_id: str, day: str) -> None:
        key = (offers_shown.c.offer_id == offer_id) & (offers_shown.c.day == day)
        updated = conn.execute(
            offers_shown.update().where(key).values(count=offers_shown.c.count + 1)
        )
        if not updated.rowcount:
            conn.execute(offers_shown.insert().values(offer_id=offer_id, day=day, count=1))

    def shown_counts(self, days: int = 30, today: date | None = None) -> dict[str, int]:
        """offer id → how often it was shown in the last `days` days (today included)."""
        since = ((today or utc_today()) - timedelta(days=days - 1)).isoformat()
        query = (
            sa.select(offers_shown.c.offer_id, sa.func.sum(offers_shown.c.count))
            .where(offers_shown.c.day >= since)
            .group_by(offers_shown.c.offer_id)
        )
        with self.engine.connect() as conn:
            return {offer_id: int(total) for offer_id, total in conn.execute(query)}

    def demand_by_day(
        self, days: int = 60, category: str | None = None, today: date | None = None
    ) -> list[tuple[date, int]]:
        """Unmet demand per day for the last `days` days, oldest first, days without any
        included (count 0)."""
        first = (today or utc_today()) - timedelta(days=days - 1)
        day = sa.func.substr(demand_events.c.created_at, 1, 10)
        query = (
            sa.select(day, sa.func.count())
            .where(demand_events.c.created_at >= first.isoformat())
            .group_by(day)
        )
        if category:
            query = query.where(demand_events.c.category == category)
        with self.engine.connect() as conn:
            found = {str(text): int(count) for text, count in conn.execute(query)}
        return [
            (first + timedelta(days=n), found.get((first + timedelta(days=n)).isoformat(), 0))
            for n in range(days)
        ]

    def feedback(self, category: str, lang: str, helpful: bool) -> None:
        """Record whether an answer helped."""
        with self.engine.begin() as conn:
            conn.execute(
                feedback_events.insert().values(
                    category=category, lang=lang, helpful=helpful, created_at=utc_now()
                )
            )

    def handover(self, category: str, place_id: str, lang: str) -> None:
        """Record that someone asked to talk to a person."""
        with self.engine.begin() as conn:
            conn.execute(
                handover_requests.insert().values(
                    category=category,
                    place_id=place_id,
                    lang=lang,
                    status="new",
                    created_at=utc_now(),
                )
            )

    def set_handover_status(self, request_id: int, status: str) -> None:
        """Move a handover request along: new → in_progress → done."""
        with self.engine.begin() as conn:
            conn.execute(
                handover_requests.update()
                .where(handover_requests.c.id == request_id)
                .values(status=status)
            )

    def demand_counts(self) -> list[DemandCount]:
        """Unmet demand by category and place, most frequent first."""
        query = (
            sa.select(
                demand_events.c.category,
                demand_events.c.place_id,
                sa.func.count(),
                sa.func.min(demand_events.c.created_at),
                sa.func.max(demand_events.c.created_at),
            )
            .group_by(demand_events.c.category, demand_events.c.place_id)
            .order_by(sa.func.count().desc(), demand_events.c.category)
        )
        with self.engine.connect() as conn:
            return [
                DemandCount(c, p, int(n), str(f), str(last))
                for c, p, n, f, last in conn.execute(query)
            ]

    def feedback_counts(self) -> dict[tuple[str, str, bool], int]:
        """(category, language, helpful) → count."""
        query = sa.select(
            feedback_events.c.category,
            feedback_events.c.lang,
            feedback_events.c.helpful,
            sa.func.count(),
        ).group_by(feedback_events.c.category, feedback_events.c.lang, feedback_events.c.helpful)
        with self.engine.connect() as conn:
            return {(c, lang, bool(h)): int(n) for c, lang, h, n in conn.execute(query)}

    def handovers(self, status: str | None = None) -> list[dict[str, str]]:
        """Handover requests, newest first."""
        query = sa.select(handover_requests).order_by(handover_requests.c.id.desc())
        if status:
            query = query.where(handover_requests.c.status == status)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]
