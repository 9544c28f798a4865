"""Finding offers: the exact responses and slots the actions produce."""

from __future__ import annotations

from actions.find import ActionAskNeed, ActionFindOffers, ActionMoreOffers, parse_age
from actions.followup import (
    ActionCrisis,
    ActionFeedback,
    ActionHandover,
    ActionOfferDetails,
    ActionYesNo,
)
from actions.talk import ActionChangeLanguage, ActionGreet
from services_catalog.catalog import Catalog
from services_catalog.records import Records
from tests.actions.conftest import Run


def responses(messages: list[dict]) -> list[str]:
    return [m["response"] for m in messages]


async def test_need_and_place_in_one_message_gives_offers_in_doebeln(run: Run) -> None:
    messages, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    assert responses(messages) == ["utter_offers"]
    data = messages[0]["data"]
    assert messages[0]["lang"] == "de"
    assert data["offers"][0]["town"] == "Döbeln"
    assert data["place_name"] == "Döbeln"
    assert slots["category"] == "language_course"
    assert slots["place_id"] == "doebeln"
    assert slots["shown_offers"][0] == data["offers"][0]["id"]
    assert slots["language"] == "de"


async def test_need_without_place_asks_for_it_then_place_answers(run: Run) -> None:
    messages, slots = await run(
        ActionFindOffers, "my boss doesn't pay me my wages", "need_labour_rights_counselling"
    )
    assert responses(messages) == ["utter_ask_place"]
    assert messages[0]["lang"] == "en"
    assert slots["pending"] == "place"
    messages, slots = await run(ActionFindOffers, "Chemnitz", "inform_place", slots=slots)
    assert messages[0]["lang"] == "en"  # one word does not switch the language
    assert responses(messages) == ["utter_ask_eu_citizen"]  # BABS is for EU workers
    messages, slots = await run(ActionYesNo, "yes", "affirm", slots=slots)
    assert responses(messages) == ["utter_offers"]
    assert any(o["id"].startswith("babs") for o in messages[0]["data"]["offers"])


async def test_arabic_need_with_latin_town(run: Run) -> None:
    messages, slots = await run(
        ActionFindOffers, "أحتاج طبيب يتكلم عربي في Chemnitz", "need_health_care"
    )
    assert messages[-1]["lang"] == "ar"
    assert slots["place_id"] == "chemnitz"
    assert responses(messages)[0] in ("utter_offers", "utter_no_offers")


async def test_uncertain_place_is_confirmed(run: Run) -> None:
    messages, slots = await run(
        ActionFindOffers,
        "Freiburg",
        "inform_place",
        slots={"category": "health_care", "language": "de"},
    )
    assert responses(messages) == ["utter_confirm_place"]
    assert messages[0]["data"]["candidates"][0]["id"] == "freiberg"
    messages, slots = await run(ActionYesNo, "ja", "affirm", slots=slots)
    assert responses(messages) == ["utter_offers"]
    assert slots["place_id"] == "freiberg"


async def test_unknown_place_is_said_not_silently_replaced(run: Run) -> None:
    slots = {"category": "health_care", "place_id": "freiberg", "language": "de"}
    messages, _ = await run(ActionFindOffers, "Xyzabc", "inform_place", slots=slots)
    assert responses(messages) == ["utter_place_not_found"]


async def test_more_results_pages_without_repeating(run: Run) -> None:
    _, slots = await run(
        ActionFindOffers, "Beratung bei Gewalt in Freiberg", "need_violence_protection"
    )
    first = slots["shown_offers"]
    messages, slots = await run(ActionMoreOffers, "mehr", "more_results", slots=slots)
    if responses(messages) == ["utter_offers"]:
        assert not set(first) & set(slots["shown_offers"])
    else:
        assert responses(messages) == ["utter_no_more_offers"]


async def test_follow_up_questions_use_the_offers_shown(run: Run) -> None:
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    messages, _ = await run(ActionOfferDetails, "ist das kostenlos?", "ask_cost", slots=slots)
    assert responses(messages) == ["utter_offer_details"]
    assert messages[0]["data"]["question"] == "cost"
    assert [o["id"] for o in messages[0]["data"]["offers"]] == slots["shown_offers"]
    messages, _ = await run(
        ActionOfferDetails, "wann offen?", "ask_opening_hours", slots={"language": "de"}
    )
    assert responses(messages) == ["utter_need_offers_first"]


async def test_age_is_asked_only_where_it_changes_the_answer(run: Run, catalog: Catalog) -> None:
    age_limited = [o for o in catalog.index.offers.values() if o.eligibility.max_age is not None]
    messages, slots = await run(
        ActionFindOffers, "Migrationsberatung in Burgstädt", "need_migration_counselling"
    )
    if age_limited:
        assert responses(messages) == ["utter_ask_age"]
        messages, slots = await run(ActionFindOffers, "ich bin 19", "inform_age", slots=slots)
        assert slots["age"] == 19
    assert responses(messages) == ["utter_offers"]
    messages, _ = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    assert responses(messages) == ["utter_offers"]  # no age question for language courses


async def test_crisis_comes_first_then_offers(run: Run) -> None:
    entities = [{"entity": "crisis_type", "value": "violence"}]
    messages, slots = await run(
        ActionCrisis, "он меня бьёт прямо сейчас", "emergency", entities=entities
    )
    assert responses(messages)[0] == "utter_crisis"
    assert messages[0]["data"]["crisis_type"] == "violence"
    assert messages[0]["lang"] == "ru"
    assert responses(messages)[1:] == ["utter_offers"]
    assert slots["category"] == "violence_protection"


async def test_language_button_switches_and_sticks(run: Run) -> None:
    entities = [{"entity": "language", "value": "uk"}]
    messages, slots = await run(
        ActionChangeLanguage,
        '/change_language{"language": "uk"}',
        "change_language",
        entities=entities,
        slots={"language": "de"},
    )
    assert responses(messages) == ["utter_language_switched"]
    assert messages[0]["lang"] == "uk" and slots["language_locked"] is True
    messages, _ = await run(
        ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course", slots=slots
    )
    assert messages[0]["lang"] == "uk"  # a German sentence does not undo the explicit choice


async def test_can_you_speak_english(run: Run) -> None:
    messages, slots = await run(
        ActionChangeLanguage, "kannst du englisch?", "change_language", slots={"language": "de"}
    )
    assert messages[0]["lang"] == "en" and slots["language"] == "en"


async def test_unknown_language_answers_in_german_with_picker(run: Run) -> None:
    messages, _ = await run(ActionGreet, "hi", "greet")
    assert responses(messages) == ["utter_greet", "utter_choose_language"]
    messages, _ = await run(ActionGreet, "hi", "greet", locale="pl-PL")
    assert responses(messages) == ["utter_greet"] and messages[0]["lang"] == "pl"


async def test_feedback_and_handover_are_recorded_without_text(run: Run, catalog: Catalog) -> None:
    records = Records(catalog.store.engine)
    before = len(records.handovers())
    await run(
        ActionFeedback,
        "hat geholfen",
        "feedback_positive",
        slots={"category": "language_course", "language": "de"},
    )
    assert records.feedback_counts()[("language_course", "de", True)] >= 1
    messages, _ = await run(
        ActionHandover,
        "ich will mit einem Menschen reden",
        "talk_to_human",
        slots={"language": "de", "place_id": "doebeln"},
    )
    assert responses(messages) == ["utter_handover"]
    assert messages[0]["data"]["offer"] is not None
    rows = records.handovers()
    assert len(rows) == before + 1
    assert set(rows[0]) == {"id", "category", "place_id", "lang", "status", "created_at"}
    assert rows[0]["place_id"] == "doebeln" and rows[0]["status"] == "new"


async def test_change_need(run: Run) -> None:
    messages, slots = await run(
        ActionAskNeed,
        "etwas anderes",
        "change_need",
        slots={"category": "health_care", "language": "de"},
    )
    assert responses(messages) == ["utter_ask_need"] and slots["category"] is None


def test_parse_age() -> None:
    assert parse_age("I am 19 years old") == 19
    assert parse_age("عمري ١٩ سنة") == 19
    assert parse_age("09599") is None
    assert parse_age("no") is None


async def test_eu_citizenship_is_asked_only_where_it_changes_the_answer(
    gazetteer_catalog: Catalog,
) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from tests.fakes.trackers import tracker

    async def run_on(
        action_class: type, text: str, intent: str, slots: dict
    ) -> tuple[list[dict], dict]:
        dispatcher = CollectingDispatcher()
        action = action_class(
            catalog=gazetteer_catalog, records=Records(gazetteer_catalog.store.engine)
        )
        events = await action.run(dispatcher, tracker(text, intent, slots=slots), {})
        new = dict(slots)
        new.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        return dispatcher.messages, new

    messages, slots = await run_on(
        ActionFindOffers, "mein Chef zahlt nicht, Chemnitz", "need_labour_rights_counselling", {}
    )
    assert responses(messages) == ["utter_ask_eu_citizen"]
    messages, slots = await run_on(ActionYesNo, "ja", "affirm", slots)
    assert responses(messages) == ["utter_offers"]
    assert [o["id"] for o in messages[0]["data"]["offers"]] == ["eu-workers-only", "for-everyone"]
    messages, _ = await run_on(
        ActionYesNo, "nein", "deny", {**slots, "pending": "eu", "eu_citizen": None}
    )
    assert [o["id"] for o in messages[0]["data"]["offers"]] == [
        "for-everyone",
        "third-country-only",
    ]
    messages, _ = await run_on(
        ActionFindOffers, "Deutschkurs in Chemnitz", "need_language_course", {}
    )
    assert responses(messages) != ["utter_ask_eu_citizen"]
