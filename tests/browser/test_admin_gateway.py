"""Staff workflows through the real gateway (not a sub-app fixture): a real offers file of
more than 200 KB imported in the browser, and /admin without a slash."""

from __future__ import annotations

from pathlib import Path

import requests
import yaml
from playwright.sync_api import Browser, BrowserContext, expect

from services_catalog.importing import read_paths, seed_directory
from tests.browser.test_admin import contexts, logged_in
from tests.stack import STAFF_PASSWORD, Stack

PREFIX = "bulk-import-"
MIN_BYTES = 200 * 1024


def offers_file(directory: Path) -> tuple[Path, list[str]]:
    """The seed offers again and again under new ids, as drafts (so that the assistant's
    answers in the other tests stay as they are), until the file passes MIN_BYTES."""
    raws, problems = read_paths([seed_directory()])
    assert problems == [] and raws
    offers: list[dict[str, object]] = []
    text = ""
    copy = 0
    while len(text.encode()) < MIN_BYTES:
        for raw in raws:
            offers.append({**raw, "id": f"{PREFIX}{copy}-{raw['id']}", "status": "draft"})
        copy += 1
        text = yaml.safe_dump({"offers": offers}, allow_unicode=True, sort_keys=False)
    path = directory / "offers.yaml"
    path.write_text(text, encoding="utf-8")
    return path, [str(offer["id"]) for offer in offers]


def test_import_of_a_real_file_over_200_kb(
    browser: Browser, stack: Stack, contexts: list[BrowserContext], tmp_path: Path
) -> None:
    path, ids = offers_file(tmp_path)
    assert path.stat().st_size >= MIN_BYTES
    page = logged_in(browser, stack, contexts, "ada")
    page.goto(stack.url + "/admin/import")
    page.get_by_label("Format").select_option("yaml")
    page.get_by_label("Datei").set_input_files(path)
    page.get_by_role("button", name="Prüfen (Probelauf)").click()
    expect(page.get_by_role("heading", name="Vorschau")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Neu: {len(ids)}")
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page).to_have_url(f"{stack.url}/admin/offers?imported={len(ids)}")
    page.goto(f"{stack.url}/admin/offers/{ids[-1]}")
    expect(page.locator("#provider")).not_to_have_value("")
    too_big = requests.post(
        f"{stack.url}/api/chat",
        data=b'{"session": "big", "text": "' + b"x" * (64 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert too_big.status_code == 413  # the chat API keeps its own limit


def test_admin_without_slash_redirects(
    browser: Browser, stack: Stack, contexts: list[BrowserContext]
) -> None:
    response = requests.get(stack.url + "/admin", allow_redirects=False, timeout=10)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    page = logged_in(browser, stack, contexts, "eddie")
    page.goto(stack.url + "/admin")
    expect(page).to_have_url(stack.url + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


__all__ = ["contexts"]


def test_dashboard_map_of_a_chosen_category_at_phone_size(
    browser: Browser, stack: Stack, contexts: list[BrowserContext], tmp_path: Path
) -> None:
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    contexts.append(context)
    page = context.new_page()
    page.goto(stack.url + "/admin/login")
    page.get_by_label("Benutzername").fill("eddie")
    page.get_by_label("Passwort").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_label("Kategorie").select_option("authorities")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(stack.url + "/admin/?category=authorities")
    figure = page.get_by_role("img", name="Abdeckung: authorities")
    expect(figure).to_be_visible()
    box = figure.bounding_box()
    assert box is not None and box["width"] <= 390  # fits the phone's width
    assert page.locator("svg.coverage-map g.place").count() >= 47
    page.get_by_text("Die Karte als Tabelle").click()
    expect(page.locator("#coverage-table tbody tr")).to_have_count(52)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)
