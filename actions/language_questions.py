"""Messages that name a language: a wish to be written to in it, a question whether the
staff of the offers shown speak it, or a wish to learn German. The classifier often cannot
tell the first two apart ("а можно на английском?", "geht das auch auf Arabisch?"); when
it ranks both, the assistant does both: it switches and says which languages the staff
speak."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from actions.base import intent_confidences
from actions.language_names import named_language, named_languages
from services_catalog.place_forms import proclitic_stems
from services_catalog.text import fold

# After offers, a question taken for a switch that the classifier also ranks as one about
# the staff's languages at least this high ("can you write in Arabic?": 0.00, "можно на
# русском?": 0.21, "geht das auch auf Arabisch? mein deutsch ist nicht so gut": 0.29,
# "momken tekalemni english?": 0.37) asks both.
LANGUAGES_BESIDE_SWITCH = 0.25
# After offers, a question about the staff's languages that the classifier also ranks as a
# switch at least this high, naming a language other than the chat's, asks both ("а можно
# на английском?": 0.12, "b'englizenya ktsihifeley tikil do?": 0.17; "do they speak
# arabic?": 0.00, "türkçe olur mu?": 0.02).
SWITCH_BESIDE_LANGUAGES = 0.1
# A switch to German with a German course ranked at least this high is the course ("za pa
# Freiberg ke osegam, almani zhaba zdakawal ghwaram": switch 0.43, course 0.21; "можно на
# немецком, я учу язык": 0.17; "kannst du auf Deutsch schreiben?": 0.00).
LEARNING_GERMAN = 0.2


# Word beginnings (folded) that speak of learning a language or of a course, in our
# languages ("ab'u nay jermen qwanqwa timhrti'ke ale dyu?", is there German language
# teaching there?); school words are left out ("do they speak German at that school?").
_LEARNING_STEMS = tuple(
    fold(stem)
    for stem in (
        *("course", "class", "learn", "lesson", "kurs", "lernen", "unterricht", "cours"),
        *("apprend", "curs", "invat", "învăț", "nauk", "uczy", "ucit", "učit", "ogren"),
        *("öğren", "ders", "курс", "учить", "выучить", "вчити", "вивчити", "навчан"),
        *("كورس", "دورة", "تعلم", "اتعلم", "دروس", "کلاس", "دوره", "یادگیری", "آموزش"),
        # ("khóa", a course, is left out: "khoa nhi" is a children's ward)
        *("زده", "ትምህርቲ", "timhrti", "tmhrti", "lớp", "kurzu", "kurzy"),
    )
)
_CZECH_COURSE = frozenset({"kurz", "kurzik"})
_COURSE_STEMS = tuple(
    fold(stem)
    for stem in ("course", "kurs", "cours", "curs", "курс", "كورس", "دورة", "دوره", "ኮርስ", "kurzu")
)


def _begins_with(words: list[str], stems: tuple[str, ...]) -> bool:
    """True when a folded word, or the word without an Arabic proclitic ("والكورس": and
    the course), begins with one of `stems`."""
    return any(form.startswith(stems) for word in words for form in (word, *proclitic_stems(word)))


def asks_to_learn(text: str) -> bool:
    """True when a message speaks of learning or of a course."""
    return _begins_with(fold(text).split(), _LEARNING_STEMS)


def names_a_course(text: str, lang: str = "") -> bool:
    """True when a message names a course (not a school class or a lesson): "والكورس",
    "khóa học", and "kurz" in a Czech chat (in German it means "short")."""
    words = fold(text).split()
    if lang == "cs" and any(word in _CZECH_COURSE for word in words):
        return True
    return " khoa hoc " in f" {' '.join(words)} " or _begins_with(words, _COURSE_STEMS)


def _text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def learns_german(tracker: Tracker) -> bool:
    """True when a message taken for a switch to German wants to learn German."""
    if named_language(_text(tracker)) != "de":
        return False
    return intent_confidences(tracker).get("need_language_course", 0.0) >= LEARNING_GERMAN


def asks_offer_languages(tracker: Tracker) -> bool:
    """True when offers were shown and a question taken for a language switch may also ask
    whether the staff speak it."""
    if not tracker.get_slot("shown_offers") or not re.search(r"[?？؟]", _text(tracker)):
        return False
    return intent_confidences(tracker).get("ask_languages", 0.0) >= LANGUAGES_BESIDE_SWITCH


def asks_chat_language(tracker: Tracker) -> bool:
    """True when offers were shown and a question taken for one about the staff's languages
    may also ask the assistant to write in the language it names."""
    if not tracker.get_slot("shown_offers"):
        return False
    current = tracker.get_slot("language")
    named = named_language(_text(tracker), current)
    if named is None or named == current or current in named_languages(_text(tracker)):
        # "o do co ai noi tieng viet ko, e ko biet tieng duc" (does anyone there speak
        # Vietnamese? I don't know German): a question naming the chat's own language asks
        # about the staff, whatever other language it names
        return False
    return intent_confidences(tracker).get("change_language", 0.0) >= SWITCH_BESIDE_LANGUAGES
