"""Shared fixtures: the real gazetteer, a fresh SQLite catalog per test, a copy of the seeded
catalog per test, the real stack."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from argon2 import PasswordHasher

from services_catalog import accounts
from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import ensure_seeded
from services_catalog.storage import CatalogStore
from tests.stack import stack  # noqa: F401  (the real stack, a session fixture)

REPO = Path(__file__).resolve().parents[1]
# The official HSDS 3.0 service schema (Open Referral, CC BY-SA 4.0: see its README).
HSDS_SERVICE_SCHEMA = REPO / "tests" / "data" / "hsds-3.0" / "service.json"


# What needs the full stack (real processes on loopback) or a real Chromium, by the test's
# directory or by a fixture it uses (even through another fixture). Marked here so that
# `pytest -m "not integration and not browser"` runs the unit tests alone.
INTEGRATION_DIRS = frozenset({"integration", "faults", "telegram", "journeys", "scaleout"})
BROWSER_DIRS = frozenset({"browser"})
STACK_FIXTURES = frozenset({"stack"})
BROWSER_FIXTURES = frozenset({"browser"})
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that need the full stack `integration` and those that need Chromium `browser`."""
    for item in items:
        path = item.path.resolve()
        directory = path.relative_to(TESTS).parts[0] if path.is_relative_to(TESTS) else ""
        fixtures = set(getattr(item, "fixturenames", ()))
        if directory in BROWSER_DIRS or fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if directory in INTEGRATION_DIRS or fixtures & STACK_FIXTURES:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its lowest cost in process: the tests check accounts, not the hash's strength
    (the default costs ~0.2 s of CPU per hash or login; processes a test starts keep them)."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def hsds_service_validator() -> jsonschema.Draft7Validator:
    """A validator of one exported service against the official HSDS 3.0 schema."""
    schema = json.loads(HSDS_SERVICE_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


# Creating the schema costs ~0.1 s (its writes wait for the disk) and seeding imports and
# validates the whole seed catalog (~0.8 s): tests get a copy of a database made once per
# session instead. test_catalog.py checks seeding an empty database itself.
def _template(path: Path, gazetteer: Gazetteer, seed: bool) -> Path:
    """A catalog database created (and seeded) as the catalog does it, in one file (no WAL)."""
    store = CatalogStore.open(f"sqlite:///{path}", gazetteer)
    assert not seed or ensure_seeded(store) > 0
    store.engine.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")  # the WAL folded into the file
    finally:
        connection.close()
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer) -> Path:
    return _template(tmp_path_factory.mktemp("empty") / "catalog.sqlite3", gazetteer, seed=False)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer) -> Path:
    return _template(tmp_path_factory.mktemp("seeded") / "catalog.sqlite3", gazetteer, seed=True)


@pytest.fixture
def store(tmp_path: Path, gazetteer: Gazetteer, empty_template: Path) -> CatalogStore:
    """An empty catalog of this test's own at tmp_path/catalog.sqlite3."""
    path = tmp_path / "catalog.sqlite3"
    shutil.copyfile(empty_template, path)
    return CatalogStore.open(f"sqlite:///{path}", gazetteer)


@pytest.fixture
def seeded_url(tmp_path: Path, seeded_template: Path) -> str:
    """The URL of this test's own copy of the seeded catalog, at tmp_path/catalog.sqlite3."""
    path = tmp_path / "catalog.sqlite3"
    shutil.copyfile(seeded_template, path)
    return f"sqlite:///{path}"
