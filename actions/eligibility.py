"""Facts about the user that change which offers fit, read from the message itself.

Age ("ich bin 16", "мне 16 лет", "عمري ١٦", "۱۶ سالمه", "16 yaşındayım", "mam 16 lat") and
belonging to a group that has offers of its own (LGBTQ+, women) in every supported language
and script (EU citizenship: `actions.citizenship`). Only what the message clearly says is
read: a number without an age word is an age only when the user was answering an age
question.
"""

from __future__ import annotations

import re

from services_catalog.text import fold, western_digits

_NUMBER = r"(\d{1,2})"
# Words next to a number that make it an age, before or after it (folded text).
_AGE_BEFORE = [
    *("ich bin", "bin", "alter", "age", "aged", "i am", "im", "i m", "my age is"),
    *("عمري", "عمرى", "عمر", "سني", "سنی", "عندي", "سنم"),
    *("мне", "мені", "менi", "возраст", "вік", "mam", "wiek", "yasim", "yas"),
    *("je mi", "věk", "j ai", "jai", "age de", "agee de", "varsta", "vârsta", "am", "tuoi toi"),
    *("زما عمر", "ዕድሜይ", "ዕድመይ", "edmey", "mne", "meni"),
    *("3omri", "3mri", "3umri", "3emri", "omri"),  # Arabizi "ana 3omri 19 sene"
    # whom a volunteer or parent writes for ("ein junger Mann aus Eritrea … Er ist 19")
    *("er ist", "sie ist", "he is", "she is", "he s", "she s", "ему", "ей", "йому", "їй"),
    *("عمره", "عمرها", "سنش", "il a", "elle a"),
]
_AGE_AFTER = [
    *("jahre", "jahren", "jahr", "j", "years", "year", "yrs", "yo", "y o"),
    *("سنة", "سنه", "سنين", "عام", "سال", "سالمه", "سالم", "ساله"),
    *("лет", "года", "год", "років", "роки", "рік", "lat", "lata", "rok"),
    *("yasindayim", "yasinda", "yasinday", "yas", "yasim", "goda", "rokiv", "roky"),
    *("let", "leta", "roku", "ans", "an", "ani", "de ani", "tuổi", "tuoi", "t"),  # vi "16t"
    *("کلن", "کلنه", "کلونه", "کاله", "ዓመት", "ዓመተይ", "ዓመቴ", "ዓመታት", "amet", "ametey"),
]


def _alternatives(words: list[str]) -> str:
    """A regex alternation of the words as `fold` writes them, longest first."""
    folded = sorted({fold(word) for word in words}, key=len, reverse=True)
    return "|".join(re.escape(word) for word in folded)


_AGE_PATTERNS = (
    re.compile(rf"(?:^| )(?:{_alternatives(_AGE_BEFORE)}) {_NUMBER}(?: |$)"),
    re.compile(rf"(?:^| ){_NUMBER} ?(?:{_alternatives(_AGE_AFTER)})(?: |$)"),
)
_BARE_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def fold_message(text: str) -> str:
    """A message folded as the words here are: Western digits, the Turkish dotless i as i."""
    return fold(western_digits(text)).replace("ı", "i")


def _plausible(age: int) -> int | None:
    return age if 1 <= age <= 99 else None


# An age under this written in a message is a child's, not the writer's.
OWN_AGE_MIN = 12


def parse_age(text: str, answering: bool = False) -> int | None:
    """The age the message states ("I am 19", "١٩ سنة"), or a bare number when the user
    was answering an age question (`answering`); None when there is none or it is implausible."""
    folded = fold_message(text)
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(folded):
            age = _plausible(int(match.group(1)))
            # "Kita for my two, 4 and 8 years": an age under OWN_AGE_MIN written in a message
            # is a child's, not the writer's (whoever asks a chatbot for a service is older)
            if age is not None and age >= OWN_AGE_MIN:
                return age
    if answering:
        bare = _BARE_NUMBER.search(folded)
        if bare:
            return _plausible(int(bare.group(1)))
    return None


# Words by which people say they are LGBTQ+ (folded, whole words), in the eight languages.
_LGBTQ_WORDS = frozenset(
    {
        *("gay", "lesbian", "lesbisch", "schwul", "queer", "trans", "transgender", "bisexual"),
        *("lgbt", "lgbtq", "lgbtiq", "lsbti", "lsbtiq", "gej", "lesbijka", "geja", "biseksualny"),
        *("escinsel", "lezbiyen", "гей", "лесбиянка", "лесбійка", "трансгендер", "лгбт"),
        *("مثلي", "مثلية", "مثليه", "همجنسگرا", "ترنس", "گی"),
    }
)
_LESBIAN_WORDS = frozenset({"lesbian", "lesbisch", "lesbijka", "лесбиянка", "лесбійка", "lezbiyen"})
# Phrases by which a woman says she is one, or speaks of her husband or partner (folded).
# Not Turkish "eşim" or Persian "همسرم": "my spouse", written by husbands as often.
_WOMAN_PHRASES = (
    *("ich bin eine frau", "mein mann", "mein ehemann", "mein exmann", "i am a woman"),
    *("i m a woman", "my husband", "my ex husband", "мой муж", "мій чоловік", "мой бывший муж"),
    *("mój mąż", "moj maz", "mąż", "kocam", "زوجي", "جوزي", "شوهرم"),
    *("я женщина", "я жінка", "jestem kobieta", "jestem kobietą", "ben kadinim", "انا امراة"),
)
# Phrases asking for an offer for women ("Treffpunkt für Frauen", "a group for women"): a
# wish for this search, not who the writer is (a husband may ask for his wife).
_FOR_WOMEN_PHRASES = (
    *("fur frauen", "nur fur frauen", "frauentreff", "frauengruppe", "frauencafe"),
    *("for women", "women only", "women s group", "для женщин", "для жінок", "dla kobiet"),
    *("kadinlar icin", "kadinlara", "للنساء", "برای زنان", "برای خانم ها", "pour femmes"),
    "pour les femmes",
    *("pentru femei", "pro zeny", "cho phu nu", "د ښځو لپاره", "ንደቂ ኣንስትዮ"),
)


def parse_audiences(text: str) -> frozenset[str]:
    """Groups with offers of their own that the message says the user belongs to."""
    folded = f" {fold_message(text)} "
    groups = set()
    if any(f" {word} " in folded for word in _LGBTQ_WORDS):
        groups.add("lgbtq")
    if any(f" {word} " in folded for word in _LESBIAN_WORDS):
        groups.add("women")
    if any(f" {fold_message(phrase)} " in folded for phrase in _WOMAN_PHRASES):
        groups.add("women")
    return frozenset(groups)


def parse_wished_audiences(text: str) -> frozenset[str]:
    """Groups the message asks offers for ("a meeting place for women"), for this search."""
    folded = f" {fold_message(text)} "
    wished = any(f" {fold_message(phrase)} " in folded for phrase in _FOR_WOMEN_PHRASES)
    return frozenset({"women"}) if wished else frozenset()
