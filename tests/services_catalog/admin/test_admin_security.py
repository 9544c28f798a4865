"""Hostile input against the admin and the gateway's static files."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.settings import Settings
from services_catalog.catalog import Catalog
from services_catalog.editing import Editor
from services_catalog.languages import SUPPORTED_LANGUAGES
from tests.fakes.offers import make_location, make_offer
from tests.services_catalog.admin.conftest import log_in
from tests.stack import free_port

SCRIPT = "<script>alert(1)</script>"


async def test_static_files_cannot_escape_their_folder(aiohttp_client: Any) -> None:
    client: TestClient = await aiohttp_client(
        create_app(Settings(rasa_port=free_port(), action_port=free_port()))
    )
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
    ):
        response = await client.get(path)
        body = await response.text()
        assert response.status in (403, 404), path
        assert "def create_app" not in body and "[project]" not in body and "root:" not in body


async def test_admin_static_files_cannot_escape(client: TestClient) -> None:
    await log_in(client, "ada")
    for path in (
        "/admin/static/../app.py",
        "/admin/static/%2e%2e/app.py",
        "/admin/static/%2e%2e%2fapp.py",
    ):
        response = await client.get(path)
        assert response.status in (403, 404), path


async def test_sql_injection_in_search_fields_is_just_text(client: TestClient) -> None:
    await log_in(client, "eddie")
    for query in (
        "' OR 1=1 --",
        '"; DROP TABLE offers; --',
        "%' UNION SELECT password_hash FROM staff_users --",
    ):
        response = await client.get(
            "/admin/offers", params={"q": query, "town": query, "category": query}
        )
        text = await response.text()
        assert response.status == 200
        assert "argon2" not in text
    assert (await client.get("/admin/offers")).status == 200  # the table is still there


async def test_stored_script_in_every_text_field_stays_inert(
    client: TestClient, catalog: Catalog
) -> None:
    every_language = {lang: SCRIPT for lang in SUPPORTED_LANGUAGES}
    hostile = make_offer(
        id="hostile-everywhere",
        name=every_language,
        description=every_language,
        provider=SCRIPT,
        tags=[SCRIPT],
        locations=[make_location("doebeln", "Döbeln", address=SCRIPT)],
        eligibility={
            "audiences": [],
            "min_age": None,
            "max_age": None,
            "note": {"de": SCRIPT, "en": SCRIPT},
        },
        cost_note={"de": SCRIPT},
    )
    offer, problems = Editor(catalog.store).save(hostile, "ada", None)
    assert problems == [] and offer is not None
    await log_in(client, "eddie")
    for path in ("/admin/offers", "/admin/offers/hostile-everywhere", "/admin/"):
        html = await (await client.get(path)).text()
        assert SCRIPT not in html, path
    form = await (await client.get("/admin/offers/hostile-everywhere")).text()
    assert form.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 20
