"""The staff admin in a real browser against the running gateway."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.stack import SCRIPT_NAME, STAFF_PASSWORD, Stack


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def logged_in(
    browser: Browser, stack: Stack, contexts: list[BrowserContext], username: str
) -> Page:
    context = browser.new_context(locale="de-DE")
    contexts.append(context)
    page = context.new_page()
    page.goto(stack.url + "/admin/")
    expect(page).to_have_url(stack.url + "/admin/login")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    return page


def test_edit_opening_hours_reaches_the_chat(
    browser: Browser, stack: Stack, contexts: list[BrowserContext]
) -> None:
    page = logged_in(browser, stack, contexts, "eddie")
    page.goto(stack.url + "/admin/offers/test-hostile-name")
    hours = page.locator("#loc0_opening_hours")
    hours.fill("Mo-Su 07:30-19:30")
    expect(page.locator(".hours-preview").first).to_contain_text("07:30–19:30")  # live preview
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#loc0_opening_hours")).to_have_value("Mo-Su 07:30-19:30")
    reply = requests.post(
        f"{stack.url}/api/chat",
        json={
            "session": "admin-hours",
            "text": "Ich werde diskriminiert, ich wohne in Mittweida",
            "locale": "de",
        },
        timeout=30,
    ).json()
    offer = next(
        o for m in reply["messages"] for o in m["offers"] if o["id"] == "test-hostile-name"
    )
    assert offer["today_hours"] == ["07:30–19:30"]


def test_two_editors_get_the_conflict_page(
    browser: Browser, stack: Stack, contexts: list[BrowserContext]
) -> None:
    first = logged_in(browser, stack, contexts, "eddie")
    second = logged_in(browser, stack, contexts, "ada")
    for page in (first, second):
        page.goto(stack.url + "/admin/offers/test-script-name")
    first.locator("#provider").fill("Erste Änderung")
    first.get_by_role("button", name="Speichern").click()
    expect(first.locator("#provider")).to_have_value("Erste Änderung")
    second.locator("#provider").fill("Zweite Änderung")
    second.get_by_role("button", name="Speichern").click()
    expect(second.get_by_role("heading", level=1)).to_contain_text("inzwischen")
    expect(second.locator("table")).to_contain_text("Erste Änderung")
    expect(second.locator("table")).to_contain_text("Zweite Änderung")


def test_post_without_csrf_token_is_rejected(
    browser: Browser, stack: Stack, contexts: list[BrowserContext]
) -> None:
    page = logged_in(browser, stack, contexts, "ada")
    response = page.request.post(stack.url + "/admin/offers/test-script-name/verify", form={})
    assert response.status == 403


def test_editor_cannot_open_user_management(
    browser: Browser, stack: Stack, contexts: list[BrowserContext]
) -> None:
    page = logged_in(browser, stack, contexts, "eddie")
    expect(page.get_by_role("link", name="Benutzer")).to_have_count(0)
    response = page.goto(stack.url + "/admin/users")
    assert response is not None and response.status == 403


def test_script_name_is_text_in_list_form_and_widget(
    browser: Browser, stack: Stack, contexts: list[BrowserContext]
) -> None:
    page = logged_in(browser, stack, contexts, "eddie")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(stack.url + "/admin/offers?q=Sprachcaf")
    expect(page.locator("table")).to_contain_text(SCRIPT_NAME)
    page.goto(stack.url + "/admin/offers/test-script-name")
    expect(page.locator("#name_de")).to_have_value(SCRIPT_NAME)
    page.goto(stack.url + "/")
    page.get_by_role("button", name="Chat öffnen").click()
    page.locator("#ww-input").fill("Ich suche einen Treffpunkt in Roßwein")
    page.keyboard.press("Enter")
    expect(page.locator(".ww-offer", has_text="Sprachcafé").first).to_contain_text(SCRIPT_NAME)
    assert dialogs == []
