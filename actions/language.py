"""The language of the reply, decided per message.

Order: an explicit choice in this message (a language button, or "can you speak English?")
wins and sticks; otherwise the writing itself (`actions.script_evidence`: Arabic letters are
Arabic or Persian, Cyrillic is Ukrainian or Russian, whatever German words they contain;
romanised Persian and Arabic); otherwise a confident detection of this message (lingua,
which ships its models) unless the user chose a language explicitly before; short messages
like "ok" keep the current language; otherwise the client's hint (Telegram language_code,
the widget's locale); otherwise None, and the assistant answers in German with a language picker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from actions import own_language_model
from actions.language_names import named_language
from actions.latin_writing import east_slavic, greeting, romanised, turkish_suffix
from actions.script_evidence import by_script
from services_catalog.languages import SUPPORTED_LANGUAGES, normalize_language
from services_catalog.text import fold

# Detected among more languages than we support, so that Spanish is not mistaken for French.
# Lingua has no Pashto or Tigrinya: their scripts and Latin spellings are read by rules
# (actions.script_evidence).
DETECTABLE = tuple(
    code
    for code in dict.fromkeys(
        (*SUPPORTED_LANGUAGES, "es", "it", "so", "sq", "hr", "nl", "pt", "hu")
    )
    if hasattr(IsoCode639_1, code.upper())
)
SCRIPTS = {
    **dict.fromkeys(("ar", "fa", "ps"), "arabic"),
    **dict.fromkeys(("uk", "ru"), "cyrillic"),
    "ti": "ethiopic",
}
MIN_CONFIDENCE = 0.5
MIN_MARGIN_RATIO = 2.5
# Leaving the current language takes more: a confident sentence, not a few words.
SWITCH_CONFIDENCE = 0.8
SWITCH_MIN_WORDS = 4
# The first message of a conversation, when nothing else is known.
FIRST_GUESS = 0.15
LOANWORD_MIN_WORDS = 3
FIRST_MARGIN = 1.4
# Our own examples' language model: how sure it must be to name the first language, and to
# leave the current one.
OWN_FIRST = 0.5
OWN_SWITCH = 0.9
# So sure that it outweighs the word lists of romanised writing ("da dafter saatuna tsa di?"
# is Pashto, though "kh" and "tsa" look like transliterated Russian).
OWN_SURE = 0.9


@dataclass(frozen=True)
class LanguageDecision:
    """The reply language (None: unknown), how it was decided, and whether it is locked."""

    lang: str | None
    source: str  # explicit | detected | current | hint | none
    locked: bool


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The lingua detector, built on first use."""
    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTABLE]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect(
    text: str,
    current: str | None = None,
    written_as: str | None = None,
    places: Sequence[str] = (),
) -> str | None:
    """A supported language detected with confidence in `text`, else None. `written_as`
    is the whole message, place names included: a town written in Cyrillic or Arabic
    letters ("Эдеран") is evidence of the writer's script, though not of the language,
    except that "Хайнихен" is written the Russian way (`places`: the words naming one)."""
    text = text.strip()
    whole = written_as or text
    if text.startswith("/"):
        return None
    if not text:
        # only a town, but "Oederan'dayım" carries a Turkish case ending, and "Вальдхайм"
        # or "فرايبرغ" the writer's script (no evidence while the chat is in that script)
        if current in (None, "de") and turkish_suffix(whole):
            return "tr"
        scripted = by_script(whole, current, prefer=_likelier, places=places)
        if scripted and SCRIPTS.get(current or "", "latin") != SCRIPTS.get(scripted):
            return scripted
        return None
    scripted = by_script(written_as or text, current, prefer=_likelier, places=places) or by_script(
        text, current, prefer=_likelier
    )
    if scripted:
        return scripted
    if current is None and (greeted := greeting(text)):
        return greeted  # only a greeting, or "ya v" before a town: its language
    sure = _by_own_examples(text, current, OWN_SURE)
    if sure in ("pl", "cs") and east_slavic(text):
        sure = None  # "vyznannja dyplomu inzhenera": Ukrainian in Latin letters
    written = sure or _romanised(text, current) or _by_own_examples(text, current, OWN_FIRST)
    if written:
        return written
    if current is None and (greeted := greeting(text)):
        return greeted
    if current in (None, "de") and turkish_suffix(whole):
        return "tr"
    values = _confidences(text)
    if not values:
        return None
    top = values[0]
    second = values[1].value if len(values) > 1 else 0.0
    lang: str = top.language.iso_code_639_1.name.lower()
    if lang not in SUPPORTED_LANGUAGES:
        return None
    if current is None and top.value >= FIRST_GUESS and top.value >= FIRST_MARGIN * second:
        # Nothing known yet: a clear lead, even on few words ("can i talk to a person",
        # "praca"), beats answering in German with the language picker.
        return lang
    short = len(text.split()) < 2 and len(text) < 12
    if short:
        # One short word ("ok", "Jobcenter") says little, unless its script differs from
        # the current language's ("привет" while we speak English).
        if current is not None and SCRIPTS.get(lang, "latin") == SCRIPTS.get(current, "latin"):
            return None
        return lang if top.value >= 0.8 else None
    if current is not None and lang != current:
        confident_switch = top.value >= SWITCH_CONFIDENCE and len(text.split()) >= SWITCH_MIN_WORDS
        if confident_switch and lang == "de" and not _german_beyond_nouns(text):
            # "Öffnungszeiten-esh chist? sobh ha baz ast?": a German office word in Persian
            # written in Latin letters; only German in the words around the nouns leaves the
            # conversation's language for German
            return None
        return lang if confident_switch else None
    if top.value >= MIN_CONFIDENCE or (top.value >= 0.3 and top.value >= MIN_MARGIN_RATIO * second):
        return lang
    return None


def _romanised(text: str, current: str | None) -> str | None:
    """`romanised`, except that Slavic letter groups do not take a chat in another language
    to Russian or Ukrainian while our own examples see that language in the text ("ab Döbeln
    iye zelekhu" in a Tigrinya chat: Tigrinya writes "kh" and "-ye" too)."""
    found = romanised(text, current)
    if (
        found in ("ru", "uk")
        and current not in (None, "de", "ru", "uk")
        and _by_own_examples(text, current, OWN_FIRST) == current
    ):
        return None
    return found


def _by_own_examples(text: str, current: str | None, first: float) -> str | None:
    """The language our own NLU examples recognise in a text of two words or more
    (`actions.own_language_model`): at the start of a conversation when at least `first`
    sure, later the current language when it agrees, another one only on a confident
    sentence."""
    words = fold(text).split()
    if len(words) < 2:
        return None
    found = own_language_model.guess(text)
    if found is None:
        return None
    if current is None:
        return found.lang if found.probability >= first else None
    if found.lang == current:
        return current if found.probability >= first else None
    # a change of keyboard says more than words: three Latin words after Russian or Arabic
    # ("Ist das kostenlos?") are enough
    other_keyboard = SCRIPTS.get(found.lang, "latin") != SCRIPTS.get(current, "latin")
    needed = SWITCH_MIN_WORDS - 1 if other_keyboard else SWITCH_MIN_WORDS
    if found.probability >= max(first, OWN_SWITCH) and len(words) >= needed:
        return found.lang
    return None


def _likelier(text: str, langs: tuple[str, str]) -> str | None:
    """Of two languages of one script, the one the detector finds likelier."""
    for value in detector().compute_language_confidence_values(text):
        code = str(value.language.iso_code_639_1.name.lower())
        if code in langs:
            return code
    return None


def _confidences(text: str) -> list[Any]:
    """Lingua's confidences, with German nouns discounted: when the words written in lower
    case say another supported language ("Arbeitgeber maasimi odemiyor, ustune Kündigung da
    verdi"), loanwords and office names ("Termin", "Ausländerbehörde") do not make it German."""
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].language.iso_code_639_1.name.lower() != "de":
        return list(values)
    lower = [word for word in text.split() if word[:1].islower()]
    if len(lower) < LOANWORD_MIN_WORDS:
        return list(values)
    rest = detector().compute_language_confidence_values(" ".join(lower))
    lang = rest[0].language.iso_code_639_1.name.lower() if rest else "de"
    second = rest[1].value if len(rest) > 1 else 0.0
    clear = rest and (rest[0].value >= MIN_CONFIDENCE or rest[0].value >= 2 * second)
    if lang != "de" and lang in SUPPORTED_LANGUAGES and clear:
        return list(rest)
    return list(values)


def _german_beyond_nouns(text: str) -> bool:
    """True when the words written in lower case are German too (or there are too few of
    them to tell): German nouns alone are loanwords in any language."""
    lower = [word for word in text.split() if word[:1].islower()]
    if len(lower) < LOANWORD_MIN_WORDS:
        return True
    rest = detector().compute_language_confidence_values(" ".join(lower))
    return bool(rest) and rest[0].language.iso_code_639_1.name.lower() == "de"


def decide(
    text: str,
    intent: str,
    entities: list[dict[str, Any]],
    current: str | None,
    locked: bool,
    hint: str | None,
    without_places: Callable[[str], str] = lambda text: text,
) -> LanguageDecision:
    """Decide the reply language for one message (see the module docstring). Place names
    are left out of the detection (`without_places`): "I live in Freiberg" is English."""
    chosen = next(
        (
            normalize_language(str(e.get("value")))
            for e in entities
            if e.get("entity") == "language"
        ),
        None,
    )
    if chosen is None and intent == "change_language":
        chosen = named_language(text, current)
    if chosen:
        return LanguageDecision(chosen, "explicit", True)
    if not locked:
        rest = without_places(text)
        kept = set(rest.split())
        places = [word for word in text.split() if word not in kept]
        detected = detect(rest, current or normalize_language(hint), text, places)
        if detected:
            return LanguageDecision(detected, "detected", False)
    if current:
        return LanguageDecision(current, "current", locked)
    hinted = normalize_language(hint)
    if hinted:
        return LanguageDecision(hinted, "hint", False)
    return LanguageDecision(None, "none", False)
