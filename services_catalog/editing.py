"""Editing offers the way staff do: validated saves with optimistic locking, status changes,
"still valid" checks, deletion, and a field-by-field audit log of who changed what when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from services_catalog.model import Offer
from services_catalog.schema import audit_log, offers_table
from services_catalog.storage import CatalogStore, utc_now
from services_catalog.validation import Problem, validate_offer


class OfferNotFound(Exception):
    """No offer with that id."""


class EditConflict(Exception):
    """Someone else saved the offer since it was opened: nothing was written."""

    def __init__(self, current: dict[str, Any], version: int) -> None:
        super().__init__("the offer was changed by someone else")
        self.current = current
        self.version = version


@dataclass(frozen=True)
class StoredOffer:
    """An offer as stored: its document and its version for optimistic locking."""

    doc: dict[str, Any]
    version: int


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """{"a": {"b": [1]}} → {"a.b[0]": "1"}: the fields the audit log compares."""
    if isinstance(value, dict):
        result: dict[str, str] = {}
        for key, item in value.items():
            result.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return result
    if isinstance(value, list) and value and any(isinstance(item, dict | list) for item in value):
        result = {}
        for index, item in enumerate(value):
            result.update(flatten(item, f"{prefix}[{index}]"))
        return result
    if isinstance(value, list):
        return {prefix: ", ".join(str(item) for item in value)}
    return {prefix: "" if value is None else str(value)}


class Editor:
    """Staff edits of the catalog, every one audited."""

    def __init__(self, store: CatalogStore) -> None:
        self.store = store

    def load(self, offer_id: str) -> StoredOffer | None:
        """The stored document and version of an offer, whatever its status."""
        with self.store.engine.connect() as conn:
            row = conn.execute(
                sa.select(offers_table.c.doc, offers_table.c.version).where(
                    offers_table.c.id == offer_id
                )
            ).first()
        return StoredOffer(json.loads(row[0]), int(row[1])) if row else None

    def save(
        self, raw: dict[str, Any], username: str, expected_version: int | None
    ) -> tuple[Offer | None, list[Problem]]:
        """Validate and save; a new offer when expected_version is None. Raises EditConflict
        when the stored version is not the expected one, OfferNotFound for a vanished offer."""
        offer, problems = validate_offer(raw, self.store.gazetteer)
        if offer is None:
            return None, problems
        now = utc_now()
        with self.store.transaction() as conn:
            row = conn.execute(
                sa.select(offers_table.c.doc, offers_table.c.version).where(
                    offers_table.c.id == offer.id
                )
            ).first()
            if expected_version is None:
                if row is not None:
                    return None, [Problem(offer.id, "id", "an offer with this id exists already")]
                self.store.upsert(conn, offer, now)
                self._audit(conn, offer.id, username, now, "created", {}, offer.to_dict())
                return offer, []
            if row is None:
                raise OfferNotFound(offer.id)
            if int(row[1]) != expected_version:
                raise EditConflict(json.loads(row[0]), int(row[1]))
            old = json.loads(row[0])
            if not self.store.upsert(conn, offer, now, expected_version):
                raise EditConflict(old, int(row[1]))  # saved by someone else in between
            self._audit(conn, offer.id, username, now, "edited", old, offer.to_dict())
        return offer, []

    def set_status(self, offer_id: str, status: str, username: str) -> None:
        """Draft, publish or archive (nothing is lost: archived offers can be restored)."""
        self._change(offer_id, username, "status", lambda doc: {**doc, "status": status})

    def mark_verified(self, offer_id: str, username: str, today: date | None = None) -> None:
        """ "Still valid": verified_on becomes today, and the audit log says who checked."""
        day = (today or date.today()).isoformat()
        self._change(offer_id, username, "verified", lambda doc: {**doc, "verified_on": day})

    def delete(self, offer_id: str, username: str) -> None:
        """Delete for good (admins only; the audit log keeps the last document)."""
        now = utc_now()
        with self.store.transaction() as conn:
            row = conn.execute(
                sa.select(offers_table.c.doc).where(offers_table.c.id == offer_id)
            ).first()
            if row is None:
                raise OfferNotFound(offer_id)
            self._audit(conn, offer_id, username, now, "deleted", json.loads(row[0]), {})
            conn.execute(offers_table.delete().where(offers_table.c.id == offer_id))

    def history(self, offer_id: str) -> list[dict[str, str]]:
        """The audit log of one offer, newest first."""
        query = (
            sa.select(audit_log)
            .where(audit_log.c.offer_id == offer_id)
            .order_by(audit_log.c.id.desc())
        )
        with self.store.engine.connect() as conn:
            return [{k: str(v) for k, v in row._mapping.items()} for row in conn.execute(query)]

    def _change(self, offer_id: str, username: str, action: str, change: Any) -> None:
        stored = self.load(offer_id)
        if stored is None:
            raise OfferNotFound(offer_id)
        offer, problems = validate_offer(change(stored.doc), self.store.gazetteer)
        if offer is None:  # a stored offer that no longer validates cannot change status silently
            raise ValueError("; ".join(map(str, problems)))
        now = utc_now()
        with self.store.transaction() as conn:
            self.store.upsert(conn, offer, now)
            self._audit(conn, offer_id, username, now, action, stored.doc, offer.to_dict())

    @staticmethod
    def _audit(
        conn: Connection,
        offer_id: str,
        username: str,
        now: str,
        action: str,
        old: dict[str, Any],
        new: dict[str, Any],
    ) -> None:
        before, after = flatten(_without_timestamps(old)), flatten(_without_timestamps(new))
        fields = sorted(
            key for key in before.keys() | after.keys() if before.get(key, "") != after.get(key, "")
        )
        rows = [
            {
                "offer_id": offer_id,
                "username": username,
                "at": now,
                "action": action,
                "field": key,
                "old": before.get(key, ""),
                "new": after.get(key, ""),
            }
            for key in fields
        ] or [
            {
                "offer_id": offer_id,
                "username": username,
                "at": now,
                "action": action,
                "field": "",
                "old": "",
                "new": "",
            }
        ]
        conn.execute(audit_log.insert(), rows)


def _without_timestamps(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key != "updated_at"}
