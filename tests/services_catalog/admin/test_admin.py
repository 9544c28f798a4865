"""The admin over HTTP: access, roles, CSRF, validation messages, audit, conflicts, import."""

from __future__ import annotations

import pytest
import yaml
from aiohttp.test_utils import TestClient

from services_catalog.catalog import Catalog
from services_catalog.editing import Editor
from tests.fakes.offers import make_offer
from tests.services_catalog.admin.conftest import csrf, log_in


async def test_every_route_needs_a_login(client: TestClient) -> None:
    for path in (
        "/admin/",
        "/admin/offers",
        "/admin/offers/test-course-doebeln",
        "/admin/users",
        "/admin/demand",
        "/admin/import",
        "/admin/export/json",
    ):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 302 and response.headers["Location"].endswith("/admin/login"), (
            path
        )
    for path in (
        "/admin/offers/test-course-doebeln",
        "/admin/offers/test-course-doebeln/verify",
        "/admin/users",
        "/admin/import",
    ):
        assert (await client.post(path, data={}, allow_redirects=False)).status == 401, path


async def test_wrong_password_and_rate_limit(client: TestClient) -> None:
    for _ in range(5):
        token = await csrf(client, "/admin/login")
        response = await client.post(
            "/admin/login", data={"username": "ada", "password": "nope", "csrf_token": token}
        )
        assert response.status == 401
    token = await csrf(client, "/admin/login")
    blocked = await client.post(
        "/admin/login",
        data={"username": "ada", "password": "correct horse battery", "csrf_token": token},
    )
    assert blocked.status == 429


async def test_new_session_id_on_login(client: TestClient) -> None:
    await client.get("/admin/login")
    before = client.session.cookie_jar.filter_cookies(client.make_url("/admin/"))[
        "wegweiser_admin"
    ].value
    await log_in(client, "ada")
    after = client.session.cookie_jar.filter_cookies(client.make_url("/admin/"))[
        "wegweiser_admin"
    ].value
    assert before != after


async def test_post_without_csrf_token_is_rejected(client: TestClient, catalog: Catalog) -> None:
    await log_in(client, "ada")
    response = await client.post("/admin/offers/test-course-doebeln/verify", data={})
    assert response.status == 403
    assert catalog.store.get("test-course-doebeln").verified_on == ""  # type: ignore[union-attr]


async def test_editor_cannot_manage_users_or_delete(client: TestClient) -> None:
    await log_in(client, "eddie")
    assert (await client.get("/admin/users")).status == 403
    token = await csrf(client, "/admin/offers/test-course-doebeln")
    assert (
        await client.post("/admin/offers/test-course-doebeln/delete", data={"csrf_token": token})
    ).status == 403
    assert (await client.get("/admin/offers")).status == 200


async def test_validation_messages_per_field_and_nothing_saved(
    client: TestClient, catalog: Catalog
) -> None:
    await log_in(client, "eddie")
    page = await client.get("/admin/offers/test-course-doebeln")
    form = {key: value for key, value in _fields(await page.text()).items()}
    form.update(loc0_opening_hours="Mo-Fx 9-17", phone="123", name_de="")
    response = await client.post("/admin/offers/test-course-doebeln", data=form)
    text = await response.text()
    assert response.status == 422
    assert 'id="loc0_opening_hours-error"' in text and "not valid opening_hours syntax" in text
    assert 'id="phone-error"' in text and 'id="name_de-error"' in text
    assert catalog.store.get("test-course-doebeln").contact.phone == ""  # type: ignore[union-attr]


async def test_save_writes_audit_entries_field_by_field(
    client: TestClient, catalog: Catalog
) -> None:
    await log_in(client, "eddie")
    page = await client.get("/admin/offers/test-course-doebeln")
    form = _fields(await page.text())
    form["loc0_opening_hours"] = "Mo-Th 10:00-14:00; PH off"
    response = await client.post(
        "/admin/offers/test-course-doebeln", data=form, allow_redirects=False
    )
    assert response.status == 302
    history = Editor(catalog.store).history("test-course-doebeln")
    change = next(h for h in history if h["field"] == "locations[0].opening_hours")
    assert (change["username"], change["action"], change["new"]) == (
        "eddie",
        "edited",
        "Mo-Th 10:00-14:00; PH off",
    )
    assert change["old"] == "Mo-Fr 09:00-16:00; PH off"
    catalog.refresh()
    assert (
        catalog.index.offers["test-course-doebeln"].locations[0].opening_hours.startswith("Mo-Th")
    )


async def test_stale_version_gets_the_conflict_page(client: TestClient, catalog: Catalog) -> None:
    await log_in(client, "eddie")
    form = _fields(await (await client.get("/admin/offers/test-course-doebeln")).text())
    Editor(catalog.store).save(make_offer(provider="Changed elsewhere"), "ada", 1)
    form["provider"] = "My change"
    response = await client.post("/admin/offers/test-course-doebeln", data=form)
    text = await response.text()
    assert response.status == 409
    assert "Changed elsewhere" in text and "My change" in text
    assert catalog.store.get("test-course-doebeln").provider == "Changed elsewhere"  # type: ignore[union-attr]


async def test_import_dry_run_lists_errors_then_all_or_nothing(
    client: TestClient, catalog: Catalog
) -> None:
    await log_in(client, "ada")
    token = await csrf(client, "/admin/import")
    bad = yaml.safe_dump(
        {"offers": [make_offer(id="fine-one"), make_offer(id="bad-one", category="nope")]}
    )
    response = await client.post(
        "/admin/import", data={"csrf_token": token, "format": "yaml", "file": bad.encode()}
    )
    text = await response.text()
    assert response.status == 422 and "unknown category" in text and "bad-one" in text
    assert catalog.store.get("fine-one") is None
    good = yaml.safe_dump({"offers": [make_offer(id="fine-one")]})
    preview = await client.post(
        "/admin/import", data={"csrf_token": token, "format": "yaml", "file": good.encode()}
    )
    assert preview.status == 200 and "fine-one" in await preview.text()
    assert catalog.store.get("fine-one") is None  # a dry run writes nothing
    confirm_token = _fields(await preview.text())["token"]
    done = await client.post(
        "/admin/import/confirm",
        data={"csrf_token": token, "token": confirm_token},
        allow_redirects=False,
    )
    assert done.status == 302
    assert catalog.store.get("fine-one") is not None


async def test_hsds_export_imports_back(client: TestClient, catalog: Catalog) -> None:
    await log_in(client, "ada")
    exported = await (await client.get("/admin/export/hsds")).read()
    token = await csrf(client, "/admin/import")
    preview = await client.post(
        "/admin/import", data={"csrf_token": token, "format": "hsds", "file": exported}
    )
    text = await preview.text()
    assert preview.status == 200, text
    assert "test-course-doebeln" in text


async def test_hostile_name_is_text_in_list_and_form(client: TestClient, catalog: Catalog) -> None:
    Editor(catalog.store).save(
        make_offer(id="xss", name={"de": "<script>alert(1)</script>", "en": "x"}), "ada", None
    )
    await log_in(client, "eddie")
    listing = await (await client.get("/admin/offers")).text()
    form = await (await client.get("/admin/offers/xss")).text()
    for html in (listing, form):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _fields(html: str) -> dict[str, str]:
    """The values of a page's inputs, selects and textareas (a tiny form reader)."""
    import re
    from html import unescape

    values: dict[str, str] = {}
    for match in re.finditer(r'<input[^>]*name="([^"]+)"[^>]*>', html):
        tag = match.group(0)
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        values[match.group(1)] = (
            unescape(value.group(1)) if value else ("on" if 'type="checkbox"' in tag else "")
        )
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[match.group(1)] = unescape(match.group(2))
    for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', match.group(2))
        first = re.search(r'<option value="([^"]*)"', match.group(2))
        option = chosen or first
        values[match.group(1)] = unescape(option.group(1)) if option else ""
    return values


async def test_english_translation_of_the_admin(client: TestClient) -> None:
    german = await (await client.get("/admin/login")).text()
    assert "Anmelden" in german
    english = await (await client.get("/admin/login?lang=en")).text()
    assert "Log in" in english and "Anmelden" not in english


async def test_the_offer_list_comes_in_pages_that_keep_the_filter(
    client: TestClient, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from services_catalog.admin import views_offers

    monkeypatch.setattr(views_offers, "PAGE_ROWS", 2)
    for number in range(4):
        Editor(catalog.store).save(make_offer(id=f"paged-{number}"), "ada", None)
    await log_in(client, "eddie")
    first = await (await client.get("/admin/offers?q=paged")).text()
    assert "paged-0" in first and "paged-1" in first and "paged-2" not in first
    assert "1–2 von 4" in first and "q=paged&amp;page=1" in first
    second = await (await client.get("/admin/offers?q=paged&page=1")).text()
    assert "paged-2" in second and "paged-3" in second and "paged-0" not in second
    assert "q=paged&amp;page=0" in second and "page=2" not in second
    # a saved change shows on the next page load (the validated offers are kept per change)
    Editor(catalog.store).save(make_offer(id="paged-4"), "ada", None)
    third = await (await client.get("/admin/offers?q=paged&page=2")).text()
    assert "paged-4" in third and "5–5 von 5" in third
