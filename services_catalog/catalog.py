"""The catalog as the assistant and the admin use it: storage plus a search index that
follows changes in the database."""

from __future__ import annotations

import threading

from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import ensure_seeded
from services_catalog.search import Page, Query, SearchIndex
from services_catalog.settings import CatalogSettings
from services_catalog.storage import CatalogStore


class Catalog:
    """Published offers, searchable; `refresh()` rebuilds the index when the data changed."""

    def __init__(self, store: CatalogStore) -> None:
        self.store = store
        self.gazetteer = store.gazetteer
        self._lock = threading.Lock()
        self._token: tuple[int, int, str] | None = None
        self._index = SearchIndex([], self.gazetteer)
        self.refresh()

    @classmethod
    def open(cls, settings: CatalogSettings, seed: bool = True) -> Catalog:
        """Open the database from settings (seeding an empty one) and build the index."""
        settings.ensure_sqlite_directory()
        gazetteer = Gazetteer.load(settings.places_file)
        store = CatalogStore.open(settings.database_url, gazetteer)
        if seed:
            ensure_seeded(store)
        return cls(store)

    def refresh(self) -> bool:
        """Rebuild the search index if offers changed since the last build; True if rebuilt."""
        token = self.store.change_token()
        if token == self._token:
            return False
        with self._lock:
            if token == self._token:
                return False
            self._index = SearchIndex(self.store.offers(), self.gazetteer)
            self._token = token
        return True

    @property
    def index(self) -> SearchIndex:
        """The current search index (replaced as a whole on refresh)."""
        return self._index

    def nearest(self, query: Query) -> Page:
        """Ranked offers for a query (see services_catalog.search)."""
        return self._index.nearest(query)
