"""The frame every reply is rendered in: the language, its translations, buttons, labels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from babel.support import NullTranslations

from bot.i18n import translations
from services_catalog.formatting import text_direction
from services_catalog.hours import local_time
from services_catalog.languages import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES

Message = dict[str, Any]
Renderer = Callable[["Reply"], Message]
N_ = str  # marks a msgid for extraction without translating it yet

CATEGORY_LABELS: dict[str, str] = {
    "language_course": N_("German courses"),
    "migration_counselling": N_("Migration counselling"),
    "asylum_legal_counselling": N_("Asylum and residence law"),
    "labour_rights_counselling": N_("Problems at work"),
    "recognition_counselling": N_("Recognition of qualifications"),
    "work_and_training": N_("Work and training"),
    "health_care": N_("Doctors and health"),
    "psychosocial_support": N_("Psychological help"),
    "violence_protection": N_("Protection from violence"),
    "anti_discrimination": N_("Discrimination"),
    "authorities": N_("Authorities and residence permits"),
    "family_and_school": N_("Family, day care and school"),
    "community": N_("Meeting people"),
}
AUDIENCE_LABELS: dict[str, str] = {
    "women": N_("women"),
    "men": N_("men"),
    "youth": N_("young people"),
    "children": N_("children"),
    "families": N_("families"),
    "refugees": N_("refugees"),
    "asylum_seekers": N_("asylum seekers"),
    "eu_workers": N_("workers from EU countries"),
    "foreign_workers": N_("foreign workers"),
    "students": N_("students"),
    "lgbtq": N_("LGBTQ+ people"),
    "seniors": N_("older people"),
}
COST_LABELS: dict[str, str] = {
    "free": N_("Free of charge"),
    "fee": N_("There is a fee"),
    "reduced": N_("Reduced fee possible"),
    "unknown": N_("Cost not known"),
}


class Reply:
    """One response being rendered: the language, its translations and the action's data."""

    def __init__(self, lang: str, data: dict[str, Any], now: datetime | None = None) -> None:
        self.lang = lang if lang in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE
        self.data = data
        self.now = local_time(now or datetime.now().astimezone())
        self._t: NullTranslations = translations(self.lang)

    def _(self, msgid: str, **values: Any) -> str:
        text = self._t.gettext(msgid)
        return text % values if values else text

    def n_(self, singular: str, plural: str, count: int, **values: Any) -> str:
        text = self._t.ngettext(singular, plural, count)
        return text % {"count": count, **values}

    def button(self, title: str, payload: str) -> dict[str, str]:
        return {"title": title, "payload": payload}

    def category(self, category: str) -> str:
        return self._(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category

    def menu(self) -> list[dict[str, str]]:
        return [self.button(self.category(c), f"/need_{c}") for c in CATEGORY_LABELS]

    def message(
        self, text: str, buttons: list[dict[str, str]] | None = None, **custom: Any
    ) -> Message:
        return {
            "text": text,
            "buttons": buttons or [],
            "custom": {"lang": self.lang, "dir": text_direction(self.lang), **custom},
        }


def isolate(text: str) -> str:
    """Wrap names and addresses in Unicode first-strong isolates so they keep their own
    direction inside right-to-left text (U+2068 … U+2069)."""
    return f"\u2068{text}\u2069" if text else text
