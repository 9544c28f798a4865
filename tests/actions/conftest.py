"""An in-memory catalog with the real seed data, shared by the action tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import WegweiserAction
from services_catalog.catalog import Catalog
from services_catalog.gazetteer import Gazetteer
from services_catalog.records import Records
from services_catalog.storage import CatalogStore, create_catalog_engine
from tests.fakes.trackers import tracker

Run = Callable[..., Awaitable[tuple[list[dict[str, Any]], dict[str, Any]]]]


@pytest.fixture(scope="module")
def catalog(seeded_template: Path, gazetteer: Gazetteer) -> Catalog:
    """The seed catalog in memory: a copy of the database seeded once per session."""
    store = CatalogStore(create_catalog_engine("sqlite://"), gazetteer)  # one connection
    with store.engine.connect() as conn, closing(sqlite3.connect(seeded_template)) as seeded:
        seeded.backup(conn.connection.driver_connection)
    return Catalog(store)


def runner(catalog: Catalog) -> Run:
    """Run an action class on a message; returns (responses, slots after the events)."""

    async def _run(
        action_class: type[WegweiserAction], text: str, intent: str, **kwargs: Any
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        dispatcher = CollectingDispatcher()
        slots = dict(kwargs.get("slots") or {})
        action = action_class(catalog=catalog, records=Records(catalog.store.engine))
        events = await action.run(dispatcher, tracker(text, intent, **kwargs), {})
        for event in events:
            if event.get("event") == "slot":
                slots[event["name"]] = event["value"]
        return dispatcher.messages, slots

    return _run


@pytest.fixture
def run(catalog: Catalog) -> Run:
    """Actions on the real seed catalog."""
    return runner(catalog)


@pytest.fixture
def run_small(gazetteer_catalog: Catalog) -> Run:
    """Actions on the small catalog below, where each outcome is known in advance."""
    return runner(gazetteer_catalog)


@pytest.fixture(scope="module")
def gazetteer_catalog() -> Catalog:
    """A small catalog where every test knows its outcome: labour-rights offers that differ
    for EU citizens and others (Chemnitz), a youth service beside a general one (Burgstädt),
    five violence-protection offers (Freiberg) and a women's refuge (Döbeln), an
    Arabic-speaking clinic (Chemnitz), and
    German courses of which one is specialised and one costs a fee (Döbeln)."""
    from services_catalog.importing import import_raw
    from tests.fakes.offers import make_location, make_offer

    store = CatalogStore.open("sqlite://", Gazetteer.load())

    def offer(
        offer_id: str,
        audiences: list[str],
        category: str = "labour_rights_counselling",
        place: tuple[str, str] = ("chemnitz", "Chemnitz"),
        **changes: Any,
    ) -> dict[str, Any]:
        eligibility: dict[str, Any] = {
            "audiences": audiences,
            "min_age": changes.pop("min_age", None),
            "max_age": changes.pop("max_age", None),
            "note": {},
        }
        return make_offer(
            id=offer_id,
            category=category,
            locations=[make_location(*place)],
            eligibility=eligibility,
            **changes,
        )

    burgstaedt = ("burgstaedt", "Burgstädt")
    freiberg = ("freiberg", "Freiberg")
    doebeln = ("doebeln", "Döbeln")
    import_raw(
        store,
        [
            offer("eu-workers-only", ["eu_workers"]),
            offer("third-country-only", ["foreign_workers", "refugees"]),
            offer("for-everyone", []),
            offer("course-for-everyone", [], "language_course"),
            offer("a-youth-service", ["youth"], "migration_counselling", burgstaedt, max_age=26),
            offer("b-adult-counselling", [], "migration_counselling", burgstaedt, min_age=27),
            *(offer(f"protection-{n}", [], "violence_protection", freiberg) for n in range(1, 6)),
            offer("clinic-german", [], "health_care"),
            offer("clinic-arabic", [], "health_care", languages=["de", "ar"]),
            offer(
                "a-dsh-exam", [], "language_course", doebeln, tags=["dsh", "pruefung"], cost="fee"
            ),
            offer("b-paid-course", [], "language_course", doebeln, cost="fee"),
            offer("womens-refuge", ["women"], "violence_protection", doebeln),
            offer("c-integration-course", [], "language_course", doebeln),
        ],
    )
    return Catalog(store)
