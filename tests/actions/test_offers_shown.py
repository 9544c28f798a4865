"""Showing offers counts them per offer and day, so staff check the most-seen first."""

from __future__ import annotations

from actions.find import ActionFindOffers
from services_catalog.catalog import Catalog
from services_catalog.records import Records
from tests.actions.conftest import Run


async def test_the_offers_shown_are_counted(run: Run, catalog: Catalog) -> None:
    records = Records(catalog.store.engine)
    before = records.shown_counts()
    messages, _ = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    shown = [offer["id"] for offer in messages[0]["data"]["offers"]]
    after = records.shown_counts()
    assert shown
    assert {offer_id: after[offer_id] - before.get(offer_id, 0) for offer_id in shown} == {
        offer_id: 1 for offer_id in shown
    }
    assert set(after) - set(before) <= set(shown)
