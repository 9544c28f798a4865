"""Translations: gettext catalogs (babel .po files) loaded once per language, compiled in memory."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
# Languages with NLU data, a complete catalog and tests (DESIGN.md, "Languages").
SUPPORTED_LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "uk", "ru", "tr", "pl")
SOURCE_LANGUAGE = "en"  # msgids are English
FALLBACK_LANGUAGE = "de"


def po_path(lang: str) -> Path:
    """Where the catalog of a language lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> NullTranslations:
    """The translations of a language (English msgids pass through for 'en')."""
    path = po_path(lang)
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def normalize_language(code: str | None) -> str | None:
    """'de-DE' → 'de', 'pt_BR' → None (unsupported), None → None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED_LANGUAGES else None
