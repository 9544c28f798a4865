"""Office names as newcomers write them name the need when the classifier finds none."""

from __future__ import annotations

import pytest

from actions.find import ActionFindOffers
from actions.followup import ActionOfferDetails
from actions.office_words import office_need
from tests.actions.conftest import Run


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("جاب سنتر فلوها", "work_and_training"),
        ("وفين الجوب سنتر هناك؟", "work_and_training"),  # with the Arabic article
        ("где джобцентр", "work_and_training"),
        ("termin auslaenderbehoerde bitte", "authorities"),
        ("کیتا برای پسرم", "family_and_school"),
        ("Integrationskurs Döbeln", "language_course"),
        ("je cherche ou faire la Einburgerung", "authorities"),
        # a long name with a case ending or article
        ("si Jobcenterul unde e acolo?", "work_and_training"),
        ("musze isc do Jobcenteru", "work_and_training"),
        ("kde je Integrationskursu", "language_course"),
        ("برای آپروباسیون از کجا شروع کنم", "recognition_counselling"),
        ("gdzie jest Migrationsberatung w Döbeln", "migration_counselling"),
        ("JMD Freiberg?", "migration_counselling"),
        # in Ethiopic script, also with a glued ending ("and the Ausländerbehörde?")
        ("ንጓለይ ኪታ ደልየላ፡ ፫ ዓመታ እያ", "family_and_school"),
        ("ኣውስለንደርበሆርደኸ ኣበይ ኣሎ?", "authorities"),
        ("ጆብሰንተር ኣበይ ኣሎ", "work_and_training"),
        # the Kita in the user's own language
        ("а садик там же?", "family_and_school"),
        ("a przedszkole?", "family_and_school"),
        ("et une crèche pour le petit?", "family_and_school"),
        ("و روضة للولد؟", "family_and_school"),
    ],
)
def test_office_names(text: str, category: str) -> None:
    assert office_need(text) == category


def test_two_offices_or_none_name_nothing() -> None:
    assert office_need("Jobcenter und Kita") is None
    assert office_need("wo ist der Bahnhof") is None
    assert office_need("Kitaro") is None
    assert office_need("kitap okumak istiyorum") is None  # a short name must be whole


@pytest.mark.parametrize(
    "text",
    [
        "gdzie tu najblizej jest urzad dla cudzoziemcow? musze przedluzyc pobyt zony",
        "kde je cizinecka policie v Dobelnu",
        "Yabancılar dairesine randevu lazım",
        "tôi cần đến sở ngoại kiều ở Freiberg",
        "دائرة الأجانب في فرايبرغ",
        "وقت اداره خارجی ها میخوام",
        "мне нужно в ведомство по делам иностранцев",
        "where is the foreigners office",
    ],
)
def test_the_foreigners_office_in_the_users_own_language(text: str) -> None:
    assert office_need(text) == "authorities"


def test_a_course_for_foreigners_is_no_office() -> None:
    assert office_need("kurs niemieckiego dla cudzoziemcow") is None


@pytest.mark.parametrize(
    ("text", "intent", "sure", "said", "category"),
    [
        # "and a kindergarten there?" after courses, taken for an hours question: a search
        ("а садик там же?", "ask_opening_hours", 0.5, "utter_offers", "family_and_school"),
        # ... but a question the classifier is sure of stays one
        (
            "когда открыт садик?",
            "ask_opening_hours",
            0.95,
            "utter_offer_details",
            "language_course",
        ),
    ],
)
async def test_a_short_question_naming_another_office_searches_it(
    run: Run, text: str, intent: str, sure: float, said: str, category: str
) -> None:
    _, slots = await run(ActionFindOffers, "курсы немецкого в Эдеране", "need_language_course")
    ranking = [(intent, sure), ("need_family_and_school", 0.19)]
    messages, after = await run(ActionOfferDetails, text, intent, slots=slots, ranking=ranking)
    assert [m.get("response") for m in messages] == [said]
    assert after["category"] == category
