"""Finding offers: the exact responses and slots the actions produce."""

from __future__ import annotations

import pytest

from actions.find import ActionAskNeed, ActionAskPlace, ActionFindOffers, ActionMoreOffers
from actions.followup import (
    ActionCrisis,
    ActionFeedback,
    ActionHandover,
    ActionOfferDetails,
    ActionYesNo,
)
from actions.language_names import named_languages
from actions.talk import ActionChangeLanguage, ActionGreet, ActionHelp, ActionOutOfScope
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
    # answer first: BABS (for EU workers) is among the offers, the question is a button
    assert responses(messages) == ["utter_offers"]
    assert any(o["id"].startswith("babs") for o in messages[0]["data"]["offers"])
    assert messages[0]["data"]["refine"].get("eu") is True


async def test_arabic_need_with_latin_town_gets_the_arabic_speaking_clinic(
    run_small: Run,
) -> None:
    messages, slots = await run_small(
        ActionFindOffers, "أحتاج طبيب يتكلم عربي في Chemnitz", "need_health_care"
    )
    assert messages[-1]["lang"] == "ar"
    assert slots["place_id"] == "chemnitz"
    assert responses(messages) == ["utter_offers"]
    assert [o["id"] for o in messages[0]["data"]["offers"]] == ["clinic-arabic", "clinic-german"]


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


async def test_a_town_taken_for_yes_or_no_answers_where(run: Run) -> None:
    """ "Mulda" after "where?" was taken for "yes": a town named is the answer."""
    slots = {"category": "health_care", "pending": "place", "language": "ro"}
    messages, slots = await run(ActionYesNo, "Mulda", "affirm", slots=slots)
    assert responses(messages) == ["utter_offers"]
    assert slots["place_id"] == "mulda"
    # a plain yes still gets the help
    messages, _ = await run(ActionYesNo, "da", "affirm", slots={"language": "ro"})
    assert responses(messages) == ["utter_help"]


async def test_unknown_place_is_said_not_silently_replaced(run: Run) -> None:
    slots = {"category": "health_care", "place_id": "freiberg", "language": "de"}
    messages, _ = await run(ActionFindOffers, "Xyzabc", "inform_place", slots=slots)
    assert responses(messages) == ["utter_place_not_found"]


async def test_more_results_pages_without_repeating(run_small: Run) -> None:
    _, slots = await run_small(
        ActionFindOffers, "Beratung bei Gewalt in Freiberg", "need_violence_protection"
    )
    first = slots["shown_offers"]
    assert first == ["protection-1", "protection-2", "protection-3"]
    messages, slots = await run_small(ActionMoreOffers, "mehr", "more_results", slots=slots)
    assert responses(messages) == ["utter_offers"]
    assert slots["shown_offers"] == ["protection-4", "protection-5", "womens-refuge"]
    messages, _ = await run_small(ActionMoreOffers, "mehr", "more_results", slots=slots)
    assert responses(messages) == ["utter_no_more_offers"]


async def test_more_after_the_nearest_reaches_farther(run: Run) -> None:
    """Asylum counselling near Chemnitz: after the first page, "more" shows the next ones
    even beyond the usual reach (the Leipzig law clinic, ~70 km) instead of "no more"."""
    _, slots = await run(
        ActionFindOffers, "Asylberatung in Chemnitz", "need_asylum_legal_counselling"
    )
    messages, after = await run(ActionMoreOffers, "andere?", "more_results", slots=slots)
    assert responses(messages) == ["utter_offers"]
    shown = after["shown_offers"]
    assert shown and not set(shown) & set(slots["shown_offers"])
    assert "refugee-law-clinic-leipzig" in shown


@pytest.mark.parametrize(
    ("ranking", "answered"),
    [
        ([("out_of_scope", 0.51), ("ask_opening_hours", 0.45)], True),  # a close second
        ([("nlu_fallback", 0.3), ("ask_opening_hours", 0.21)], True),  # first after fallback
        ([("out_of_scope", 0.61), ("ask_opening_hours", 0.3)], False),  # the weather there?
        ([("out_of_scope", 0.51), ("ask_opening_hours", 0.2)], False),
    ],
)
async def test_a_question_about_the_offers_ranked_close_is_answered(
    run: Run, ranking: list[tuple[str, float]], answered: bool
) -> None:
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    messages, _ = await run(
        ActionOutOfScope, "meas yijemir? saat kindey", "out_of_scope", slots=slots, ranking=ranking
    )
    if answered:
        assert responses(messages) == ["utter_offer_details"]
        assert messages[0]["data"]["question"] == "hours"
        assert [o["id"] for o in messages[0]["data"]["offers"]] == slots["shown_offers"]
    else:
        assert responses(messages) == ["utter_out_of_scope"]


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


async def test_age_never_withholds_offers_and_refines_by_button(run_small: Run) -> None:
    messages, slots = await run_small(
        ActionFindOffers, "Migrationsberatung in Burgstädt", "need_migration_counselling"
    )
    assert responses(messages) == ["utter_offers"]  # answer first, no age question
    data = messages[0]["data"]
    assert [o["id"] for o in data["offers"]] == ["a-youth-service", "b-adult-counselling"]
    assert data["offers"][0]["max_age"] == 26  # the card says whom it is for
    assert data["refine"] == {"age_limit": 26}
    entities = [{"entity": "age", "value": 27}]  # the button "I am older than 26"
    messages, slots = await run_small(
        ActionFindOffers, '/inform_age{"age": 27}', "inform_age", entities=entities, slots=slots
    )
    assert slots["age"] == 27
    assert [o["id"] for o in messages[0]["data"]["offers"]] == ["b-adult-counselling"]
    assert messages[0]["data"]["refine"] == {}


async def test_age_in_the_message_is_read_in_any_script(run_small: Run) -> None:
    for text in ("ich bin 19, Migrationsberatung in Burgstädt", "عمري ١٩ سنة، بورغشتيت"):
        messages, slots = await run_small(ActionFindOffers, text, "need_migration_counselling")
        assert slots["age"] == 19
        assert [o["id"] for o in messages[0]["data"]["offers"]] == ["a-youth-service"]


async def test_no_refinement_where_nothing_would_change(run_small: Run) -> None:
    messages, _ = await run_small(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    assert responses(messages) == ["utter_offers"]
    assert messages[0]["data"]["refine"] == {}


async def test_general_free_course_before_specialised_and_paid(run_small: Run) -> None:
    messages, _ = await run_small(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    assert [o["id"] for o in messages[0]["data"]["offers"]] == [
        "c-integration-course",
        "b-paid-course",
        "a-dsh-exam",
    ]
    messages, _ = await run_small(ActionFindOffers, "DSH Prüfung in Döbeln", "need_language_course")
    assert messages[0]["data"]["offers"][0]["id"] == "a-dsh-exam"  # asked for by name


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


@pytest.mark.parametrize(
    ("text", "confidence", "category"),
    [
        ("is there also in Chemnitz? i go there every week", 0.45, "language_course"),
        # a short opening question about another town keeps the need however sure the guess
        ("is there also in Chemnitz? i go there every week", 0.8, "language_course"),
        ("i want to meet people in Chemnitz, i go there every week", 0.9, "community"),
        ("people to meet in Chemnitz? i am so alone", 0.9, "community"),
        # only a town in the question: the reason after it does not change the need
        ("and in chemnitz? i go there to meet people", 0.9, "language_course"),
    ],
)
async def test_after_offers_another_town_with_a_weak_other_need_moves_the_search(
    run: Run, text: str, confidence: float, category: str
) -> None:
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    messages, after = await run(
        ActionFindOffers,
        text,
        "need_community",
        slots=slots,
        ranking=[("need_community", confidence), ("inform_place", 0.14)],
    )
    assert responses(messages) == ["utter_offers"]
    assert after["place_id"] == "chemnitz"
    assert after.get("category", slots["category"]) == category
    assert messages[0]["data"]["offers"][0]["category"] == category


async def test_after_unnamed_danger_the_town_is_kept_for_the_need(run: Run) -> None:
    messages, slots = await run(
        ActionCrisis,
        "marhaba, ana sakin b Doebeln hala2",
        "emergency",
        ranking=[("emergency", 1.0), ("inform_place", 0.27)],
    )
    assert responses(messages) == ["utter_crisis", "utter_ask_need"]
    assert slots["place_id"] == "doebeln"
    messages, _ = await run(
        ActionFindOffers, "Anmeldung, wo ist das Amt?", "need_authorities", slots=slots
    )
    assert responses(messages) == ["utter_offers"]  # no second question for the town


async def test_and_is_there_also_an_office_is_its_search(run: Run) -> None:
    """ "a je tam i Jobcenter?" (and is there a Jobcenter too?) after youth migration
    counselling, with the cost question ranked next (0.27): the Jobcenter there."""
    _, slots = await run(ActionFindOffers, "JMD ve Flöha", "need_migration_counselling")
    ranking = [("need_work_and_training", 0.67), ("ask_cost", 0.27)]
    messages, after = await run(
        ActionFindOffers, "a je tam i Jobcenter?", ranking[0][0], slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "work_and_training" and after["place_id"] == "floeha"


async def test_after_unnamed_danger_a_town_answers_where_for_the_need_asked(run: Run) -> None:
    """ "je suis a dobeln dans le heim" after "where?" for asylum counselling: danger ranked
    second (no phrase) brings the numbers, then the asylum offers there, not the topics."""
    _, slots = await run(
        ActionFindOffers, "ma demande d'asile a été rejetée", "need_asylum_legal_counselling"
    )
    assert slots["pending"] == "place"
    messages, after = await run(
        ActionCrisis,
        "je suis a dobeln dans le heim",
        "emergency",
        slots=slots,
        ranking=[("emergency", 1.0), ("inform_place", 0.69)],
    )
    assert responses(messages) == ["utter_crisis", "utter_offers"]
    assert after["place_id"] == "doebeln" and after["category"] == "asylum_legal_counselling"


@pytest.mark.parametrize(
    ("confidence", "category"), [(0.3, "violence_protection"), (0.8, "asylum_legal_counselling")]
)
async def test_after_the_numbers_the_help_the_message_clearly_asks_for(
    run: Run, confidence: float, category: str
) -> None:
    entities = [{"entity": "crisis_type", "value": "violence"}]
    messages, slots = await run(
        ActionCrisis,
        "Asyl abgelehnt, wenn ich zurück muss, bringen die mich um. Ich wohne in Döbeln",
        "emergency",
        entities=entities,
        ranking=[("emergency", 1.0), ("need_asylum_legal_counselling", confidence)],
    )
    assert responses(messages)[0] == "utter_crisis"  # the numbers come first all the same
    assert slots["category"] == category
    assert messages[1]["data"]["offers"][0]["category"] == category


@pytest.mark.parametrize(
    ("confidence", "category"), [(0.42, "violence_protection"), (0.9, "family_and_school")]
)
async def test_after_the_crisis_a_place_with_a_weak_other_need_answers_where(
    run: Run, confidence: float, category: str
) -> None:
    # asked where after the numbers; "…with the children?" is context, unless clearly a new need
    after_crisis = {"category": "violence_protection", "pending": "place", "language": "de"}
    messages, slots = await run(
        ActionFindOffers,
        "ich bin in Döbeln, wo kann ich danach mit den Kindern hin?",
        "need_family_and_school",
        slots=after_crisis,
        ranking=[("need_family_and_school", confidence), ("need_community", 0.2)],
    )
    assert responses(messages) == ["utter_offers"]
    assert slots.get("category", "violence_protection") == category
    assert messages[0]["data"]["offers"][0]["category"] == category


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
    messages, _ = await run(ActionGreet, "👋", "greet")
    assert responses(messages) == ["utter_greet", "utter_choose_language"]
    messages, _ = await run(ActionGreet, "👋", "greet", locale="pl-PL")
    assert responses(messages) == ["utter_greet"] and messages[0]["lang"] == "pl"
    messages, _ = await run(ActionGreet, "hi", "greet")  # an English greeting is English
    assert responses(messages) == ["utter_greet"] and messages[0]["lang"] == "en"


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


async def test_eu_citizenship_refines_without_blocking(run_small: Run) -> None:
    messages, slots = await run_small(
        ActionFindOffers, "mein Chef zahlt nicht, Chemnitz", "need_labour_rights_counselling"
    )
    assert responses(messages) == ["utter_offers"]
    assert messages[0]["data"]["refine"] == {"eu": True}
    assert len(messages[0]["data"]["offers"]) == 3
    expected = {
        True: ["eu-workers-only", "for-everyone"],
        False: ["for-everyone", "third-country-only"],
    }
    for eu, offer_ids in expected.items():
        messages, refined = await run_small(
            ActionFindOffers,
            f'/inform_age{{"eu_citizen": {str(eu).lower()}}}',  # the refinement button
            "inform_age",
            entities=[{"entity": "eu_citizen", "value": eu}],
            slots=slots,
        )
        assert refined["eu_citizen"] is eu
        assert [o["id"] for o in messages[0]["data"]["offers"]] == offer_ids


async def test_citizenship_in_the_message_is_read(run_small: Run) -> None:
    messages, slots = await run_small(
        ActionFindOffers,
        "jestem z Rumunii, szef nie płaci, Chemnitz",
        "need_labour_rights_counselling",
    )
    assert slots["eu_citizen"] is True
    assert [o["id"] for o in messages[0]["data"]["offers"]] == ["eu-workers-only", "for-everyone"]


async def test_a_wish_before_any_offer_is_taken_as_the_need(run_small: Run) -> None:
    ranking = [("ask_languages", 0.6), ("need_health_care", 0.3)]
    messages, slots = await run_small(
        ActionOfferDetails,
        "a doctor who speaks Arabic in Chemnitz",
        "ask_languages",
        ranking=ranking,
    )
    assert responses(messages) == ["utter_offers"]
    assert slots["category"] == "health_care"
    assert messages[0]["data"]["offers"][0]["id"] == "clinic-arabic"


async def test_a_place_answering_the_question_is_not_out_of_scope(run_small: Run) -> None:
    slots = {"category": "violence_protection", "pending": "place", "language": "de"}
    messages, _ = await run_small(
        ActionOutOfScope, "wohne in freiberg", "nlu_fallback", slots=slots
    )
    assert responses(messages) == ["utter_offers"]
    messages, _ = await run_small(
        ActionOutOfScope, "wie wird das Wetter morgen", "out_of_scope", slots=slots
    )
    assert responses(messages) == ["utter_out_of_scope"]
    # a longer answer, with a weak guess at another need, answers where too
    ranking = [("nlu_fallback", 0.3), ("need_asylum_legal_counselling", 0.29)]
    messages, after = await run_small(
        ActionOutOfScope,
        "ich bin jetzt in Freiberg, wohin kann ich danach mit den Kindern gehen?",
        "nlu_fallback",
        slots=slots,
        ranking=ranking,
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "violence_protection"


async def test_a_gay_man_is_not_sent_to_a_womens_refuge(run_small: Run) -> None:
    messages, _ = await run_small(
        ActionFindOffers, "Hilfe bei Gewalt in Döbeln", "need_violence_protection"
    )
    assert messages[0]["data"]["offers"][0]["id"] == "womens-refuge"  # 28 km nearer
    messages, slots = await run_small(
        ActionFindOffers,
        "ich bin schwul und werde in meiner Unterkunft in Döbeln bedroht",
        "need_violence_protection",
    )
    assert slots["groups"] == ["lgbtq"]
    assert messages[0]["data"]["offers"][0]["id"] == "protection-1"
    messages, slots = await run_small(
        ActionFindOffers, "mein Mann schlägt mich, Döbeln", "need_violence_protection"
    )
    assert messages[0]["data"]["offers"][0]["id"] == "womens-refuge"


async def test_a_place_answering_where_keeps_the_need(run_small: Run) -> None:
    slots = {"category": "health_care", "pending": "place", "language": "en"}
    messages, slots = await run_small(ActionFindOffers, "chemnitz", "need_authorities", slots=slots)
    assert slots["category"] == "health_care"
    assert messages[0]["data"]["offers"][0]["category"] == "health_care"


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("можете писати англійською? мій чоловік не читає українською", "uk"),
        ("можешь дальше писать по-английски? он не читает по-русски", "ru"),  # adverbs
        ("а можна російською? бабуся не читає українською", "uk"),  # any name, any case
        ("можно на вьетнамском? бабушка не читает по-русски", "ru"),
        ("czy można po rumuńsku? mąż nie czyta po polsku", "pl"),
        ("ممكن تكتبلي بالإنكليزي؟ جوزي ما بيعرف يقرا عربي", "ar"),  # Levantine "in English"
        ("اكتبلي بالفرنساوي، انا ما بقرا عربي", "ar"),
    ],
)
async def test_switching_to_one_of_two_named_languages(run: Run, text: str, current: str) -> None:
    messages, slots = await run(
        ActionChangeLanguage, text, "change_language", slots={"language": current}
    )
    wanted = {"російською": "ru", "вьетнамском": "vi", "rumuńsku": "ro", "بالفرنساوي": "fr"}
    expected = next((code for word, code in wanted.items() if word in text), "en")
    assert slots["language"] == expected and messages[0]["lang"] == expected


async def test_an_office_name_in_any_script_names_the_need(run: Run) -> None:
    ranking = [("inform_place", 0.28), ("ask_address", 0.08), ("need_work_and_training", 0.07)]
    messages, slots = await run(ActionFindOffers, "جاب سنتر فلوها", "inform_place", ranking=ranking)
    assert slots["category"] == "work_and_training"
    assert messages[0]["lang"] in ("ar", "fa")  # no letter tells them apart here
    assert messages[0]["data"]["offers"][0]["category"] == "work_and_training"
    ranking = [("ask_address", 0.72), ("out_of_scope", 0.04), ("need_work_and_training", 0.04)]
    messages, slots = await run(
        ActionOfferDetails, "وين اقرب جوب سنتر", "ask_address", ranking=ranking
    )
    assert slots["category"] == "work_and_training" and slots["pending"] == "place"


async def test_a_town_and_a_word_of_need_answers_the_need(run: Run) -> None:
    # "munca" (work): the classifier ranks "a place" first and the need second
    ranking = [("inform_place", 0.52), ("need_work_and_training", 0.44), ("greet", 0.01)]
    messages, slots = await run(ActionFindOffers, "munca Flöha", "inform_place", ranking=ranking)
    assert slots["category"] == "work_and_training"
    assert messages[0]["data"]["offers"][0]["category"] == "work_and_training"
    # a town alone is a place, whatever need the classifier ranks second
    ranking = [("inform_place", 0.55), ("need_work_and_training", 0.40), ("greet", 0.01)]
    messages, slots = await run(ActionFindOffers, "Flöha", "inform_place", ranking=ranking)
    assert slots.get("category") is None
    assert "offers" not in messages[0]["data"]


WAGES_IN_ROCHLITZ = "mar7aba, l m3allem ma 3am yedfa3li ma3ashi men shahren. ana b Rochlitz"


@pytest.mark.parametrize(
    ("text", "ranking", "searched"),
    [
        (
            WAGES_IN_ROCHLITZ,
            [("need_labour_rights_counselling", 0.26), ("need_work_and_training", 0.22)],
            True,
        ),
        # "I have a question": below a quarter, and no town that would say where help is
        # wanted (test_a_weak_need_beside_a_town_is_searched_there)
        ("bi sorum var", [("need_health_care", 0.23), ("greet", 0.16)], False),
    ],
)
async def test_a_need_guess_counts_from_a_quarter(
    run_small: Run, text: str, ranking: list[tuple[str, float]], searched: bool
) -> None:
    ranking = [("nlu_fallback", 0.3), *ranking]
    messages, slots = await run_small(ActionOutOfScope, text, "nlu_fallback", ranking=ranking)
    if searched:
        assert slots["category"] == "labour_rights_counselling"
        assert responses(messages) == ["utter_offers"]
    else:
        assert not slots.get("category")


async def test_vague_help_gets_the_topics_not_a_guessed_need(run_small: Run) -> None:
    ranking = [("nlu_fallback", 0.3), ("need_work_and_training", 0.36), ("help", 0.32)]
    messages, slots = await run_small(
        ActionOutOfScope, "yardim lazim", "nlu_fallback", ranking=ranking
    )
    assert responses(messages) == ["utter_help"]
    assert not slots.get("category")
    # a need well ahead of "help" is still taken
    ranking = [("nlu_fallback", 0.3), ("need_work_and_training", 0.28), ("greet", 0.2)]
    messages, slots = await run_small(
        ActionOutOfScope, "is iş lazım", "nlu_fallback", ranking=ranking
    )
    assert slots["category"] == "work_and_training"


async def test_right_after_the_emergency_numbers_a_place_keeps_them_first(run: Run) -> None:
    """ "I'm in Hartha, alone" after a danger message: the numbers again, then what follows."""
    messages, _ = await run(
        ActionFindOffers,
        "mk dang o Hartha 1 minh",
        "inform_place",
        slots={"pending": "need"},
        answered_by=["action_crisis"],
    )
    assert responses(messages)[0] == "utter_crisis"
    messages, _ = await run(
        ActionFindOffers, "ich bin in Hartha", "inform_place", slots={"pending": "need"}
    )
    assert "utter_crisis" not in responses(messages)


@pytest.mark.parametrize(
    ("action", "text", "intent"),
    [
        (ActionOfferDetails, "e ở Penig, gọi số nào có ng nói tiếng việt ko", "ask_languages"),
        (ActionOutOfScope, "was soll ich jetzt machen, ich bin allein", "out_of_scope"),
        # taken for "not helpful": still someone who may be in danger
        (ActionFeedback, "e ko nói đc tiếng đức nhiều, giờ gọi số nào", "feedback_negative"),
    ],
)
async def test_after_the_numbers_a_question_gets_them_first_again(
    run: Run,
    action: type[ActionOfferDetails | ActionOutOfScope | ActionFeedback],
    text: str,
    intent: str,
) -> None:
    """Right after the emergency numbers, a question from someone who may still be in danger
    ("which number speaks Vietnamese?") gets the numbers first again."""
    messages, _ = await run(action, text, intent, answered_by=["action_crisis"])
    assert responses(messages)[0] == "utter_crisis"
    messages, _ = await run(action, text, intent)
    assert "utter_crisis" not in responses(messages)


async def test_after_the_numbers_a_clear_other_need_comes_without_them(run: Run) -> None:
    messages, _ = await run(
        ActionFindOffers,
        "Deutschkurs in Döbeln",
        "need_language_course",
        answered_by=["action_crisis"],
        ranking=[("need_language_course", 0.9)],
    )
    assert responses(messages) == ["utter_offers"]


async def test_out_of_scope_naming_the_town_searched_does_not_repeat_the_offers(run: Run) -> None:
    _, slots = await run(
        ActionFindOffers, "Migrationsberatung in Frankenberg", "need_migration_counselling"
    )
    messages, _ = await run(
        ActionOutOfScope,
        "سبا به په فرانکنبرګ کې واوره وي؟",
        "out_of_scope",
        slots=slots,
        ranking=[("out_of_scope", 0.64), ("inform_place", 0.23), ("ask_languages", 0.03)],
    )
    assert responses(messages) == ["utter_out_of_scope"]
    # nor does one about another town that the classifier is sure is out of scope, also
    # with "help" ranked third at next to nothing
    messages, after = await run(
        ActionOutOfScope,
        "شو الطقس بكرا بكمنتس؟",
        "out_of_scope",
        slots=slots,
        ranking=[("out_of_scope", 0.99), ("ask_opening_hours", 0.003), ("help", 0.0006)],
    )
    assert responses(messages) == ["utter_out_of_scope"]
    assert after["place_id"] == "chemnitz"  # kept for a need that may follow


@pytest.mark.parametrize(
    ("need", "need_intent", "text", "ranking", "place", "category"),
    [
        (
            "Deutschkurs in Döbeln",
            "need_language_course",
            "а в Митвайде есть такое?",
            [("nlu_fallback", 0.3), ("ask_languages", 0.26), ("inform_place", 0.21)],
            "mittweida",
            "language_course",
        ),
        (  # Persian in Latin letters that the classifier did not understand
            "Ausbildung in Oederan",
            "need_work_and_training",
            "age Chemnitz bashe chi? unja ham hast?",
            [("nlu_fallback", 0.3), ("need_community", 0.22), ("more_results", 0.19)],
            "chemnitz",
            "work_and_training",
        ),
        (  # "and if we move to Leipzig?": a place ranked above a guess at another need
            "Kita in Hainichen",
            "need_family_and_school",
            "Nếu nhà tôi chuyển lên Lai-xích thì sao?",
            [
                ("nlu_fallback", 0.3),
                ("inform_place", 0.33),
                ("need_asylum_legal_counselling", 0.30),
            ],
            "leipzig",
            "family_and_school",
        ),
        (  # "my son in Leipzig wants it too, where does he go there?": not understood,
            # a weak guess at another need
            "Einbürgerung in Mittweida",
            "need_authorities",
            "Con trai tôi ở Leipzig cũng muốn làm, ở đó thì đi đâu?",
            [
                ("nlu_fallback", 0.3),
                ("need_asylum_legal_counselling", 0.29),
                ("out_of_scope", 0.18),
            ],
            "leipzig",
            "authorities",
        ),
    ],
)
async def test_another_town_after_offers_searches_there(
    run: Run,
    need: str,
    need_intent: str,
    text: str,
    ranking: list[tuple[str, float]],
    place: str,
    category: str,
) -> None:
    """Not understood, or taken for a question about the offers: another town named after
    offers is the same search there."""
    _, slots = await run(ActionFindOffers, need, need_intent)
    messages, after = await run(
        ActionOutOfScope, text, "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["place_id"] == place and after["category"] == category


async def test_the_same_need_beside_a_question_asks_about_the_offers_shown(run: Run) -> None:
    """ "the doctor there speak arabic?" after doctors were shown: doctor 0.88, languages 0.12."""
    _, slots = await run(ActionFindOffers, "doctor in Roßwein", "need_health_care")
    ranking = [("need_health_care", 0.88), ("ask_languages", 0.12)]
    messages, _ = await run(
        ActionFindOffers,
        "the doctor there speak arabic?",
        "need_health_care",
        slots=slots,
        ranking=ranking,
    )
    assert responses(messages) == ["utter_offer_details"]
    assert messages[0]["data"]["question"] == "languages"
    # another town is a new search there, not a question
    messages, after = await run(
        ActionFindOffers, "a doctor in Freiberg?", "need_health_care", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"] and after["place_id"] == "freiberg"


@pytest.mark.parametrize(
    ("text", "intent", "ranking"),
    [
        (
            "und in Freiberg? da arbeite ich",
            "need_work_and_training",
            [("need_work_and_training", 0.62), ("inform_place", 0.22)],
        ),
        (
            "und in döbeln? da gehe ich zur schule",
            "out_of_scope",
            [("out_of_scope", 0.5), ("need_family_and_school", 0.2)],
        ),
    ],
)
async def test_a_short_question_naming_another_town_then_a_reason_keeps_the_need(
    run: Run, text: str, intent: str, ranking: list[tuple[str, float]]
) -> None:
    _, slots = await run(ActionFindOffers, "Einbürgerung in Mittweida", "need_authorities")
    action = ActionOutOfScope if intent == "out_of_scope" else ActionFindOffers
    messages, after = await run(action, text, intent, slots=slots, ranking=ranking)
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "authorities" and after["place_id"] in ("freiberg", "doebeln")


async def test_a_new_need_asked_in_another_town_is_still_a_new_need(run: Run) -> None:
    _, slots = await run(ActionFindOffers, "Einbürgerung in Mittweida", "need_authorities")
    _, after = await run(
        ActionFindOffers,
        "Deutschkurs in Freiberg, geht das auch abends?",
        "need_language_course",
        slots=slots,
        ranking=[("need_language_course", 0.9)],
    )
    assert after["category"] == "language_course"


async def test_a_question_naming_another_town_searches_there(run: Run, catalog: Catalog) -> None:
    """ "а в Митвайде есть такое?" classified as a question about the offers shown: the same
    help in Mittweida; a question naming the town of a shown offer is still answered."""
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    messages, after = await run(
        ActionOfferDetails, "а в Лейпциге есть такое?", "ask_languages", slots=slots
    )
    assert responses(messages) == ["utter_offers"]
    assert after["place_id"] == "leipzig" and after["category"] == "language_course"
    elsewhere = next(
        location
        for offer_id in slots["shown_offers"]
        for location in catalog.index.offers[offer_id].locations
        if location.place_id != "doebeln"
    )
    messages, _ = await run(
        ActionOfferDetails,
        f"spricht man in {elsewhere.town} arabisch?",
        "ask_languages",
        slots=slots,
    )
    assert responses(messages) == ["utter_offer_details"]


@pytest.mark.parametrize("intent", ["ask_address", "ask_opening_hours", "ask_languages"])
async def test_where_in_another_town_searches_there_even_with_an_office_there(
    run: Run, catalog: Catalog, intent: str
) -> None:
    """ "and in Chemnitz? it happened there" taken for an address question, "and in
    Dresden, is there something like it too? I'm there at weekends" for one about opening
    hours, or "А в Хемнице такое есть? Я там работаю" for one about languages that names
    none: the search in that town, even when one of the offers shown is there (it comes
    first there anyway)."""
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    elsewhere = next(
        location
        for offer_id in slots["shown_offers"]
        for location in catalog.index.offers[offer_id].locations
        if location.place_id not in ("doebeln", None)
    )
    messages, after = await run(
        ActionOfferDetails, f"und in {elsewhere.town}?", intent, slots=slots
    )
    assert responses(messages) == ["utter_offers"]
    assert after["place_id"] == elsewhere.place_id


async def test_where_is_an_office_of_another_need_searches_for_it(run: Run) -> None:
    """ "وفين الجوب سنتر هناك؟" (and where's the Jobcenter there?) after Kita offers."""
    _, slots = await run(ActionFindOffers, "Kita in Leisnig", "need_family_and_school")
    messages, after = await run(
        ActionOfferDetails, "وفين الجوب سنتر هناك؟ جوزي لازم يروح", "ask_address", slots=slots
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "work_and_training" and after["place_id"] == "leisnig"
    messages, _ = await run(ActionOfferDetails, "wo ist das genau?", "ask_address", slots=slots)
    assert responses(messages) == ["utter_offer_details"]


@pytest.mark.parametrize(
    ("intent", "ranking"),
    [
        ("ask_address", [("ask_address", 0.5), ("need_family_and_school", 0.45)]),
        ("nlu_fallback", [("ask_address", 0.25), ("ask_opening_hours", 0.21)]),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.3), ("ask_cost", 0.3), ("ask_address", 0.21)],
        ),
        # "Jobcenterke abzi alo do?": not understood, the cost just above the office's need
        ("nlu_fallback", [("ask_cost", 0.5), ("need_work_and_training", 0.46)]),
        # ... or just below it
        (
            "nlu_fallback",
            [("nlu_fallback", 0.3), ("need_work_and_training", 0.5), ("ask_cost", 0.46)],
        ),
    ],
)
async def test_where_is_an_office_of_another_need_searches_for_it_however_ranked(
    run: Run, intent: str, ranking: list[tuple[str, float]]
) -> None:
    """The same question with the need already shown ranked next, or not understood and
    an address question ranked first or just after the cost: still the Jobcenter, not the
    Kita offers' addresses or costs."""
    _, slots = await run(ActionFindOffers, "Kita in Leisnig", "need_family_and_school")
    action = ActionOfferDetails if intent.startswith("ask_") else ActionOutOfScope
    text = "وفين الجوب سنتر هناك؟ جوزي لازم يروح"
    messages, after = await run(action, text, intent, slots=slots, ranking=ranking)
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "work_and_training" and after["place_id"] == "leisnig"


async def test_a_cost_question_naming_an_office_is_the_cost(
    run: Run,
) -> None:
    """ "Kurs ücretli mi, yoksa Jobcenter mi ödüyor?" (is the course paid, or does the
    Jobcenter pay?) after courses: the cost of the courses shown, also with work ranked
    second (tried in session 15: searching the office named beside a cost question turned
    eleven such tuned journeys into Jobcenter offers)."""
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    ranking = [("ask_cost", 0.6), ("need_work_and_training", 0.2), ("ask_address", 0.1)]
    text = "und zahlt das Jobcenter den Kurs?"
    messages, after = await run(ActionOfferDetails, text, "ask_cost", slots=slots, ranking=ranking)
    assert responses(messages) == ["utter_offer_details"]
    assert after["category"] == "language_course"
    # not understood, the same: the office's need is far below the cost
    ranking.insert(0, ("nlu_fallback", 0.3))
    messages, after = await run(
        ActionOutOfScope, text, "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offer_details"]
    assert after["category"] == "language_course"


async def test_wanting_to_learn_german_after_offers_is_a_course_not_a_staff_question(
    run: Run,
) -> None:
    """ "my wife wants to learn German in the mornings while the child is at the Kita, is
    there a class nearby?" not understood (course 0.52, Kita 0.48) after Kita offers: a
    course, not the Kita staff's languages; naming Arabic it is about the staff."""
    _, slots = await run(ActionFindOffers, "Kita in Flöha", "need_family_and_school")
    ranking = [("need_language_course", 0.52), ("need_family_and_school", 0.48)]
    text = "với lại vợ mình muốn học tiếng Đức buổi sáng lúc con đi Kita, có lớp nào gần đây ko"
    fallback = {"slots": slots, "ranking": ranking}
    messages, after = await run(ActionOutOfScope, text, "nlu_fallback", **fallback)
    assert responses(messages) == ["utter_offers"] and after["category"] == "language_course"
    fallback["ranking"] = [("ask_languages", 0.25), ("need_language_course", 0.2)]
    arabic = "ở đó có ai nói tiếng Ả Rập ko"
    messages, _ = await run(ActionOutOfScope, arabic, "nlu_fallback", **fallback)
    assert responses(messages) == ["utter_offer_details"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("ንዓይ ከኣ ኣብኡ ኮርስ ጀርመንኛ ኣሎ ድዩ?", "utter_offers"),
        ("Geht die Beratung auch auf Arabisch? Mein Deutsch ist erst B1", "utter_offer_details"),
    ],
)
async def test_asking_for_a_german_course_there_is_a_course_not_a_staff_question(
    run: Run, text: str, said: str
) -> None:
    """Tigrinya "and for me, is there a German course there?" taken for a question about
    the staff's languages with the course ranked next: naming only German, it is the course;
    naming Arabic beside German it is a question about the staff."""
    _, slots = await run(ActionFindOffers, "Kita in Waldheim", "need_family_and_school")
    ranking = [("ask_languages", 0.5), ("need_language_course", 0.4)]
    messages, _ = await run(ActionOfferDetails, text, "ask_languages", slots=slots, ranking=ranking)
    assert responses(messages) == [said]


async def test_more_naming_another_town_starts_there_with_the_nearest(run: Run) -> None:
    """ "Dobeln'de de var mi?" classified as "more": page one in Döbeln, not page two."""
    _, slots = await run(ActionFindOffers, "Deutschkurs in Freiberg", "need_language_course")
    messages, after = await run(
        ActionMoreOffers, "Dobeln'de de var mi?", "more_results", slots=slots
    )
    assert responses(messages) == ["utter_offers"]
    assert messages[0]["data"]["page"] == 0 and after["place_id"] == "doebeln"
    _, again = await run(ActionMoreOffers, "başka var mı", "more_results", slots=after)
    assert again["page"] == 1


async def test_more_ranked_first_when_not_understood_is_the_next_page(run: Run) -> None:
    """ "a jsou tam i jiní?" (are there others too?): not understood, more 0.46 and hours
    0.41 close behind — the next page, not the opening hours of the offers shown."""
    _, slots = await run(ActionFindOffers, "Deutschkurs in Freiberg", "need_language_course")
    ranking = [("nlu_fallback", 0.3), ("more_results", 0.46), ("ask_opening_hours", 0.41)]
    messages, after = await run(
        ActionOutOfScope, "a jsou tam i jiní?", "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["page"] == 1
    # "فوقاش كيحلو؟" (when do they open?): more first but below the classifier's own bar,
    # hours close behind — the question
    ranking = [("nlu_fallback", 0.3), ("more_results", 0.29), ("ask_opening_hours", 0.22)]
    messages, _ = await run(
        ActionOutOfScope, "فوقاش كيحلو؟", "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offer_details"]


async def test_a_wish_for_a_specialised_offer_is_kept_for_another_town(run: Run) -> None:
    """ "I must pass the DSH: a preparation class in Hainichen?" … "and in Freiberg?": the
    university courses first there too, not the general ones; a new need starts without."""
    text = "ich will studieren und brauche die DSH, gibt es einen Kurs in Hainichen?"
    messages, slots = await run(ActionFindOffers, text, "need_language_course")
    assert messages[0]["data"]["offers"][0]["id"] == "hs-mittweida-studienkolleg"
    assert slots["topic_wish"] == "language_course:dsh"
    messages, after = await run(ActionFindOffers, "und in Freiberg?", "change_place", slots=slots)
    first = messages[0]["data"]["offers"][0]["id"]
    assert first.startswith("tu-freiberg") and after["place_id"] == "freiberg"
    messages, _ = await run(
        ActionFindOffers, "und in Freiberg?", "change_place", slots={**slots, "topic_wish": None}
    )
    assert not messages[0]["data"]["offers"][0]["id"].startswith("tu-freiberg")


async def test_a_language_wish_is_kept_until_the_place_is_known(run: Run) -> None:
    messages, slots = await run(
        ActionFindOffers, "I need a psychologist who speaks Persian", "need_psychosocial_support"
    )
    assert responses(messages) == ["utter_ask_place"]
    assert slots["language_wish"] == "psychosocial_support:fa"
    place = {**slots, "pending": "place"}
    messages, _ = await run(ActionFindOffers, "Freiberg", "inform_place", slots=place)
    first = messages[0]["data"]["offers"][0]
    without, _ = await run(
        ActionFindOffers, "Freiberg", "inform_place", slots={**place, "language_wish": None}
    )
    assert first["id"] != without[0]["data"]["offers"][0]["id"]
    assert "fa" in first["languages"]
    # a new need starts without the wish
    messages, _ = await run(
        ActionFindOffers,
        "a doctor in Freiberg",
        "need_health_care",
        slots={**slots, "pending": None},
    )
    assert all("fa" not in o["languages"] for o in messages[0]["data"]["offers"])


@pytest.mark.parametrize(("course", "learns"), [(0.21, True), (0.17, False), (0.0, False)])
async def test_wanting_to_learn_german_is_no_switch_to_german(
    run: Run, course: float, learns: bool
) -> None:
    """ "almani zhaba zdakawal ghwaram" (Pashto: I want to learn German) names German."""
    messages, slots = await run(
        ActionChangeLanguage,
        "salam, za pa Freiberg ke osegam, almani zhaba zdakawal ghwaram",
        "change_language",
        slots={"language": "ps"},
        ranking=[("change_language", 0.9 - course), ("need_language_course", course)],
    )
    if learns:
        assert responses(messages) == ["utter_offers"]
        assert slots["category"] == "language_course" and slots["language"] == "ps"
    else:
        assert responses(messages) == ["utter_language_switched"] and slots["language"] == "de"


async def test_another_office_named_as_more_is_a_new_need(run: Run) -> None:
    """ "и Kita рядом есть какая-нибудь?" after doctors, taken for "more": a Kita there."""
    _, slots = await run(ActionFindOffers, "Kinderarzt in Freiberg", "need_health_care")
    messages, after = await run(
        ActionMoreOffers, "и Kita рядом есть какая-нибудь?", "more_results", slots=slots
    )
    assert after["category"] == "family_and_school"
    assert messages[0]["data"]["offers"][0]["category"] == "family_and_school"
    assert messages[0]["data"]["page"] == 0


_GEHT = "geht das auch auf Arabisch? mein deutsch ist nicht so gut für diese themen"
_MOZHNO = "а можно на английском?"


@pytest.mark.parametrize(
    ("action", "text", "ranking", "lang", "said"),
    [
        # taken for a switch, also ranked as a question about the staff: both
        (
            ActionChangeLanguage,
            _GEHT,
            [("change_language", 0.61), ("ask_languages", 0.29)],
            "ar",
            ["utter_language_switched", "utter_offer_details"],
        ),
        (
            ActionChangeLanguage,
            _GEHT,
            [("change_language", 0.69), ("ask_languages", 0.21)],
            "ar",
            ["utter_language_switched"],
        ),
        # taken for a question about the staff, also ranked as a switch: both
        (
            ActionOfferDetails,
            _MOZHNO,
            [("ask_languages", 0.75), ("change_language", 0.12)],
            "en",
            ["utter_language_switched", "utter_offer_details"],
        ),
        (
            ActionOfferDetails,
            _MOZHNO,
            [("ask_languages", 0.85), ("change_language", 0.02)],
            "ru",
            ["utter_offer_details"],
        ),
    ],
)
async def test_a_language_named_after_offers_may_ask_for_both(
    run: Run,
    action: type[ActionChangeLanguage | ActionOfferDetails],
    text: str,
    ranking: list[tuple[str, float]],
    lang: str,
    said: list[str],
) -> None:
    """The classifier cannot tell "write to me in X" from "do they speak X?" after offers;
    when it ranks both, the assistant switches and says which languages the staff speak."""
    shown = {"language": "de", "shown_offers": ["faire-integration-sachsen"]}
    messages, slots = await run(action, text, ranking[0][0], slots=shown, ranking=ranking)
    assert responses(messages) == said
    assert slots["language"] == lang and all(m["lang"] == lang for m in messages)
    if "utter_offer_details" in said:
        assert messages[-1]["data"]["question"] == "languages"


async def test_a_question_naming_another_need_after_offers_searches_it(run: Run) -> None:
    """ "is there a doctor who speaks arabic there?" after places to meet people."""
    _, slots = await run(ActionFindOffers, "meet people in Chemnitz", "need_community")
    ranking = [("ask_languages", 0.65), ("need_health_care", 0.34)]
    messages, after = await run(
        ActionOfferDetails,
        "is there a doctor who speaks arabic there?",
        "ask_languages",
        slots=slots,
        ranking=ranking,
    )
    assert after["category"] == "health_care"
    assert messages[0]["data"]["offers"][0]["category"] == "health_care"
    assert after["language_wish"] == "health_care:ar"
    # after doctors, the same words ask about the doctors shown
    _, doctors = await run(ActionFindOffers, "doctor in Chemnitz", "need_health_care")
    messages, _ = await run(
        ActionOfferDetails,
        "is there a doctor who speaks arabic there?",
        "ask_languages",
        slots=doctors,
        ranking=ranking,
    )
    assert responses(messages) == ["utter_offer_details"]


async def test_eligibility_never_leaves_the_answer_empty(run: Run) -> None:
    """An EU citizen asking about residence law (offers for refugees only): answer first,
    the cards say whom each offer is for."""
    messages, slots = await run(
        ActionFindOffers,
        "Sunt cetatean UE. Vrem sfaturi despre dreptul de sedere pentru sotul meu, in Oederan",
        "need_asylum_legal_counselling",
    )
    assert slots["eu_citizen"] is True
    assert responses(messages)[0] == "utter_offers"
    assert messages[0]["data"]["offers"][0]["category"] == "asylum_legal_counselling"


@pytest.mark.parametrize(
    ("text", "ranking", "category"),
    [
        # the office named outright beats an unsure guess at another need
        (
            "si Jobcenterul unde e acolo?",
            [("need_authorities", 0.41), ("need_work_and_training", 0.17)],
            "work_and_training",
        ),
        # a sure need stays, whatever office is named beside it
        (
            "in der Ausländerbehörde hat man mich rassistisch beleidigt",
            [("need_anti_discrimination", 0.71), ("need_authorities", 0.2)],
            "anti_discrimination",
        ),
    ],
)
async def test_an_office_named_outright_beats_an_unsure_guess(
    run: Run, text: str, ranking: list[tuple[str, float]], category: str
) -> None:
    slots = {"place_id": "mittweida", "language": "ro"}
    messages, after = await run(ActionFindOffers, text, ranking[0][0], slots=slots, ranking=ranking)
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == category


async def test_an_office_named_outright_beats_an_unsure_guess_when_not_understood(
    run: Run,
) -> None:
    """ "I'm looking for the Jobcenter in Waldheim, they cut my money": not understood
    (migration counselling 0.35, work 0.33): the Jobcenter named outright."""
    ranking = [("nlu_fallback", 0.3), ("need_migration_counselling", 0.35)]
    ranking += [("need_work_and_training", 0.33), ("need_labour_rights_counselling", 0.23)]
    text = "svp je cherche le jobcenter de Waldheim, ils ont coupe mon argent"
    messages, after = await run(
        ActionOutOfScope, text, "nlu_fallback", slots={"language": "fr"}, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "work_and_training" and after["place_id"] == "waldheim"


async def test_a_weak_need_beside_a_town_is_not_taken(run: Run) -> None:
    # "we just arrived in Leisnig yesterday": not understood, a weak guess at another need
    ranking = [("nlu_fallback", 0.3), ("need_anti_discrimination", 0.23)]
    messages, after = await run(
        ActionOutOfScope,
        "ازيكو، احنا لسه واصلين ليزنيغ امبارح",
        "nlu_fallback",
        slots={"language": "ar"},
        ranking=ranking,
    )
    assert "utter_offers" not in responses(messages)
    assert not after.get("category")


async def test_a_question_naming_the_chat_language_stays_in_it(run: Run) -> None:
    """ "does anyone there speak Vietnamese? I don't know German": German is named, but
    the question is about the staff, in the chat's own language."""
    shown = {"language": "vi", "shown_offers": ["faire-integration-sachsen"]}
    messages, slots = await run(
        ActionOfferDetails,
        "o do co ai noi tieng viet ko a, e ko biet tieng duc",
        "ask_languages",
        slots=shown,
        ranking=[("ask_languages", 0.87), ("change_language", 0.11)],
    )
    assert responses(messages) == ["utter_offer_details"]
    assert slots["language"] == "vi" and all(m["lang"] == "vi" for m in messages)


async def test_a_doctor_who_speaks_a_language_after_other_offers_is_a_doctor(run: Run) -> None:
    """ "co bac si nao noi dc tieng Viet o gan do hok" (a doctor who speaks Vietnamese
    nearby?) after places to meet people, not understood (doctor 0.50, languages 0.48): a
    search for doctors, with the wish for Vietnamese kept."""
    _, slots = await run(ActionFindOffers, "gặp gỡ người Việt ở Frankenberg", "need_community")
    ranking = [("nlu_fallback", 0.3), ("need_health_care", 0.5), ("ask_languages", 0.48)]
    text = "co bac si nao noi dc tieng Viet o gan do hok"
    messages, after = await run(
        ActionOutOfScope, text, "nlu_fallback", slots={**slots, "language": "vi"}, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"] and after["category"] == "health_care"
    assert after["language_wish"] == "health_care:vi"


async def test_a_language_named_in_a_message_not_understood_after_offers_asks_about_staff(
    run: Run,
) -> None:
    """ "unja kas hast ke farsi gap mizana?" (Dari in Latin letters: is there someone who
    speaks Farsi?), not understood, a meeting place ranked next."""
    shown = {"language": "fa", "shown_offers": ["faire-integration-sachsen"]}
    ranking = [("nlu_fallback", 0.3), ("need_community", 0.28), ("out_of_scope", 0.18)]
    messages, _ = await run(
        ActionOutOfScope,
        "unja kas hast ke farsi gap mizana?",
        "nlu_fallback",
        slots=shown,
        ranking=ranking,
    )
    assert responses(messages) == ["utter_offer_details"]
    assert messages[-1]["data"]["question"] == "languages"


@pytest.mark.parametrize(
    ("text", "ranking", "searches"),
    [
        # the need words are the reason around the question: answer it
        (
            "ايمت بيفتحوا؟ انا بالمدرسة لل٢",
            [("ask_opening_hours", 0.44), ("need_family_and_school", 0.37)],
            False,
        ),
        # "is there a doctor who speaks Arabic there?": a new need with a language wish
        (
            "is there a doctor who speaks arabic there?",
            [("ask_languages", 0.65), ("need_health_care", 0.34)],
            True,
        ),
    ],
)
async def test_a_need_beside_a_question_about_the_offers_shown(
    run: Run, text: str, ranking: list[tuple[str, float]], searches: bool
) -> None:
    shown = {
        "language": "ar",
        "category": "community",
        "place_id": "freiberg",
        "shown_offers": ["faire-integration-sachsen"],
    }
    messages, slots = await run(
        ActionOfferDetails, text, ranking[0][0], slots=shown, ranking=ranking
    )
    if searches:
        assert responses(messages) == ["utter_offers"]
        assert slots["category"] == ranking[1][0].removeprefix("need_")
    else:
        assert responses(messages) == ["utter_offer_details"]
        assert slots.get("category", "community") == "community"


async def test_a_word_of_need_beside_a_town_from_a_fifth(run: Run) -> None:
    # "zubař" (Czech: dentist): the classifier ranks "a place" first, the need at 0.21
    ranking = [("inform_place", 0.69), ("need_health_care", 0.21), ("need_community", 0.02)]
    _, slots = await run(ActionFindOffers, "zubař Geringswalde", "inform_place", ranking=ranking)
    assert slots["category"] == "health_care"
    # saying where one is, with a need ranked lower, is still only a place
    ranking = [("inform_place", 0.8), ("need_migration_counselling", 0.13)]
    _, slots = await run(
        ActionFindOffers,
        "hello, i am in Hainichen. i need help please",
        "inform_place",
        ranking=ranking,
    )
    assert not slots.get("category")


@pytest.mark.parametrize(("confidence", "switched"), [(0.37, True), (0.7, False)])
async def test_a_request_to_write_in_another_language_beside_an_unsure_need(
    run: Run, confidence: float, switched: bool
) -> None:
    """ "viet bang tieng anh giup mk dc ko" (write in English for me?) taken for a need."""
    slots = {"language": "vi", "place_id": "grossschirma", "category": "psychosocial_support"}
    ranking = [("need_migration_counselling", confidence), ("change_language", 0.12)]
    messages, after = await run(
        ActionFindOffers,
        "viet bang tieng anh giup mk dc ko, de mk dua cho ban cung phong doc",
        "need_migration_counselling",
        slots=slots,
        ranking=ranking,
    )
    if switched:
        assert responses(messages) == ["utter_language_switched"]
        assert after["language"] == "en" and all(m["lang"] == "en" for m in messages)
    else:
        assert responses(messages) == ["utter_offers"]


async def test_of_two_towns_after_offers_the_one_not_yet_searched(run: Run) -> None:
    _, slots = await run(
        ActionFindOffers, "psychologist in Frankenberg", "need_psychosocial_support"
    )
    messages, after = await run(
        ActionFindOffers,
        "what about Hainichen? bus to Frankenberg is too long for me",
        "inform_place",
        slots=slots,
        ranking=[("inform_place", 0.7), ("need_psychosocial_support", 0.05)],
    )
    assert responses(messages) == ["utter_offers"]
    assert after["place_id"] == "hainichen"


async def test_languages_named_in_a_question_about_the_staff_are_no_course(run: Run) -> None:
    shown = {
        "language": "de",
        "category": "recognition_counselling",
        "place_id": "freiberg",
        "shown_offers": ["iq-sachsen-anerkennungsberatung"],
    }
    messages, slots = await run(
        ActionOfferDetails,
        "Geht die Beratung auch auf Arabisch oder Englisch? Ihr Deutsch ist erst B1.",
        "ask_languages",
        slots=shown,
        ranking=[("ask_languages", 0.66), ("need_language_course", 0.29)],
    )
    assert responses(messages) == ["utter_offer_details"]
    assert slots.get("category", "recognition_counselling") == "recognition_counselling"


async def test_the_town_of_a_medical_emergency_is_kept_for_the_need_after_it(run: Run) -> None:
    entities = [{"entity": "crisis_type", "value": "medical"}]
    text = "Ajutor, colegul meu a căzut de pe schelă, îi curge sânge din cap. Suntem în Mittweida"
    messages, slots = await run(ActionCrisis, text, "emergency", entities=entities)
    assert responses(messages) == ["utter_crisis"]
    assert slots["place_id"] == "mittweida"
    messages, after = await run(
        ActionFindOffers,
        "L-a luat salvarea. Șeful nu plătește nimic. Unde ne putem plânge?",
        "need_labour_rights_counselling",
        slots=slots,
    )
    assert responses(messages)[-1] == "utter_offers"
    assert after["place_id"] == "mittweida"


@pytest.mark.parametrize(
    ("ranking", "said", "category"),
    [
        (
            [("nlu_fallback", 0.3), ("need_violence_protection", 0.18)],
            ["utter_crisis", "utter_offers"],
            "violence_protection",
        ),
        # just behind another need: still that help
        (
            [
                ("nlu_fallback", 0.3),
                ("need_family_and_school", 0.2),
                ("need_violence_protection", 0.17),
            ],
            ["utter_crisis", "utter_offers"],
            "violence_protection",
        ),
        # another need first and clearly above, or protection too unsure: not that help
        (
            [("nlu_fallback", 0.3), ("need_family_and_school", 0.18)],
            ["utter_crisis", "utter_out_of_scope"],
            None,
        ),
        (
            [
                ("nlu_fallback", 0.3),
                ("need_family_and_school", 0.3),
                ("need_violence_protection", 0.2),
            ],
            ["utter_crisis", "utter_offers"],
            "family_and_school",
        ),
        (
            [("nlu_fallback", 0.3), ("need_violence_protection", 0.1)],
            ["utter_crisis", "utter_out_of_scope"],
            None,
        ),
    ],
)
async def test_the_need_of_the_numbers_again_after_them_is_that_help(
    run: Run, ranking: list[tuple[str, float]], said: list[str], category: str | None
) -> None:
    """ "the police came and took him; tomorrow I want a shelter for women and children in
    Hartha", not understood right after the numbers for violence with protection offers."""
    entities = [{"entity": "crisis_type", "value": "violence"}]
    text = "cuu e voi!! chong e say ruou dang dap cua phong, nha o Hartha"
    _, slots = await run(ActionCrisis, text, "emergency", entities=entities)
    assert slots["category"] == "violence_protection"
    again = "canh sat den roi, ho dua anh ta di. mai e muon tim nha tru an cho phu nu o Hartha"
    messages, after = await run(
        ActionOutOfScope,
        again,
        "nlu_fallback",
        slots=slots,
        ranking=ranking,
        answered_by=["action_crisis"],
    )
    assert responses(messages) == said
    if category is not None:
        assert after["place_id"] == "hartha"
        assert messages[-1]["data"]["offers"][0]["category"] == category


@pytest.mark.parametrize(
    ("action", "text", "ranking"),
    [
        (
            ActionFindOffers,
            "ok, sanitka uz jede, diky",
            [("need_health_care", 0.45), ("thanks", 0.15), ("emergency", 0.14)],
        ),
        # not understood (the ambulance came, thanks): a weak guess at a need, thanks third
        (
            ActionOutOfScope,
            "au venit cei de la ambulanta. multumesc",
            [("nlu_fallback", 0.3), ("need_anti_discrimination", 0.299), ("thanks", 0.2)],
        ),
    ],
)
async def test_thanks_after_the_numbers_is_thanks(
    run: Run, action: type, text: str, ranking: list[tuple[str, float]]
) -> None:
    entities = [{"entity": "crisis_type", "value": "medical"}]
    _, slots = await run(
        ActionCrisis,
        "kolega spadl na stavbe v Oederanu z leseni, krvaci z hlavy",
        "emergency",
        entities=entities,
    )
    messages, _ = await run(
        action, text, ranking[0][0], slots=slots, ranking=ranking, answered_by=["action_crisis"]
    )
    assert responses(messages) == ["utter_crisis", "utter_welcome"]


@pytest.mark.parametrize(
    ("action", "text", "ranking", "searched", "lang"),
    [
        # "And in Chemnitz, is there such a thing? I work there": the classifier, unsure,
        # ranks work first because of the reason
        (
            ActionOutOfScope,
            "А в Хемнице такое есть? Я там работаю",
            [("nlu_fallback", 0.3), ("need_work_and_training", 0.28)],
            "freiberg",
            "ru",
        ),
        # "is there one in Chemnitz too? I go to work there anyway": "Chemnitz'te" is the
        # town with its case ending, not a word of need in the question
        (
            ActionFindOffers,
            "Chemnitz'te de var mı? zaten oraya işe gidiyorum",
            [("need_work_and_training", 0.88), ("inform_place", 0.03)],
            "burgstaedt",
            "tr",
        ),
    ],
)
async def test_a_short_question_about_another_town_before_a_reason_keeps_the_need(
    run: Run,
    action: type[ActionOutOfScope | ActionFindOffers],
    text: str,
    ranking: list[tuple[str, float]],
    searched: str,
    lang: str,
) -> None:
    slots = {
        "category": "recognition_counselling",
        "place_id": searched,
        "language": lang,
        "shown_offers": ["iq-sachsen-anerkennungsberatung"],
    }
    messages, after = await run(action, text, ranking[0][0], slots=slots, ranking=ranking)
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "recognition_counselling"
    assert after["place_id"] == "chemnitz"


async def test_another_place_named_in_the_request_is_searched(run: Run) -> None:
    """ "а ближче, у Міттвайді, нема?" (nothing nearer, in Mittweida?), read as a wish for
    another place, searches there instead of asking where."""
    _, slots = await run(ActionFindOffers, "Deutschkurs in Chemnitz", "need_language_course")
    messages, slots = await run(
        ActionAskPlace, "а ближче, у Міттвайді, нема?", "change_place", slots=slots
    )
    assert responses(messages) == ["utter_offers"]
    assert slots["place_id"] == "mittweida" and slots["category"] == "language_course"
    # without a town it asks where
    messages, slots = await run(
        ActionAskPlace, "somewhere else please", "change_place", slots=slots
    )
    assert responses(messages) == ["utter_ask_place"]


async def test_a_town_beside_a_call_for_help_is_kept_for_the_need(run_small: Run) -> None:
    """ "Mittweida'dayım, yardıma ihtiyacım var": the topic menu now, and the need that
    follows is searched in Mittweida without asking where."""
    messages, slots = await run_small(
        ActionHelp, "Mittweida'dayım, yardıma ihtiyacım var", "help", slots={"language": "tr"}
    )
    assert responses(messages) == ["utter_help"]
    assert slots["place_id"] == "mittweida"


@pytest.mark.parametrize(
    ("ranking", "said"),
    [
        ([("help", 0.5), ("need_work_and_training", 0.44)], "utter_ask_place"),
        ([("help", 0.6), ("need_migration_counselling", 0.36)], "utter_help"),
    ],
)
async def test_a_plea_for_help_with_a_need_ranked_high_asks_for_it(
    run: Run, ranking: list[tuple[str, float]], said: str
) -> None:
    """ "e can tim viec lam, ai giup e vs dc k ak" (I need to find work, who can help me?)
    asks for work: where?; a vague plea ranks no need that high."""
    messages, _ = await run(
        ActionHelp, "e can tim viec lam, ai giup e vs dc k ak", "help", ranking=ranking
    )
    assert responses(messages) == [said]


async def test_more_ranked_above_the_same_need_is_the_next_page(run_small: Run) -> None:
    """ "طب في حاجة تانية غير دول؟" (anything besides these?) not understood, "more" ranked
    above the need already searched: the next page, not the same three offers again."""
    _, slots = await run_small(
        ActionFindOffers, "Beratung bei Gewalt in Freiberg", "need_violence_protection"
    )
    ranking = [("nlu_fallback", 0.3), ("more_results", 0.44), ("need_violence_protection", 0.4)]
    messages, after = await run_small(
        ActionOutOfScope, "طب في حاجة تانية غير دول؟", "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["shown_offers"] == ["protection-4", "protection-5", "womens-refuge"]
    # the need ranked above "more" is a new search of it (the nearest again)
    ranking = [("nlu_fallback", 0.3), ("need_violence_protection", 0.44), ("more_results", 0.4)]
    messages, after = await run_small(
        ActionOutOfScope, "Gewalt Beratung?", "nlu_fallback", slots=slots, ranking=ranking
    )
    assert after["shown_offers"] == ["protection-1", "protection-2", "protection-3"]


@pytest.mark.parametrize(
    ("text", "more", "page"),
    [
        ("gibt es noch andere?", 0.39, ["protection-4", "protection-5", "womens-refuge"]),
        ("gibt es noch andere?", 0.16, ["protection-4", "protection-5", "womens-refuge"]),
        # "more" far behind, or a long message: the need again, the nearest first
        ("gibt es noch andere?", 0.1, ["protection-1", "protection-2", "protection-3"]),
        ("x " * 10, 0.39, ["protection-1", "protection-2", "protection-3"]),
    ],
)
async def test_the_same_need_again_with_more_second_is_the_next_page(
    run_small: Run, text: str, more: float, page: list[str]
) -> None:
    """ "gibt es noch andere arzt?" after doctors: the need ranked first, "more" second."""
    _, slots = await run_small(
        ActionFindOffers, "Beratung bei Gewalt in Freiberg", "need_violence_protection"
    )
    ranking = [("need_violence_protection", 0.6), ("more_results", more)]
    _, after = await run_small(
        ActionFindOffers, text, "need_violence_protection", slots=slots, ranking=ranking
    )
    assert after["shown_offers"] == page


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # the keyboard's language is no wish for staff who speak it
        ("sorry my arabic keyboard stopped working. is there counselling for women?", set()),
        ("my persian keyboard is broken, can you write in english", {"en"}),
        ("الكيبورد العربي خربان، بدي دكتور", set()),
        ("у меня украинская клавиатура сломалась", set()),
        ("a doctor who speaks Arabic", {"ar"}),
    ],
)
def test_a_language_named_beside_a_keyboard_is_not_wished_for(text: str, named: set[str]) -> None:
    assert named_languages(text) == named


async def test_a_request_to_write_in_a_language_is_never_out_of_scope(run: Run) -> None:
    text = "Kannst du das bitte auf Paschtu schreiben? Sie liest nur Paschtu"
    ranking = [("out_of_scope", 0.9), ("change_language", 0.05)]
    messages, slots = await run(
        ActionOutOfScope, text, "out_of_scope", slots={"language": "de"}, ranking=ranking
    )
    assert responses(messages) == ["utter_language_switched"] and slots["language"] == "ps"


async def test_not_understood_after_offers_naming_another_town_is_the_search_there(
    run: Run,
) -> None:
    """ "Sorry, Russian is easier for me. And in Roßwein, is there anything?" after doctors in
    Döbeln: not understood, with "help" ranked among the first three: the doctors in
    Roßwein, not the topic menu."""
    _, slots = await run(ActionFindOffers, "Kinderarzt in Döbeln", "need_health_care")
    text = "Ой, извините, по-русски мне проще. А в Россвайне есть что-нибудь?"
    ranking = [
        ("nlu_fallback", 0.3),
        ("ask_languages", 0.29),
        ("help", 0.18),
        ("inform_place", 0.18),
    ]
    messages, after = await run(
        ActionOutOfScope, text, "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "health_care" and after["place_id"] == "rosswein"


@pytest.mark.parametrize(
    ("text", "said", "category"),
    [
        # "is there German language teaching there?" after doctors: a course
        ("ab'u nay jermen qwanqwa timhrti'ke ale dyu?", "utter_offers", "language_course"),
        ("is there a German course there?", "utter_offers", "language_course"),
        # the staff's languages
        ("do they speak German?", "utter_offer_details", "health_care"),
        (
            "do they speak Arabic? I want to learn German later",
            "utter_offer_details",
            "health_care",
        ),
    ],
)
async def test_a_question_about_german_naming_a_course_after_offers_is_a_course(
    run: Run, text: str, said: str, category: str
) -> None:
    _, slots = await run(ActionFindOffers, "Arzt in Freiberg", "need_health_care")
    ranking = [("ask_languages", 0.95), ("ask_cost", 0.01)]
    messages, after = await run(
        ActionOfferDetails, text, "ask_languages", slots=slots, ranking=ranking
    )
    assert responses(messages) == [said]
    assert after["category"] == category


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("fi 7ada bi Rochlitz bye7ke 3arabe ysa3edne?", {"ar"}),  # Arabizi
        ("momken tekteb bel englizi?", {"en"}),
    ],
)
def test_language_names_in_arabizi(text: str, named: set[str]) -> None:
    assert named_languages(text) == named


@pytest.mark.parametrize(
    ("text", "intent", "said", "category"),
    [
        # "and the course?" after doctors, taken for a question about them: no course was
        # shown, so it asks for courses (Arabic with its proclitics, Czech "kurz")
        ("طيب والكورس؟", "ask_cost", "utter_offers", "language_course"),
        ("a ten kurz?", "ask_cost", "utter_offers", "language_course"),
        ("si cursul?", "ask_opening_hours", "utter_offers", "language_course"),
        # questions about the doctors shown
        ("und was kostet das?", "ask_cost", "utter_offer_details", "health_care"),
        ("kurz: wann haben die offen?", "ask_opening_hours", "utter_offer_details", "health_care"),
        ("lớp mấy giờ mở?", "ask_opening_hours", "utter_offer_details", "health_care"),
    ],
)
async def test_a_short_question_naming_a_course_after_other_offers_asks_for_courses(
    run: Run, text: str, intent: str, said: str, category: str
) -> None:
    lang = "cs" if "ten" in text else None
    _, slots = await run(ActionFindOffers, "Arzt in Leisnig", "need_health_care")
    slots = {**slots, "language": lang or slots["language"]}
    ranking = [(intent, 0.7), ("need_language_course", 0.04)]
    messages, after = await run(ActionOfferDetails, text, intent, slots=slots, ranking=ranking)
    assert responses(messages) == [said]
    assert after["category"] == category


async def test_a_sure_question_about_a_course_shown_before_stays_one(run: Run) -> None:
    """ "قديش بيكلف الكورس؟" (how much is the course?) after courses, then the Jobcenter:
    the classifier is sure (cost 1.00) it asks about offers, not for new ones."""
    _, slots = await run(ActionFindOffers, "جوب سنتر في فرايبرغ", "need_work_and_training")
    ranking = [("ask_cost", 1.0)]
    messages, _ = await run(
        ActionOfferDetails, "قديش بيكلف الكورس؟", "ask_cost", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offer_details"]


async def test_a_question_about_the_course_shown_stays_one(run: Run) -> None:
    _, slots = await run(ActionFindOffers, "Deutschkurs in Döbeln", "need_language_course")
    messages, _ = await run(ActionOfferDetails, "a ten kurz?", "ask_cost", slots=slots)
    assert responses(messages) == ["utter_offer_details"]


async def test_the_course_after_school_offers_asks_for_courses(run: Run) -> None:
    """ "طيب والكورس؟" after school offers for the daughter: the course the mother wants."""
    _, slots = await run(ActionFindOffers, "مدرسة في لايسنيغ", "need_family_and_school")
    ranking = [("ask_cost", 0.69), ("need_language_course", 0.04)]
    messages, after = await run(
        ActionOfferDetails, "طيب والكورس؟", "ask_cost", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "language_course" and after["place_id"] == "leisnig"
    # a school class is no course
    messages, _ = await run(ActionOfferDetails, "what class?", "ask_cost", slots=slots)
    assert responses(messages) == ["utter_offer_details"]


@pytest.mark.parametrize(
    ("text", "ranking", "category"),
    [
        # the course comes second ("and I am also looking for a German course")
        (
            "musze zapisac syna do szkoly (ma 8 lat) i sama tez szukam kursu niemieckiego, "
            "mieszkamy w Großschirma",
            [("need_language_course", 0.69), ("need_family_and_school", 0.29)],
            "family_and_school",
        ),
        (
            "potrebuju se prihlasit na Jobcenter a taky chci nemecky kurz, bydlime v Hainichen",
            [("need_language_course", 0.58), ("need_work_and_training", 0.40)],
            "work_and_training",
        ),
        (  # Turkish "bir de": and also
            "Auslanderbehorde randevusu lazim bir de almanca kurs, Oederanda yasiyorum",
            [("need_language_course", 0.70), ("need_authorities", 0.30)],
            "authorities",
        ),
        # the course first, or nothing else ranked: the course
        (
            "Deutschkurs für mich, und eine Schule für meinen Sohn, wir wohnen in Döbeln",
            [("need_language_course", 0.6), ("need_family_and_school", 0.35)],
            "language_course",
        ),
        (
            "hello, I live in Döbeln and I am looking for a German course",
            [("need_language_course", 0.9), ("need_family_and_school", 0.05)],
            "language_course",
        ),
        # a Turkish verb comes last: the course named at the end is the need itself
        (
            "doktora icin TestDaF hazirlik kursu ariyorum, Chemnitz'te",
            [("need_language_course", 0.6), ("need_health_care", 0.3)],
            "language_course",
        ),
    ],
)
async def test_a_course_said_second_leaves_the_first_need_first(
    run: Run, text: str, ranking: list[tuple[str, float]], category: str
) -> None:
    lang = "cs" if "potrebuju" in text else None
    slots = {"language": lang} if lang else None
    messages, after = await run(ActionFindOffers, text, ranking[0][0], slots=slots, ranking=ranking)
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == category


async def test_the_course_not_understood_after_other_offers_asks_for_courses(run: Run) -> None:
    """ "a ten kurz?" (and the course?) after the Jobcenter: not understood (cost 0.33,
    address 0.32, close enough for the fallback), a question about those offers at first
    sight; no course was shown, so it asks for courses."""
    _, slots = await run(ActionFindOffers, "Jobcenter v Hainichen", "need_work_and_training")
    ranking = [
        ("nlu_fallback", 0.3),
        ("ask_cost", 0.33),
        ("ask_address", 0.32),
        ("need_language_course", 0.16),
    ]
    slots = {**slots, "language": "cs"}
    messages, after = await run(
        ActionOutOfScope, "a ten kurz?", "nlu_fallback", slots=slots, ranking=ranking
    )
    assert responses(messages) == ["utter_offers"]
    assert after["category"] == "language_course" and after["place_id"] == "hainichen"
