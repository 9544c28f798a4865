"""The catalog as the assistant and the admin use it: storage plus a search index that
follows changes in the database."""

from __future__ import annotations

import asyncio
import sqlite3
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
        self._watch = _SQLiteWatch.of(store)
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

    async def refreshed(self) -> None:
        """`refresh()` for a caller on an event loop: a cheap check whether the database
        changed at all runs here (microseconds on SQLite); the change token and any index
        rebuild run in a worker thread, so other requests on the loop are not held up."""
        if self._watch is not None and not self._watch.changed():
            return
        if _in_memory(self.store):  # one connection per thread: only this thread sees it
            self.refresh()
            return
        await asyncio.to_thread(self.refresh)

    @property
    def index(self) -> SearchIndex:
        """The current search index (replaced as a whole on refresh)."""
        return self._index

    def nearest(self, query: Query) -> Page:
        """Ranked offers for a query (see services_catalog.search)."""
        return self._index.nearest(query)


def _in_memory(store: CatalogStore) -> bool:
    """True for an in-memory SQLite database (tests)."""
    url = store.engine.url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


class _SQLiteWatch:
    """Whether anybody committed to a SQLite database since the last look: `PRAGMA
    data_version` on a connection of its own (it changes with every commit by any other
    connection, in any process), instead of an aggregate over the offers table every turn."""

    def __init__(self, path: str) -> None:
        self._connection = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.Lock()
        self._version: int | None = None

    @classmethod
    def of(cls, store: CatalogStore) -> _SQLiteWatch | None:
        """A watch for a file-based SQLite catalog, else None (always ask the database)."""
        url = store.engine.url
        if url.get_backend_name() != "sqlite" or _in_memory(store):
            return None
        return cls(str(url.database))

    def changed(self) -> bool:
        """True when a commit happened since the last call (and on the first call)."""
        with self._lock:
            try:
                version = int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return True  # cannot tell: let the change token decide
            changed = version != self._version
            self._version = version
            return changed
