"""Text normalisation shared by the gazetteer and keyword search (any script)."""

from __future__ import annotations

import re
import unicodedata

# Arabic-script letters that Persian writes differently (and vice versa), plus
# hamza carriers and the tatweel, folded so that "كيمنتس" and "کیمنتس" meet.
_ARABIC_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ـ": None,
        "ß": "ss",
    }
)
_NON_WORD = re.compile(r"[\W_]+")
# Arabic-Indic and Persian digits, as numbers are typed on Arabic and Persian keyboards.
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


# Letters with a stroke, which Unicode does not decompose: Vietnamese đ is typed d on phones
# without a Vietnamese keyboard ("Đức" / "duc").
_STROKED = str.maketrans({"đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, fold Arabic/Persian letter variants.

    Hyphens, slashes and apostrophes become spaces: "Frankenberg/Sa." → "frankenberg sa",
    "Dresden'de" → "dresden de", "Döbeln" → "dobeln", "Дёбельн" → "дебельн".
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_ARABIC_FOLD)
    text = text.translate(_STROKED)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text).split())


def transliterate_umlauts(text: str) -> str:
    """German umlauts written out as people without a German keyboard do (ö → oe)."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
    return text.translate(table)


# Ethiopic numerals (Tigrinya): units ፩–፱ and tens ፲–፺, written tens first ("፲፰" is 18).
_ETHIOPIC_UNITS = {chr(0x1369 + i): i + 1 for i in range(9)}
_ETHIOPIC_TENS = {chr(0x1372 + i): 10 * (i + 1) for i in range(9)}
_ETHIOPIC_NUMBER = re.compile("([\u1372-\u137a]?)([\u1369-\u1371]?)")


def _ethiopic_value(match: re.Match[str]) -> str:
    tens, units = match.group(1), match.group(2)
    if not tens and not units:
        return ""
    return str(_ETHIOPIC_TENS.get(tens, 0) + _ETHIOPIC_UNITS.get(units, 0))


def western_digits(text: str) -> str:
    """The text with Arabic-Indic and Persian digits written as 0-9 ("٠٩٥٩٩" → "09599"),
    and numbers under 100 in Ethiopic numerals too ("፲፰" → "18")."""
    if any("\u1369" <= ch <= "\u137a" for ch in text):
        text = _ETHIOPIC_NUMBER.sub(_ethiopic_value, text)
    return text.translate(_WESTERN_DIGITS)
