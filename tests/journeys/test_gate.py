"""CI gate: a fixed part of the journeys (the first 15 tuned conversations of every
language, by id) through the real test stack must pass at ≥ 90 %.

The full evaluation, tuned and held-back parts, is `make journeys` / `make journeys-all`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from evaluation.journeys import TUNED, export_catalog, load_conversations, run_all, summary, table
from evaluation.judge import Catalog
from services_catalog.gazetteer import Gazetteer
from services_catalog.languages import SUPPORTED_LANGUAGES
from tests.stack import Stack

PER_LANGUAGE = 15
GATE = 0.90


def gate_conversations() -> list[dict[str, Any]]:
    """The first PER_LANGUAGE conversations of each language, ordered by id."""
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for conversation in sorted(load_conversations([TUNED]), key=lambda c: str(c["id"])):
        by_lang[str(conversation["lang"])].append(conversation)
    return [c for items in by_lang.values() for c in items[:PER_LANGUAGE]]


def test_gate_has_enough_conversations() -> None:
    conversations = gate_conversations()
    assert len(conversations) >= 120
    assert {c["lang"] for c in conversations} >= set(SUPPORTED_LANGUAGES)


@pytest.mark.integration
def test_journeys_gate(stack: Stack) -> None:
    catalog = Catalog(export_catalog(stack.env), Gazetteer.load())
    outcomes = run_all(stack.url, gate_conversations(), catalog, workers=2)
    result = summary(outcomes)
    failed = "\n".join(f"{o.id}: {'; '.join(o.details)}" for o in outcomes if not o.passed)
    assert result["rate"] >= GATE, table(result, "journeys gate") + "\n" + failed
