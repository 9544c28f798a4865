"""What newcomers could not find, their feedback and their handover requests, for staff.

Only category, place, language and time are stored: never message text, names or ids of
users (DESIGN.md, privacy).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from services_catalog.schema import demand_events, feedback_events, handover_requests
from services_catalog.storage import utc_now


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
