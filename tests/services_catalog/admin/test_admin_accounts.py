"""Staff accounts can be taken back: role changes, disabling, new passwords and idle time
apply on the account's next request, and every change is in the account log."""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from services_catalog.accounts import Accounts
from services_catalog.admin.app import create_admin_app
from services_catalog.catalog import Catalog
from tests.services_catalog.admin.conftest import PASSWORD, csrf, log_in


async def _second_client(aiohttp_client: Any, catalog: Catalog, idle: int = 3600) -> TestClient:
    root = web.Application()
    root.add_subapp("/admin", create_admin_app(catalog, "test-secret", idle_seconds=idle))
    return await aiohttp_client(root)


async def _change(client: TestClient, username: str, **form: str) -> Any:
    token = await csrf(client, "/admin/users")
    return await client.post(
        f"/admin/users/{username}", data={**form, "csrf_token": token}, allow_redirects=False
    )


async def test_admin_disables_an_editor_whose_open_session_ends(
    client: TestClient, aiohttp_client: Any, catalog: Catalog
) -> None:
    editor = await _second_client(aiohttp_client, catalog)
    await log_in(editor, "eddie")
    assert (await editor.get("/admin/offers", allow_redirects=False)).status == 200
    await log_in(client, "ada")
    assert (await _change(client, "eddie", change="disable")).status == 302
    rejected = await editor.get("/admin/offers", allow_redirects=False)
    assert rejected.status == 302 and rejected.headers["Location"].endswith("/admin/login")
    token = await csrf(editor, "/admin/login")
    login = await editor.post(
        "/admin/login", data={"username": "eddie", "password": PASSWORD, "csrf_token": token}
    )
    assert login.status == 401  # a disabled account cannot log in again either
    assert (await _change(client, "eddie", change="enable")).status == 302
    await log_in(editor, "eddie")


async def test_role_change_applies_on_the_next_request(
    client: TestClient, aiohttp_client: Any, catalog: Catalog
) -> None:
    editor = await _second_client(aiohttp_client, catalog)
    await log_in(editor, "eddie")
    assert (await editor.get("/admin/users", allow_redirects=False)).status == 403
    await log_in(client, "ada")
    await _change(client, "eddie", change="role", role="admin")
    assert (await editor.get("/admin/users", allow_redirects=False)).status == 200
    await _change(client, "eddie", change="role", role="editor")
    assert (await editor.get("/admin/users", allow_redirects=False)).status == 403


async def test_new_password_ends_the_accounts_sessions(
    client: TestClient, aiohttp_client: Any, catalog: Catalog
) -> None:
    editor = await _second_client(aiohttp_client, catalog)
    await log_in(editor, "eddie")
    await log_in(client, "ada")
    assert (await _change(client, "eddie", change="password", password="short")).status == 422
    assert (await editor.get("/admin/offers", allow_redirects=False)).status == 200  # unchanged
    new = "a new long passphrase"
    assert (await _change(client, "eddie", change="password", password=new)).status == 302
    assert (await editor.get("/admin/offers", allow_redirects=False)).status == 302
    assert Accounts(catalog.store.engine).authenticate("eddie", new) is not None


async def test_the_last_active_admin_cannot_be_removed(client: TestClient) -> None:
    await log_in(client, "ada")
    for form in ({"change": "disable"}, {"change": "role", "role": "editor"}):
        refused = await _change(client, "ada", **form)
        assert refused.status == 422 and "last active admin" in await refused.text()
    assert (await client.get("/admin/users", allow_redirects=False)).status == 200


async def test_idle_session_ends(
    aiohttp_client: Any, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = await _second_client(aiohttp_client, catalog, idle=600)
    await log_in(quick, "eddie")
    started = time.time()
    monkeypatch.setattr(time, "time", lambda: started + 590)
    assert (await quick.get("/admin/offers", allow_redirects=False)).status == 200
    monkeypatch.setattr(time, "time", lambda: started + 1150)  # 560 s after the last request
    assert (await quick.get("/admin/offers", allow_redirects=False)).status == 200
    monkeypatch.setattr(time, "time", lambda: started + 1800)  # 650 s idle
    response = await quick.get("/admin/offers", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"].endswith("/admin/login")


async def test_every_account_change_is_logged(client: TestClient, catalog: Catalog) -> None:
    await log_in(client, "ada")
    await _change(client, "eddie", change="role", role="admin")
    await _change(client, "eddie", change="disable")
    await _change(client, "eddie", change="password", password="another long passphrase")
    changes = Accounts(catalog.store.engine).changes()
    assert [(c.actor, c.username, c.action, c.old, c.new) for c in changes[:3]] == [
        ("ada", "eddie", "password set", "", ""),
        ("ada", "eddie", "disabled", "", ""),
        ("ada", "eddie", "role", "editor", "admin"),
    ]
    assert ("command line", "eddie", "created") in [
        (c.actor, c.username, c.action) for c in changes
    ]
    page = await (await client.get("/admin/users")).text()
    assert "another long passphrase" not in page and "Passwort gesetzt" in page
