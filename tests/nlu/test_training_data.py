"""NLU data: every language has every intent, enough examples, and a held-out split it never saw."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.text import fold

REPO = Path(__file__).resolve().parents[2]
INTENTS = yaml.safe_load((REPO / "domain" / "intents.yml").read_text(encoding="utf-8"))["intents"]


def examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result: dict[str, list[str]] = {}
    for item in data["nlu"]:
        lines = [line.strip()[2:].strip() for line in item["examples"].splitlines() if line.strip()]
        result.setdefault(item["intent"], []).extend(lines)
    return result


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_intent_has_enough_training_examples(lang: str) -> None:
    training = examples(REPO / "data" / "nlu" / lang / "nlu.yml")
    assert set(training) == set(INTENTS)
    for intent, lines in training.items():
        minimum = 25 if intent.startswith("need_") or intent == "emergency" else 15
        assert len(lines) >= minimum, (lang, intent, len(lines))


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_held_out_split_covers_every_intent_and_was_never_trained_on(lang: str) -> None:
    held_out = examples(REPO / "tests" / "nlu_holdout" / f"{lang}.yml")
    assert set(held_out) == set(INTENTS)
    trained = {
        fold(line)
        for path in (REPO / "data" / "nlu").glob("*/nlu.yml")
        for lines in examples(path).values()
        for line in lines
    }
    overlap = sorted(line for lines in held_out.values() for line in lines if fold(line) in trained)
    assert overlap == []
