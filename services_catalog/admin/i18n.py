"""The admin's own texts: German by default, English on request (babel .po catalogs)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from aiohttp import web
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("de", "en")
DEFAULT = "de"
COOKIE = "wegweiser_admin_lang"


@cache
def translations(lang: str) -> NullTranslations:
    """The admin catalog of a language (English msgids pass through for 'en')."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "admin.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain="admin")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="admin")


def language_of(request: web.Request) -> str:
    """?lang= wins, then the cookie, then German."""
    asked = request.query.get("lang") or request.cookies.get(COOKIE) or DEFAULT
    return asked if asked in LANGUAGES else DEFAULT
