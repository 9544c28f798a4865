"""The admin as the gateway mounts it (bot.app.create_app, whose chat API allows 16 KiB per
request): the import form takes files of megabytes, the chat API keeps its limit, and
/admin without a slash leads to the overview."""

from __future__ import annotations

from typing import Any

import yaml
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.settings import Settings
from services_catalog.accounts import Accounts
from services_catalog.catalog import Catalog
from services_catalog.settings import CatalogSettings
from tests.fakes.offers import make_offer
from tests.services_catalog.admin.conftest import PASSWORD, csrf, log_in
from tests.stack import free_port


async def gateway(aiohttp_client: Any, seeded_url: str) -> TestClient:
    """The gateway on a copy of the seeded catalog, with an admin account."""
    catalog_settings = CatalogSettings(database_url=seeded_url)
    Accounts(Catalog.open(catalog_settings).store.engine).create("ada", PASSWORD, "admin")
    settings = Settings(
        rasa_port=free_port(),
        action_port=free_port(),
        admin_secret="test-admin-secret",
        catalog=catalog_settings,
    )
    client: TestClient = await aiohttp_client(create_app(settings))
    return client


def big_offers_file(count: int) -> bytes:
    """`count` offers with long descriptions (few offers, so that validating them is quick)."""
    offers = [
        make_offer(id=f"big-import-{number:04d}", description={"de": "Ein Test. " * 200})
        for number in range(count)
    ]
    return yaml.safe_dump({"offers": offers}, allow_unicode=True).encode()


async def test_import_of_a_large_file_through_the_gateway(
    aiohttp_client: Any, seeded_url: str
) -> None:
    client = await gateway(aiohttp_client, seeded_url)
    await log_in(client, "ada")
    token = await csrf(client, "/admin/import")
    data = big_offers_file(100)
    assert len(data) > 200 * 1024
    preview = await client.post(
        "/admin/import", data={"csrf_token": token, "format": "yaml", "file": data}
    )
    text = await preview.text()
    assert preview.status == 200, text[:500]
    assert "big-import-0099" in text


async def test_the_chat_api_keeps_its_own_limit(aiohttp_client: Any, seeded_url: str) -> None:
    client = await gateway(aiohttp_client, seeded_url)
    response = await client.post(
        "/api/chat",
        data=b'{"session": "big", "text": "' + b"x" * (64 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 413


async def test_admin_without_slash_redirects_to_the_overview(
    aiohttp_client: Any, seeded_url: str
) -> None:
    client = await gateway(aiohttp_client, seeded_url)
    response = await client.get("/admin", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/admin/"
    await log_in(client, "ada")
    page = await client.get("/admin")
    assert page.status == 200 and str(page.url).endswith("/admin/")


async def test_the_gateway_puts_its_startup_heap_out_of_the_collectors_sight(
    aiohttp_client: Any, seeded_url: str
) -> None:
    """After startup the catalog and translations are frozen (gc.freeze): a full collection
    in a staff member's page build no longer walks them while the loop waits (the lag itself
    is measured in bench/loop_lag.py)."""
    import gc

    gc.unfreeze()
    try:
        await gateway(aiohttp_client, seeded_url)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
