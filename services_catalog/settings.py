"""Catalog settings, read once from the environment by the entry point."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE = Path("var") / "catalog.sqlite3"


def redacted_url(url: str) -> str:
    """A database URL fit for output: the password replaced by ***."""
    try:
        return str(make_url(url).render_as_string(hide_password=True))
    except ArgumentError:
        return "(a database URL that cannot be parsed)"


@dataclass(frozen=True)
class CatalogSettings:
    """Where the catalog lives."""

    database_url: str = f"sqlite:///{DEFAULT_DATABASE}"
    places_file: str | None = None  # None: the gazetteer shipped in services_catalog/data

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> CatalogSettings:
        """Settings from CATALOG_DATABASE_URL and CATALOG_PLACES_FILE."""
        env = os.environ if env is None else env
        return cls(
            database_url=env.get("CATALOG_DATABASE_URL") or cls.database_url,
            places_file=env.get("CATALOG_PLACES_FILE") or None,
        )

    def ensure_sqlite_directory(self) -> None:
        """Create the directory of a SQLite database file if it is missing."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and self.database_url != "sqlite:///:memory:":
            Path(self.database_url[len(prefix) :]).parent.mkdir(parents=True, exist_ok=True)
