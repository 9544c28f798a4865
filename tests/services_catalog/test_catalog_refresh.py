"""The per-turn catalog check of the action server: cheap when nothing changed, a change made
by another process is in the very next search, and the rebuild leaves the event loop free."""

from __future__ import annotations

from pathlib import Path

import pytest

from services_catalog.catalog import Catalog
from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import import_raw
from services_catalog.search import Query
from services_catalog.storage import CatalogStore
from tests.fakes.offers import make_offer


async def test_refreshed_sees_another_process_change_and_asks_little_otherwise(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.sqlite3'}"
    catalog = Catalog(CatalogStore.open(url, gazetteer))
    staff = CatalogStore.open(url, gazetteer)  # the admin: another engine, as in the gateway
    query = Query("language_course", place=gazetteer.get("doebeln"))
    asked: list[int] = []
    token = catalog.store.change_token

    def counted() -> tuple[int, int, str]:
        asked.append(1)
        return token()

    monkeypatch.setattr(catalog.store, "change_token", counted)

    await catalog.refreshed()  # first look
    before = len(asked)
    for _ in range(5):
        await catalog.refreshed()
    assert len(asked) == before  # nothing committed: the offers table is not even asked

    import_raw(staff, [make_offer()])
    await catalog.refreshed()
    assert [r.offer.id for r in catalog.nearest(query).results] == ["test-course-doebeln"]
