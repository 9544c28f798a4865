#!/usr/bin/env python3
"""Intent quality per language on the held-out splits, never trained on:
tests/nlu_holdout/<lang>.yml (written in session 1) and tests/nlu_independent/<lang>.yml
(written in session 3 by authors who never saw data/nlu/).

Usage: python scripts/evaluate_nlu.py MODEL.tar.gz [--json OUT] [--langs de en …]
       [--split holdout|independent|both] [--min-f1 0.90]
Exits 1 when any language's macro-F1 on any evaluated split is below --min-f1.
Prints accuracy and macro-F1 per language, the weakest intents and the most frequent
confusions (intent names only: the held-out texts are never printed, so nobody writes training
data from them). The held-out files are never trained on (rasa train reads only data/).

Macro-F1 is the mean F1 over the 34 intents of the test set. A message the model does not
understand (`nlu_fallback`) counts as an error for its intent ("macro_f1"); "macro_f1_top_intent"
takes the classifier's best guess instead. "macro_f1_with_fallback_class" is what
scikit-learn gives when `nlu_fallback` is also averaged in as a 35th class (whose F1 is always 0
when any message falls back): shown for comparison with figures measured that way before.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections import Counter
from pathlib import Path

import structlog
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, f1_score

TESTS = Path(__file__).resolve().parents[1] / "tests"
SPLITS = {"holdout": TESTS / "nlu_holdout", "independent": TESTS / "nlu_independent"}


async def evaluate(model: str, langs: list[str], folder: Path) -> dict[str, dict[str, object]]:
    """Macro-F1, accuracy and top confusions per language."""
    # Rasa's parse log at DEBUG would print the held-out texts
    logging.disable(logging.INFO)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(model)
    report: dict[str, dict[str, object]] = {}
    for lang in langs:
        path = folder / f"{lang}.yml"
        if not path.exists():
            continue
        examples = load_data(str(path)).intent_examples
        gold, predicted, classifier = [], [], []
        for example in examples:
            parsed = await agent.parse_message(example.get("text"))
            gold.append(example.get("intent"))
            predicted.append(parsed["intent"]["name"])
            ranking = [
                r["name"] for r in parsed.get("intent_ranking") or [] if r["name"] != "nlu_fallback"
            ]
            classifier.append(ranking[0] if ranking else parsed["intent"]["name"])
        confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
        intents = sorted(set(gold))
        per_intent = f1_score(gold, predicted, labels=intents, average=None, zero_division=0)
        weakest = sorted(zip(per_intent, intents, strict=True))[:5]
        report[lang] = {
            "examples": len(gold),
            "accuracy": round(float(accuracy_score(gold, predicted)), 4),
            "macro_f1": round(float(per_intent.mean()), 4),
            # the classifier's best guess, before the fallback threshold makes it "not understood"
            "macro_f1_top_intent": round(
                float(f1_score(gold, classifier, labels=intents, average="macro", zero_division=0)),
                4,
            ),
            "macro_f1_with_fallback_class": round(
                float(f1_score(gold, predicted, average="macro", zero_division=0)), 4
            ),
            "weakest_intents": [f"{name} {f1:.2f}" for f1, name in weakest],
            "fallbacks": predicted.count("nlu_fallback"),
            "top_confusions": [f"{g} -> {p} ({n})" for (g, p), n in confusions.most_common(5)],
        }
    return report


def main() -> int:
    """Evaluate, print a table per split (and JSON with --json); 1 when below --min-f1."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model")
    parser.add_argument(
        "--langs", nargs="+", default=sorted(p.stem for p in SPLITS["holdout"].glob("*.yml"))
    )
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="both")
    parser.add_argument("--min-f1", type=float, default=0.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    splits = list(SPLITS) if args.split == "both" else [args.split]
    reports = {}
    below = []
    for split in splits:
        report = asyncio.run(evaluate(args.model, args.langs, SPLITS[split]))
        reports[split] = report
        print(f"== {split} ({SPLITS[split].relative_to(TESTS.parent)})")
        for lang, row in report.items():
            print(
                f"{lang}  macro-F1 {row['macro_f1']:.3f}  top-intent macro-F1 "
                f"{row['macro_f1_top_intent']:.3f}  with fallback class "
                f"{row['macro_f1_with_fallback_class']:.3f}  accuracy {row['accuracy']:.3f}  "
                f"fallbacks {row['fallbacks']}  ({row['examples']})"
            )
            print(f"      weakest: {', '.join(row['weakest_intents'])}")  # type: ignore[arg-type]
            for confusion in row["top_confusions"]:  # type: ignore[attr-defined]
                print(f"      {confusion}")
            if float(row["macro_f1"]) < args.min_f1:  # type: ignore[arg-type]
                below.append(f"{split}/{lang} {row['macro_f1']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2), encoding="utf-8")
    if below:
        print(f"below the goal of {args.min_f1:.2f}: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
