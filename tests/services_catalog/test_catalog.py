"""The catalog facade: seeding, and a search index that follows database changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from services_catalog.catalog import Catalog
from services_catalog.importing import import_raw
from services_catalog.schema import catalog_meta, offers_table
from services_catalog.search import Query
from services_catalog.settings import CatalogSettings
from services_catalog.storage import CatalogStore, SchemaTooNew
from tests.fakes.offers import make_offer


def test_open_seeds_an_empty_database_once(tmp_path: Path) -> None:
    settings = CatalogSettings(database_url=f"sqlite:///{tmp_path / 'sub' / 'c.sqlite3'}")
    catalog = Catalog.open(settings)
    seeded = catalog.store.count()
    assert seeded >= 40
    import_raw(catalog.store, [make_offer()])
    again = Catalog.open(settings)  # not seeded twice, own offers kept
    assert again.store.count() == seeded + 1


def test_refresh_picks_up_changes_without_restart(store: CatalogStore) -> None:
    catalog = Catalog(store)
    doebeln = store.gazetteer.get("doebeln")
    query = Query("language_course", place=doebeln)
    assert catalog.nearest(query).results == []
    import_raw(store, [make_offer()])
    assert catalog.refresh() is True
    assert [r.offer.id for r in catalog.nearest(query).results] == ["test-course-doebeln"]
    assert catalog.refresh() is False  # nothing changed
    import_raw(store, [make_offer(status="archived")])
    assert catalog.refresh() is True
    assert catalog.nearest(query).results == []


def test_a_stored_offer_that_no_longer_validates_is_skipped_not_lost(store: CatalogStore) -> None:
    import_raw(store, [make_offer()])
    with store.transaction() as conn:
        doc = conn.execute(sa.select(offers_table.c.doc)).scalar_one()
        conn.execute(offers_table.update().values(doc=doc.replace('"doebeln"', '"atlantis"')))
    assert store.offers() == []
    assert store.count() == 1


def test_a_stored_lone_surrogate_written_behind_our_back_is_skipped(store: CatalogStore) -> None:
    """Offers are stored as UTF-8 JSON, which cannot hold a lone surrogate; one written as a
    JSON escape by another tool is still found and the offer skipped, as on import."""
    import_raw(store, [make_offer(), make_offer(id="second-offer")])
    with store.engine.begin() as conn:
        doc = conn.execute(
            sa.select(offers_table.c.doc).where(offers_table.c.id == "second-offer")
        ).scalar_one()
        broken = doc.replace('"name": {', '"name": {"ar": "\\ud800",', 1)
        assert broken != doc
        conn.execute(
            offers_table.update().where(offers_table.c.id == "second-offer").values(doc=broken)
        )
    assert [offer.id for offer in store.offers(status=None)] == [make_offer()["id"]]
    assert [listed[0] for listed in store.listing()] == [make_offer()["id"]]


def test_newer_schema_is_refused(store: CatalogStore) -> None:
    with store.transaction() as conn:
        conn.execute(catalog_meta.update().values(value="99"))
    with pytest.raises(SchemaTooNew, match="schema version 99"):
        store.create_schema()
