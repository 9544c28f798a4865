"""The languages Wegweiser speaks: one list, the fallback, and how to read a language code."""

from __future__ import annotations

# Languages with NLU data, a complete catalog and tests (DESIGN.md, "Languages").
# Adding a language: one edit here, plus its data (NLU examples, catalog, crisis phrases).
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    *("de", "en", "ar", "fa", "uk", "ru", "tr", "pl"),
    *("cs", "ro", "vi", "fr", "ps", "ti"),
)
# The language used when nothing else is known; offers must have their name in it.
FALLBACK_LANGUAGE = "de"
# Where a text missing in the asked language is looked for next, in order.
TEXT_FALLBACK_LANGUAGES: tuple[str, ...] = (FALLBACK_LANGUAGE, "en")


def normalize_language(code: str | None) -> str | None:
    """'de-DE' → 'de', 'pt_BR' → None (unsupported), None → None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED_LANGUAGES else None
