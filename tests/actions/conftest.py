"""An in-memory catalog with the real seed data, shared by the action tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import WegweiserAction
from services_catalog.catalog import Catalog
from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import ensure_seeded
from services_catalog.records import Records
from services_catalog.storage import CatalogStore
from tests.fakes.trackers import tracker

Run = Callable[..., Awaitable[tuple[list[dict[str, Any]], dict[str, Any]]]]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    store = CatalogStore.open("sqlite://", Gazetteer.load())
    ensure_seeded(store)
    return Catalog(store)


@pytest.fixture
def run(catalog: Catalog) -> Run:
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


@pytest.fixture(scope="module")
def gazetteer_catalog() -> Catalog:
    """A small catalog whose labour-rights offers differ for EU citizens and others."""
    from services_catalog.importing import import_raw
    from tests.fakes.offers import make_location, make_offer

    store = CatalogStore.open("sqlite://", Gazetteer.load())
    chemnitz = [make_location("chemnitz", "Chemnitz")]

    def offer(
        offer_id: str, audiences: list[str], category: str = "labour_rights_counselling"
    ) -> dict[str, Any]:
        eligibility: dict[str, Any] = {
            "audiences": audiences,
            "min_age": None,
            "max_age": None,
            "note": {},
        }
        return make_offer(
            id=offer_id, category=category, locations=chemnitz, eligibility=eligibility
        )

    import_raw(
        store,
        [
            offer("eu-workers-only", ["eu_workers"]),
            offer("third-country-only", ["foreign_workers", "refugees"]),
            offer("for-everyone", []),
            offer("course-for-everyone", [], "language_course"),
        ],
    )
    return Catalog(store)
