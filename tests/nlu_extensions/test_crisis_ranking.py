"""Danger the phrase lists do not name still gets the emergency numbers first when the
classifier ranks it among its two best intents."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_extensions.components import CrisisPhraseOverride


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    message = Message(data={TEXT: text})
    top = next(name for name, _ in ranking if name != "nlu_fallback")
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    assert top
    return message


def intent_after(message: Message) -> str:
    CrisisPhraseOverride().process([message])
    return str(message.get(INTENT)["name"])


def test_danger_ranked_second_behind_a_need_is_danger() -> None:
    message = classified(
        "dokhtaram tab dare va cheshmasho baz nemikone",
        [("need_health_care", 0.62), ("emergency", 0.23), ("need_family_and_school", 0.05)],
    )
    assert intent_after(message) == "emergency"


def test_danger_behind_the_fallback_is_danger() -> None:
    message = classified(
        "er kann nicht mehr sprechen",
        [("nlu_fallback", 0.3), ("emergency", 0.29), ("need_health_care", 0.28)],
    )
    assert intent_after(message) == "emergency"


def test_a_need_with_danger_far_behind_stays_a_need() -> None:
    for ranking in (
        [("need_psychosocial_support", 0.9), ("need_health_care", 0.05), ("emergency", 0.04)],
        [("need_health_care", 0.8), ("need_family_and_school", 0.12), ("emergency", 0.11)],
        # an unsure need with some weight on danger: "I am 17, new here with my father, I
        # need advice on papers" is not danger
        [("nlu_fallback", 0.3), ("need_migration_counselling", 0.23), ("emergency", 0.17)],
    ):
        assert intent_after(classified("ich suche eine Therapeutin", ranking)) == ranking[0][0]


def test_button_payloads_are_never_overridden() -> None:
    message = classified("/more_results", [("more_results", 0.5), ("emergency", 0.4)])
    assert intent_after(message) == "more_results"


def test_danger_ranked_where_help_has_come_is_the_need_that_follows() -> None:
    """ "I called 110, the police came; later I need counselling for women in Döbeln": the
    classifier's danger is not danger now; the need ranked next is taken."""
    message = classified(
        "e goi 110 r, canh sat toi r. sau nay e can cho tu van cho phu nu bi chong danh o Dobeln",
        [("emergency", 0.54), ("need_violence_protection", 0.4), ("out_of_scope", 0.01)],
    )
    assert intent_after(message) == "need_violence_protection"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "need_violence_protection"
    # the rest unsure: not understood (the numbers stay first in the dialogue)
    message = classified(
        "ኣምቡላንስ መጺኡ ወሲዱዎ። የቐንየልና",  # the ambulance came and took him. thank you
        [("emergency", 0.5), ("need_anti_discrimination", 0.14), ("thanks", 0.06)],
    )
    assert intent_after(message) == "nlu_fallback"
    # a danger phrase beside the help that has come is still danger
    message = classified(
        "the police came but he is not breathing",
        [("need_health_care", 0.5), ("emergency", 0.4)],
    )
    assert intent_after(message) == "emergency"
