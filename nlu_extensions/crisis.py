"""Deterministic crisis detection: per-language phrase lists that signal danger now.

A phrase matches as whole words after the text is folded like the phrase (lower case,
no diacritics or punctuation, Arabic/Persian letter variants unified; apostrophe-like
characters removed; an Arabic "و" ("and") glued to a word is also tried without it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from services_catalog.text import fold
from services_catalog.transcription import latin_forms

PHRASE_DIR = Path(__file__).parent / "crisis_phrases"
KINDS = ("violence", "sexual_violence", "suicide", "medical")
# Checked in this order: a message that names several dangers gets the most urgent first.
PRIORITY = ("medical", "suicide", "sexual_violence", "violence")
_APOSTROPHES = str.maketrans({"'": "", "ʼ": "", "’": "", "`": "", "´": ""})


def normalize(text: str) -> str:
    """The folded form phrases and messages are compared in, padded with spaces."""
    return f" {fold(text.translate(_APOSTROPHES))} "


@lru_cache(maxsize=1)
def phrases() -> dict[str, frozenset[str]]:
    """kind → normalized phrases, from every language's list."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path in sorted(PHRASE_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in KINDS:
            for phrase in data.get(kind) or []:
                # Russian and Ukrainian are typed in Latin letters as often ("stoyu na
                # mostu", "ne mogu dyshat"): every Cyrillic phrase in each common spelling
                # (Ukrainian и as y: "vyp'yu vsi tabletky")
                written = {str(phrase), *latin_forms(str(phrase))}
                if path.stem == "uk":
                    written |= latin_forms(str(phrase).replace("и", "ы"))
                found[kind].update(f for f in map(normalize, written) if f.strip())
    return {kind: frozenset(values) for kind, values in found.items()}


@lru_cache(maxsize=1)
def resolved() -> tuple[str, ...]:
    """Normalized phrases saying that help has come ("the ambulance came and took her"):
    a danger word inside them ("ambulance") is not danger now. Longest first."""
    found: set[str] = set()
    for path in sorted(PHRASE_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found.update(normalize(str(phrase)) for phrase in data.get("resolved") or [])
    return tuple(sorted((p for p in found if p.strip()), key=len, reverse=True))


# "Now", "right now", "again" as people put them inside a listed phrase ("mě teď mlátí" for
# "mě mlátí", "mnie teraz dusi" for "mnie dusi"): a message is also read without them.
_FILLERS = (
    *("jetzt", "gerade", "schon wieder", "wieder", "right now", "now", "again", "still"),
    *("zrovna", "ted", "znovu", "zase", "teraz", "wlasnie", "znowu", "znow", "прямо сейчас"),
    *("сейчас", "опять", "снова", "зараз", "знову", "прямо", "simdi", "yine", "gene", "acum"),
    *("iar", "din nou", "maintenant", "encore", "en ce moment", "bay gio", "lai", "dang"),
    *("الآن", "الان", "هلق", "هلا", "هسه", "هسع", "توا", "مرة ثانية", "اکنون", "همین الان"),
    *("دوباره", "باز", "اوس", "بیا", "همدا اوس", "ሕጂ", "ከምብሓድሽ"),
)
_FILLER = re.compile(
    "|".join(
        rf"(?<= ){re.escape(normalize(f).strip())}(?= )" for f in _FILLERS if normalize(f).strip()
    )
)


def _variants(text: str) -> list[str]:
    folded = normalize(text)
    for phrase in resolved():
        folded = folded.replace(phrase, "  ")
    words = folded.split()
    without_waw = " ".join(w[1:] if w.startswith("و") and len(w) > 3 else w for w in words)
    variants = [folded] if without_waw == " ".join(words) else [folded, f" {without_waw} "]
    without_fillers = [" ".join(_FILLER.sub(" ", v).split()) for v in variants]
    return variants + [f" {v} " for v in without_fillers if f" {v} " not in variants]


def help_has_come(text: str) -> bool:
    """True when the message says that help has come ("canh sat toi r", the police are here;
    "وصلت الاسعاف وخذوه", the ambulance came and took him)."""
    folded = normalize(text[:5000])
    return any(phrase in folded for phrase in resolved())


def crisis_kind(text: str) -> str | None:
    """The kind of danger a message signals, or None."""
    if not text or len(text) > 5000:
        text = text[:5000]
    variants = _variants(text)
    found = [
        (kind, phrase)
        for kind in PRIORITY
        for phrase in phrases()[kind]
        if any(phrase in variant for variant in variants)
    ]
    # A phrase inside a longer phrase of another kind is read as part of it: "sie wollen mich
    # umbringen" (violence) holds "mich umbringen" (suicide, as in "ich will mich umbringen").
    whole = [
        (kind, phrase)
        for kind, phrase in found
        if not any(other != phrase and phrase in other for _, other in found)
    ]
    for kind in PRIORITY:
        if any(found_kind == kind for found_kind, _ in whole):
            return kind
    return None
