"""The chat widget in a real browser: RTL, buttons, offer cards, reloads, hostile names, a11y."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Dialog, Page, expect

from tests.stack import XSS_NAME, Stack


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:
    context = browser.new_context(
        locale="de-DE",
        geolocation={"latitude": 50.9166, "longitude": 13.3412},
        permissions=["geolocation"],
    )
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(stack.url + "/")
    page.get_by_role("button", name="Chat öffnen").click()
    yield page
    assert dialogs == [], "a script ran from content"
    context.close()


def say(page: Page, text: str) -> None:
    page.locator("#ww-input").fill(text)
    page.keyboard.press("Enter")


def test_arabic_conversation_is_right_to_left(page: Page) -> None:
    say(page, "أحتاج طبيب يتكلم عربي في كيمنتس")
    reply = page.locator(".ww-bot").last
    expect(reply).to_have_attribute("dir", "rtl")
    expect(reply).to_have_attribute("lang", "ar")
    expect(page.locator("#ww-panel")).to_have_attribute("dir", "rtl")  # the widget follows
    direction = reply.evaluate("node => getComputedStyle(node).direction")
    assert direction == "rtl"


def test_button_click_and_offer_card_town(page: Page) -> None:
    say(page, "Hallo")
    page.locator(".ww-quick", has_text="Deutschkurse").first.click()
    expect(page.locator(".ww-bot").last).to_contain_text("Postleitzahl")
    say(page, "Döbeln")
    card = page.locator(".ww-offer").first
    expect(card).to_contain_text("Döbeln")
    map_link = card.locator("a", has_text="Auf der Karte zeigen").first
    assert "openstreetmap.org" in (map_link.get_attribute("href") or "")


def test_session_survives_a_reload(page: Page) -> None:
    say(page, "Ich suche einen Deutschkurs in Freiberg")
    expect(page.locator(".ww-offer").first).to_be_visible()
    count = page.locator(".ww-msg").count()
    page.reload()
    expect(page.locator(".ww-msg")).to_have_count(count)
    say(page, "mehr bitte")
    expect(page.locator(".ww-bot").last).not_to_contain_text("Sagen Sie mir zuerst")


def test_widget_keeps_the_session_the_server_issued(page: Page) -> None:
    with page.expect_response("**/api/chat") as first:
        say(page, "Hallo")
    assert "session" not in (first.value.request.post_data_json or {})  # none made up
    issued = first.value.json()["session"]
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('wegweiser-widget')).session")
    assert stored == issued
    with page.expect_response("**/api/chat") as second:
        say(page, "Deutschkurs in Döbeln")
    sent = second.value.request.post_data_json or {}
    assert sent["session"] == issued


def test_hostile_offer_name_renders_as_text(page: Page) -> None:
    say(page, "Ich werde diskriminiert, ich wohne in Mittweida")
    card = page.locator(".ww-offer", has_text="onerror").first
    expect(card).to_contain_text(XSS_NAME)
    assert page.locator(".ww-offer img").count() == 0


def test_no_serious_accessibility_violations(page: Page) -> None:
    say(page, "Deutschkurs in Döbeln")
    expect(page.locator(".ww-offer").first).to_be_visible()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"]) for v in serious]


def test_keyboard_only(page: Page) -> None:
    page.keyboard.press("Escape")
    launcher = page.get_by_role("button", name="Chat öffnen")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#ww-input")).to_be_focused()
    page.keyboard.type("Hallo")
    page.keyboard.press("Enter")
    expect(page.locator(".ww-bot").last).to_be_visible()
