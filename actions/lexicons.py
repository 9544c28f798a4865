"""Each language's own words (actions/lexicon/<lang>.yml): how its speakers ask for it and
name other languages, its greetings, and for languages that no detector knows, the words
people type in Latin letters."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from services_catalog.text import fold

LEXICON = Path(__file__).parent / "lexicon"


@lru_cache(maxsize=1)
def lexicons() -> dict[str, dict[str, Any]]:
    """Each language's lexicon file, by language code."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for path in sorted(LEXICON.glob("*.yml"))
    }


@cache
def latin_words(lang: str) -> frozenset[str]:
    """The folded words a language is typed with in Latin letters (its lexicon's list)."""
    return frozenset(fold(word) for word in lexicons().get(lang, {}).get("latin_words") or ())
