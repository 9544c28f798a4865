"""A language identifier learnt from our own NLU examples.

Lingua knows standard written language. Newcomers type otherwise: Vietnamese and Czech without
diacritics, Persian, Arabic, Pashto and Tigrinya in Latin letters, German office words in every
language, chat abbreviations. The NLU examples (`data/nlu/<lang>/nlu.yml`, about 1,100–2,500
lines a language, written that way on purpose) are exactly such text, labelled by language. A
complement naive Bayes over character n-grams and words of the folded text, with place names
removed (a town says nothing about the writer's language), is fitted on them at first use
(about 2 s, done when the action server warms up). Measured on the independently written
journeys and NLU splits (docs/HANDOVER.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import make_pipeline, make_union

from services_catalog.gazetteer import Gazetteer
from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.text import fold

NLU_DATA = Path(__file__).resolve().parents[1] / "data" / "nlu"


@dataclass(frozen=True)
class Guess:
    """The likeliest language and its probability."""

    lang: str
    probability: float


def training_examples(root: Path = NLU_DATA) -> tuple[list[str], list[str]]:
    """(texts, language codes) of every supported language's NLU examples."""
    texts: list[str] = []
    langs: list[str] = []
    for lang in SUPPORTED_LANGUAGES:
        path = root / lang / "nlu.yml"
        if not path.exists():
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in str(item.get("examples") or "").splitlines():
                text = line.strip()[2:].strip()
                if text:
                    texts.append(text)
                    langs.append(lang)
    return texts, langs


@lru_cache(maxsize=1)
def _model() -> tuple[Any, Gazetteer]:
    gazetteer = Gazetteer.load()
    texts, langs = training_examples()
    features = make_union(
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(1, 4), preprocessor=fold, sublinear_tf=True, min_df=2
        ),
        TfidfVectorizer(
            analyzer="word",
            preprocessor=fold,
            token_pattern=r"(?u)\b\w+\b",  # noqa: S106 (a regular expression, not a password)
            sublinear_tf=True,
        ),
    )
    model = make_pipeline(features, ComplementNB(alpha=0.3))
    model.fit([gazetteer.without_places(text) for text in texts], langs)
    return model, gazetteer


def load() -> None:
    """Fit the model now (the action server's warm-up), not on a user's first message."""
    _model()


def guess(text: str) -> Guess | None:
    """The language of `text` by our own examples (place names are left out), or None when
    nothing is left to go by."""
    model, gazetteer = _model()
    rest = gazetteer.without_places(text)
    if not fold(rest):
        return None
    probabilities = model.predict_proba([rest])[0]
    best = int(np.argmax(probabilities))
    return Guess(str(model.classes_[best]), float(probabilities[best]))
