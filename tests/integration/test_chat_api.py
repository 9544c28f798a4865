"""The chat API against the real stack: conversations in several languages, errors, limits."""

from __future__ import annotations

import re

import requests

from tests.stack import Stack

ARABIC = re.compile("[\u0600-\u06ff]")


def texts(response: requests.Response) -> str:
    return "\n".join(m["text"] for m in response.json()["messages"])


def test_healthz(stack: Stack) -> None:
    response = requests.get(f"{stack.url}/healthz", timeout=5)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "gateway": True,
        "rasa": True,
        "actions": True,
        "down": [],
    }


def test_german_need_and_place_in_one_message(stack: Stack) -> None:
    response = stack.chat("de-one", text="Ich suche einen Deutschkurs in Döbeln", locale="de-DE")
    assert response.status_code == 200
    message = response.json()["messages"][0]
    assert message["lang"] == "de" and message["dir"] == "ltr"
    assert message["offers"][0]["town"] == "Döbeln"
    assert message["offers"][0]["distance_km"] < 1
    assert "Döbeln" in message["text"]
    assert any(b["payload"] == "/feedback_positive" for b in message["buttons"])


def test_arabic_need_then_place_then_follow_up(stack: Stack) -> None:
    first = stack.chat("ar-flow", text="أحتاج طبيب يتكلم عربي")
    message = first.json()["messages"][0]
    assert message["lang"] == "ar" and message["dir"] == "rtl"
    assert message["offers"] == [] and message.get("request_location") is True  # asks where
    assert ARABIC.search(message["text"])
    second = stack.chat("ar-flow", text="Chemnitz")
    reply = second.json()["messages"][0]
    assert reply["lang"] == "ar"  # a Latin town name keeps the language
    assert reply["offers"] and reply["offers"][0]["category"] == "health_care"
    assert ARABIC.search(reply["text"]) and "Chemnitz" in reply["text"]
    first_offer = reply["offers"][0]
    third = stack.chat("ar-flow", text="هل هو مجاني؟")
    answer = third.json()["messages"][0]
    assert answer["lang"] == "ar"
    assert first_offer["name"] in answer["text"].replace("\u2068", "").replace("\u2069", "")


def test_ukrainian_crisis_comes_first(stack: Stack) -> None:
    response = stack.chat("uk-crisis", text="хочу вбити себе")
    messages = response.json()["messages"]
    assert messages[0]["lang"] == "uk"
    assert messages[0].get("emergency") is True
    digits = messages[0]["text"].replace(" ", "")
    assert "08001110111" in digits and "112" in digits


def test_polish_wages_in_chemnitz_finds_babs(stack: Stack) -> None:
    response = stack.chat("pl-babs", text="szef nie płaci mi wypłaty, mieszkam w Chemnitz")
    message = response.json()["messages"][0]
    assert message["lang"] == "pl"
    # answer first: BABS (for EU workers) is shown at once, citizenship only refines
    assert any(o["id"].startswith("babs") for o in message["offers"]), message
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/inform_age{"eu_citizen": true}' in payloads
    refined = stack.chat("pl-babs", payload='/inform_age{"eu_citizen": false}')
    after = refined.json()["messages"][0]
    assert after["lang"] == "pl" and after["offers"]
    assert all(
        "eu_workers" not in o.get("audiences", []) or len(o["audiences"]) > 1
        for o in after["offers"]
    )


def test_language_switch_sticks(stack: Stack) -> None:
    stack.chat("switch", text="Hallo", locale="de")
    switched = stack.chat("switch", payload='/change_language{"language": "tr"}')
    assert switched.json()["messages"][0]["lang"] == "tr"
    after = stack.chat("switch", text="Ich brauche einen Arzt in Freiberg")
    assert after.json()["messages"][0]["lang"] == "tr"


def test_shared_location(stack: Stack) -> None:
    stack.chat("loc", text="I need a German course", locale="en")
    response = stack.chat("loc", location={"lat": 50.9166, "lon": 13.3412})  # Freiberg
    message = response.json()["messages"][0]
    assert message["lang"] == "en"
    assert message["offers"], message


def test_out_of_scope_is_polite_with_menu(stack: Stack) -> None:
    response = stack.chat("oos", text="what's the weather like tomorrow in Berlin?", locale="en")
    message = response.json()["messages"][0]
    assert len(message["buttons"]) == 13 and message["offers"] == []


def test_bad_input(stack: Stack) -> None:
    url = f"{stack.url}/api/chat"
    assert requests.post(url, data=b"{not json", timeout=5).status_code == 400
    assert requests.post(url, json={"session": "x y", "text": "hi"}, timeout=5).status_code == 400
    assert (
        requests.post(
            url, json={"session": "s", "text": "hi", "payload": "/greet"}, timeout=5
        ).status_code
        == 400
    )
    assert requests.post(url, json={"session": "s", "text": ""}, timeout=5).status_code == 400
    assert (
        requests.post(url, json={"session": "s", "text": "a" * 2001}, timeout=5).status_code == 413
    )
    assert requests.post(url, data=b"x" * 100_000, timeout=5).status_code == 413
    error = requests.post(url, json={"session": "s", "location": {"lat": 999, "lon": 0}}, timeout=5)
    assert error.status_code == 400 and "lat" in error.json()["error"]


def test_forget_deletes_the_conversation(stack: Stack) -> None:
    stack.chat("forget-me", text="Ich brauche einen Arzt in Freiberg")
    deleted = requests.delete(f"{stack.url}/api/chat/forget-me", timeout=10)
    assert deleted.status_code == 200 and deleted.json()["deleted"] is True
    assert deleted.json()["events"] > 0  # what was stored, counted truthfully
    nothing = requests.delete(f"{stack.url}/api/chat/forget-me", timeout=10)
    assert nothing.json() == {"deleted": False, "events": 0}  # no second "deleted"
    # The conversation starts afresh: the place is no longer known.
    again = stack.chat("forget-me", text="mehr")
    assert again.json()["messages"][0]["offers"] == []
    assert requests.delete(f"{stack.url}/api/chat/not%20valid", timeout=10).status_code == 400


def test_logs_hold_no_message_text_places_or_phone_numbers(stack: Stack) -> None:
    secret = "Zwiebelkuchen Quarkspeise Nachtigall"
    reply = stack.chat("privacy", text=f"{secret} ich brauche Hilfe bei Gewalt in Hainichen")
    phones = [o["phone"] for m in reply.json()["messages"] for o in m["offers"] if o.get("phone")]
    logs = "".join(
        path.read_text(encoding="utf-8", errors="replace") for path in stack.logs.glob("*.log")
    )
    assert secret not in logs
    assert "Hainichen" not in logs
    for phone in phones:
        assert phone not in logs
