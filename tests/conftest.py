"""Shared fixtures: the real gazetteer, a fresh SQLite catalog per test, the real stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.storage import CatalogStore
from tests.stack import stack  # noqa: F401  (the real stack, a session fixture)

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def store(tmp_path: Path, gazetteer: Gazetteer) -> CatalogStore:
    return CatalogStore.open(f"sqlite:///{tmp_path / 'catalog.sqlite3'}", gazetteer)
