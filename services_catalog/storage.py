"""Catalog storage with SQLAlchemy Core: SQLite by default, PostgreSQL with the same code.

Offers are stored as validated JSON documents beside the columns that queries filter on.
The schema carries a version in `catalog_meta`; `MIGRATIONS` upgrades older databases.
SQLite runs in WAL mode, so readers keep seeing the last committed data while an import
writes.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from services_catalog.gazetteer import Gazetteer
from services_catalog.listing import Row, row
from services_catalog.model import Offer
from services_catalog.schema import SCHEMA_VERSION, catalog_meta, metadata, offers_table
from services_catalog.validation import validate_offer

log = logging.getLogger(__name__)
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")

# version reached → function that upgrades a database from the version before it.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: lambda conn: metadata.create_all(conn),  # the record tables
    3: lambda conn: metadata.create_all(conn),  # staff accounts and the audit log
    4: lambda conn: _accounts_revocable(conn),
}


def _accounts_revocable(conn: Connection) -> None:
    """Schema 4: staff accounts can be disabled and their sessions revoked; account log."""
    columns = {column["name"] for column in sa.inspect(conn).get_columns("staff_users")}
    if "disabled_at" not in columns:
        conn.execute(
            sa.text(
                "ALTER TABLE staff_users ADD COLUMN disabled_at VARCHAR(32) NOT NULL DEFAULT ''"
            )
        )
    if "session_version" not in columns:
        conn.execute(
            sa.text("ALTER TABLE staff_users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0")
        )
    metadata.create_all(conn)  # account_log


class SchemaTooNew(RuntimeError):
    """The database was written by a newer release of the catalog."""


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def create_catalog_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class CatalogStore:
    """Reads and writes offers; every write is one transaction."""

    def __init__(self, engine: Engine, gazetteer: Gazetteer) -> None:
        self.engine = engine
        self.gazetteer = gazetteer
        self._listing: tuple[tuple[int, int, str], tuple[Row, ...]] | None = None
        self._listing_lock = threading.Lock()

    @classmethod
    def open(cls, url: str, gazetteer: Gazetteer) -> CatalogStore:
        """Open (and create or upgrade) the catalog database at `url`."""
        store = cls(create_catalog_engine(url), gazetteer)
        store.create_schema()
        return store

    def create_schema(self) -> None:
        """Create missing tables and run pending migrations."""
        with self.engine.begin() as conn:
            metadata.create_all(conn)
            row = conn.execute(
                sa.select(catalog_meta.c.value).where(catalog_meta.c.key == "schema_version")
            ).first()
            if row is None:
                conn.execute(
                    catalog_meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION))
                )
                return
            current = int(row[0])
            if current > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"catalog database has schema version {current}; "
                    f"this release knows {SCHEMA_VERSION}"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](conn)
                conn.execute(
                    catalog_meta.update()
                    .where(catalog_meta.c.key == "schema_version")
                    .values(value=str(version))
                )

    def schema_version(self) -> int:
        """The schema version stored in the database."""
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(catalog_meta.c.value).where(catalog_meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction: all of it is written, or nothing."""
        with self.engine.begin() as conn:
            yield conn

    def upsert(
        self,
        conn: Connection,
        offer: Offer,
        now: str | None = None,
        expected_version: int | None = None,
    ) -> bool:
        """Insert or replace one offer inside the caller's transaction. With
        `expected_version`, replace only that version (optimistic locking); False when the
        stored version differs and nothing was written."""
        now = now or utc_now()
        doc = offer.to_dict()
        doc["updated_at"] = now
        values = {
            "category": offer.category,
            "status": offer.status,
            "verified_on": offer.verified_on,
            "updated_at": now,
            "synthetic": offer.synthetic,
            "doc": json.dumps(doc, ensure_ascii=False, sort_keys=True),
        }
        condition = offers_table.c.id == offer.id
        if expected_version is not None:
            condition = condition & (offers_table.c.version == expected_version)
        updated = conn.execute(
            offers_table.update()
            .where(condition)
            .values(version=offers_table.c.version + 1, **values)
        )
        if updated.rowcount:
            return True
        if expected_version is not None:
            return False
        conn.execute(offers_table.insert().values(id=offer.id, version=1, **values))
        return True

    def upsert_many(self, offers: Iterable[Offer]) -> int:
        """Write many offers in one transaction; returns how many."""
        now = utc_now()
        count = 0
        with self.transaction() as conn:
            for offer in offers:
                self.upsert(conn, offer, now)
                count += 1
        return count

    def count(self, status: str | None = None) -> int:
        """How many offers there are (with this status)."""
        query = sa.select(sa.func.count()).select_from(offers_table)
        if status:
            query = query.where(offers_table.c.status == status)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def change_token(self) -> tuple[int, int, str]:
        """Changes whenever an offer is added, changed or removed: (count, sum of row
        versions, newest update). One cheap aggregate query."""
        query = sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(offers_table.c.version), 0),
            sa.func.max(offers_table.c.updated_at),
        ).select_from(offers_table)
        with self.engine.connect() as conn:
            count, versions, newest = conn.execute(query).one()
        return int(count), int(versions), str(newest or "")

    def listing(self) -> tuple[Row, ...]:
        """Every offer of any status as a plain row (`services_catalog.listing`), in id
        order, built once per change of the catalog (`change_token`): the admin's offer list
        and overview read it on every page."""
        token = self.change_token()
        with self._listing_lock:
            if self._listing is not None and self._listing[0] == token:
                return self._listing[1]
            rows = tuple(row(offer) for offer in self.offers(status=None))
            self._listing = (token, rows)
            return rows

    def offers(self, status: str | None = "published") -> list[Offer]:
        """Every offer (with this status), in id order. Stored documents that no longer
        validate (say, a place removed from the gazetteer) are skipped with a warning and
        stay in the database untouched."""
        query = sa.select(offers_table.c.id, offers_table.c.doc).order_by(offers_table.c.id)
        if status:
            query = query.where(offers_table.c.status == status)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        result = []
        for offer_id, doc in rows:
            # the database holds UTF-8: a lone surrogate can only come back as a JSON escape
            offer, problems = validate_offer(
                json.loads(doc),
                self.gazetteer,
                stored=True,
                surrogates_possible=_ESCAPED_SURROGATE.search(doc) is not None,
            )
            if offer is None:
                log.warning("offer %s skipped: %s", offer_id, "; ".join(map(str, problems)))
                continue
            result.append(offer)
        return result

    def get(self, offer_id: str) -> Offer | None:
        """One offer by id, whatever its status, or None."""
        with self.engine.connect() as conn:
            doc = conn.execute(
                sa.select(offers_table.c.doc).where(offers_table.c.id == offer_id)
            ).scalar_one_or_none()
        if doc is None:
            return None
        offer, _ = validate_offer(json.loads(doc), self.gazetteer, stored=True)
        return offer
