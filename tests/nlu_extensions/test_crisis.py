"""Crisis phrases fire on danger now, in every language, and not on ordinary requests."""

from __future__ import annotations

import pytest

from nlu_extensions.crisis import crisis_kind

DANGER = {
    "de": [
        ("Hilfe, mein Mann schlägt mich gerade", "violence"),
        ("ich will mich umbringen", "suicide"),
    ],
    "en": [("help he is hitting me now", "violence"), ("I want to kill myself", "suicide")],
    "ar": [("زوجي يضربني الآن", "violence"), ("أريد أن أقتل نفسي", "suicide")],
    "fa": [("شوهرم الان منو میزنه", "violence"), ("میخوام خودمو بکشم", "suicide")],
    "uk": [("він мене зараз бʼє", "violence"), ("хочу вбити себе", "suicide")],
    "ru": [("он меня бьёт прямо сейчас", "violence"), ("хочу убить себя", "suicide")],
    "tr": [("kocam beni şu an dövüyor", "violence"), ("kendimi öldürmek istiyorum", "suicide")],
    "pl": [("mąż mnie teraz bije", "violence"), ("chcę się zabić", "suicide")],
}
ORDINARY = [
    "women's refuge address",
    "I need a doctor for my child's cough",
    "counselling after violence last year",
    "Adresse vom Frauenhaus in Freiberg",
    "Deutschkurs in Döbeln",
    "أحتاج طبيب يتكلم عربي",
    "визнання диплома медсестри",
]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [(lang, text, kind) for lang, cases in DANGER.items() for text, kind in cases],
)
def test_danger_is_recognised(lang: str, text: str, kind: str) -> None:
    assert crisis_kind(text) == kind, (lang, text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_requests_are_not_crises(text: str) -> None:
    assert crisis_kind(text) is None


def test_medical_emergency_and_huge_input() -> None:
    assert crisis_kind("mein Kind ist bewusstlos") == "medical"
    assert crisis_kind("a" * 100_000) is None
