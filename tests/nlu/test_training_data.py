"""NLU data: every language has every intent, enough examples, and a held-out split it never saw."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.text import fold

REPO = Path(__file__).resolve().parents[2]
# A held-out line this similar (rapidfuzz ratio, 0-100, on folded text) to a training line
# was in effect trained on: "yes that's it" and "yes thats it" score 96.
SIMILAR = 90
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


@cache
def trained_lines() -> tuple[str, ...]:
    """Every training example of every language, folded."""
    return tuple(
        sorted(
            {
                fold(line)
                for path in (REPO / "data" / "nlu").glob("*/nlu.yml")
                for lines in examples(path).values()
                for line in lines
            }
        )
    )


def near_copies(lines: list[str]) -> list[tuple[str, str, float]]:
    """(line, training example, score) for each line at least SIMILAR to a training example."""
    trained = trained_lines()
    scores = process.cdist(
        [fold(line) for line in lines], trained, scorer=fuzz.ratio, score_cutoff=SIMILAR, workers=1
    )
    best = scores.argmax(axis=1)
    return [
        (line, trained[column], float(scores[row, column]))
        for row, (line, column) in enumerate(zip(lines, best, strict=True))
        if scores[row, column] > 0
    ]


def test_near_copies_count_as_trained_on() -> None:
    assert fuzz.ratio(fold("yes that's it"), fold("yes thats it")) >= SIMILAR
    seen = max(trained_lines(), key=len)
    one_letter_less = seen[:10] + seen[11:]
    unseen = "wo kann ich meinen hund impfen lassen und wann"
    assert near_copies([seen.upper(), unseen, one_letter_less]) == [
        (seen.upper(), seen, 100.0),
        (one_letter_less, seen, pytest.approx(fuzz.ratio(fold(one_letter_less), seen))),
    ]


@pytest.mark.parametrize("split", ["nlu_holdout", "nlu_independent"])
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_held_out_split_covers_every_intent_and_was_never_trained_on(lang: str, split: str) -> None:
    held_out = examples(REPO / "tests" / split / f"{lang}.yml")
    assert set(held_out) == set(INTENTS)
    copies = near_copies([line for lines in held_out.values() for line in lines])
    assert copies == [], f"{len(copies)} held-out lines are near copies of training lines"
