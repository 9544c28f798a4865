"""The admin app on a fresh catalog, with an admin and an editor account."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from services_catalog.accounts import Accounts
from services_catalog.admin.app import create_admin_app
from services_catalog.catalog import Catalog
from services_catalog.importing import import_raw
from services_catalog.storage import CatalogStore
from tests.fakes.offers import make_offer

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def catalog(store: CatalogStore) -> Catalog:
    import_raw(store, [make_offer()])
    accounts = Accounts(store.engine)
    accounts.create("ada", PASSWORD, "admin")
    accounts.create("eddie", PASSWORD, "editor")
    return Catalog(store)


@pytest.fixture
async def client(aiohttp_client: Any, catalog: Catalog) -> TestClient:
    root = web.Application()
    root.add_subapp("/admin", create_admin_app(catalog, "test-secret"))
    return await aiohttp_client(root)


async def csrf(client: TestClient, path: str) -> str:
    """The CSRF token of a page's first form."""
    page = await client.get(path)
    match = _CSRF.search(await page.text())
    assert match, path
    return match.group(1)


async def log_in(client: TestClient, username: str) -> None:
    token = await csrf(client, "/admin/login")
    response = await client.post(
        "/admin/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
    )
    assert response.status == 302, await response.text()


__all__ = ["PASSWORD", "Path", "csrf", "log_in"]
