"""The anonymous records: shown offers counted per day, unmet demand per day."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from services_catalog.records import Records
from services_catalog.schema import demand_events, offers_shown
from services_catalog.storage import CatalogStore

TODAY = date(2026, 12, 2)


def test_shown_offers_are_counted_per_offer_and_day(store: CatalogStore) -> None:
    records = Records(store.engine)
    records.offers_shown(["a", "b"], day=TODAY)
    records.offers_shown(["a", "a"], day=TODAY)  # one showing, however often listed
    records.offers_shown(["a"], day=date(2026, 11, 20))
    records.offers_shown(["b"], day=date(2026, 10, 1))  # older than 30 days
    assert records.shown_counts(30, today=TODAY) == {"a": 3, "b": 1}
    assert records.shown_counts(1, today=TODAY) == {"a": 2, "b": 1}
    with store.engine.connect() as conn:
        columns = set(conn.execute(sa.select(offers_shown)).keys())
    assert columns == {"offer_id", "day", "count"}  # no user, no text


def test_counting_never_breaks_the_caller(store: CatalogStore) -> None:
    records = Records(store.engine)
    with store.engine.begin() as conn:
        offers_shown.drop(conn)
    records.offers_shown(["a"], day=TODAY)  # logged, not raised


def test_unmet_demand_per_day_includes_empty_days(store: CatalogStore) -> None:
    records = Records(store.engine)
    with store.engine.begin() as conn:
        for category, at in (
            ("health_care", "2026-12-02T09:00:00+00:00"),
            ("health_care", "2026-12-02T10:00:00+00:00"),
            ("language_course", "2026-11-30T10:00:00+00:00"),
            ("health_care", "2026-09-01T10:00:00+00:00"),  # outside the window
        ):
            conn.execute(demand_events.insert().values(category=category, created_at=at))
    days = records.demand_by_day(5, today=TODAY)
    assert days == [
        (date(2026, 11, 28), 0),
        (date(2026, 11, 29), 0),
        (date(2026, 11, 30), 1),
        (date(2026, 12, 1), 0),
        (date(2026, 12, 2), 2),
    ]
    assert [n for _, n in records.demand_by_day(5, "health_care", today=TODAY)] == [0, 0, 0, 0, 2]
