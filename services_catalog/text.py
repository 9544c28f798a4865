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


def western_digits(text: str) -> str:
    """The text with Arabic-Indic and Persian digits written as 0-9 ("٠٩٥٩٩" → "09599")."""
    return text.translate(_WESTERN_DIGITS)
