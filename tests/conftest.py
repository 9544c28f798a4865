"""Shared fixtures: the real gazetteer, a fresh SQLite catalog per test, the real stack."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.storage import CatalogStore
from tests.stack import stack  # noqa: F401  (the real stack, a session fixture)

REPO = Path(__file__).resolve().parents[1]
# The official HSDS 3.0 service schema (Open Referral, CC BY-SA 4.0: see its README).
HSDS_SERVICE_SCHEMA = REPO / "tests" / "data" / "hsds-3.0" / "service.json"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def hsds_service_validator() -> jsonschema.Draft7Validator:
    """A validator of one exported service against the official HSDS 3.0 schema."""
    schema = json.loads(HSDS_SERVICE_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def store(tmp_path: Path, gazetteer: Gazetteer) -> CatalogStore:
    return CatalogStore.open(f"sqlite:///{tmp_path / 'catalog.sqlite3'}", gazetteer)
