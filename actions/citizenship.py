"""EU citizenship, read from the message itself in every supported language and script:
"I am an EU citizen", "jestem z Polski", "я из Румынии", "Mein Kollege ist Rumäne",
"Romanya'danım", "من سوريا" (not EU). Only what the message clearly says is read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from actions.eligibility import fold_message
from actions.latin_writing import romanised
from actions.lexicons import lexicons
from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.text import fold
from services_catalog.transcription import latin_forms

EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)
# Not EU members, but their citizens work in Germany with the same rights (EEA, Switzerland).
_FREE_MOVEMENT = frozenset({"IS", "LI", "NO", "CH"})
# "EU citizen" in so many words (folded).
_EU_WORDS = (
    "eu citizen",
    "eu burger",
    "eu burgerin",
    "eu staatsburger",
    "eu pass",
    "aus der eu",
    "from the eu",
    "european union",
    "obywatel ue",
    "obywatelka ue",
    "obywatelstwo ue",
    "z ue",
    "гражданин ес",
    "гражданка ес",
    "громадянин єс",
    "громадянка єс",
    "ab vatandasi",
    "ab vatandasiyim",
    "الاتحاد الاوروبي",
    "اتحادیه اروپا",
    "اتحاديه اروپا",
    *("obcan eu", "obcanka eu", "obcanstvi eu", "z eu", "cetatean ue", "cetateana ue", "din ue"),
    # a European passport, in the 14 languages
    *("european passport", "eu passport", "europaischer pass", "europaischen pass"),
    *("جواز أوروبي", "جواز اوروبي", "جواز سفر اوروبي", "باسبور اوروبي", "پاسپورت اروپایی"),
    *("paszport unijny", "paszport europejski", "avrupa pasaportu", "avrupa pasaportum"),
    *("passeport europeen", "pasaport european", "evropsky pas", "европейский паспорт"),
    *("паспорт ес", "європейський паспорт", "паспорт єс", "ho chieu chau au"),
    *("ho chieu eu", "د اروپا پاسپورټ", "اروپايي پاسپورټ", "ፓስፖርት ኤውሮጳ"),
    *("cetatean european", "citoyen de l ue", "citoyenne de l ue", "citoyen europeen"),
    *("citoyenne europeenne", "ressortissant de l ue", "cong dan eu", "cong dan chau au"),
    *("د اروپايي اتحادیې", "اروپايي اتحادیه", "ዜጋ ኤውሮጳ"),
)
_NOT_EU_WORDS = (
    "not an eu",
    "not eu",
    "non eu",
    "kein eu",
    "keine eu",
    "nicht aus der eu",
    "nie jestem z ue",
    "не из ес",
    "не з єс",
    "ab vatandasi degilim",
    "لست من الاتحاد",
    "از اتحادیه اروپا نیستم",
    *("nejsem z eu", "nejsem obcan eu", "nu sunt din ue", "nu sunt cetatean ue"),
    *("pas de l ue", "hors ue", "pas citoyen europeen", "khong phai cong dan eu"),
)
# Words that say "I come from / I am a citizen of" before a country (folded).
_FROM = (
    "from",
    "aus",
    "z",
    "ze",
    "з",
    "із",
    "зі",
    "из",
    "с",
    "من",
    "از",
    "اهل",
    "citizen of",
    "staatsburger von",
    *("din", "de", "du", "d", "tu", "nguoi", "له", "ካብ", "kab"),
    "iz",  # Russian in Latin letters ("ya iz Rumynii")
)
# Words for a passport or citizenship (folded prefixes) beside a country or its adjective.
_PASSPORT = (
    *("pass", "reisepass", "staatsangeh", "staatsburger", "citizen", "паспорт", "граждан"),
    *("громадян", "cong dan", "مواطن", "شهروند", "ዜጋ"),
    *("paszport", "obywatel", "pasaport", "vatandas", "جواز", "جنسي", "پاسپورت", "تابعیت"),
    *("obcan", "passeport", "nationalit", "citoyen", "cetatean", "cetatenie", "ho chieu"),
    *("quoc tich", "تذکره", "ፓስፖርት", "ዜግነት", "burger"),
    # Arabic with the article and the loanword ("عندي الباسبور الاسباني")
    *("باسبور", "الباسبور", "بسبور", "البسبور", "الجواز", "الجنسي"),
    # Persian in Latin letters ("tabe'iyat-e Sued daram": I have Swedish citizenship)
    *("tabeiyat", "tabe iyat", "tabeiat", "tabe iat", "tabeeyat", "shahrvand"),
    # Arabic in Latin letters ("jawaz safar", "basbor", "jinsiye")
    *("jawaz", "basbor", "baspor", "jinsiy", "jensiy"),
    # Russian and Ukrainian in Latin letters ("pasport rumynskij", "grazhdanka Bolgarii")
    *("pasport", "grazhdan", "hrazhdan", "hromadian", "hromadyan", "gromadyan"),
)
# Czech "pas" (passport) is a whole word: as a prefix it would start "pasta" or "pasiune".
_PASSPORT_WORDS = frozenset({"pas", "pasu", "pasem"})
_CZECH_ADJECTIVE = re.compile(r"[sc]k(y|a|e|ym|em|eho)$")
_TURKISH_FROM = ("dan", "den", "tan", "ten", "liyim", "luyum")
# A negation right before "EU citizen" ("не громадянка ЄС", "nu sunt cetatean UE"), folded.
_NEGATIONS = frozenset({"не", "ні", "not", "no", "non", "nicht", "kein", "keine", "nie", "ne"})
_NEGATIONS = _NEGATIONS | {"nu", "pas", "khong", "غیر", "لیس", "لست", "نه"}
# ... and after it (folded): Tigrinya "I do not have", Turkish "none"/"not", Persian "I do
# not have"/"I am not", Pashto "I do not have"/"is not".
_NEGATIONS_AFTER = frozenset(
    fold(word).replace("ı", "i")
    for word in (
        *("yebleyn", "yebleyen", "የብለይን", "ኣይኮንኩን", "yok", "yoktur", "degil", "degilim"),
        *("değil", "değilim", "ندارم", "نیستم", "نلرم", "نشته", "نه"),
    )
)
# "I am Polish", "I'm Romanian", "jestem Polakiem" (folded): the word after a form of "to be"
# says the citizenship only when it is a nationality; a country's stem would take "I am
# single" for Singapore.
_BEING = frozenset({"am", "im", "m", "jestem", "jsem", "sunt", "suis", "sono", "soy", "bin"})
_BEING = _BEING | {fold(word) for word in ("я", "انا")}
# ... and of the person the message asks for ("mein Kollege ist Rumäne", "he is Polish")
_BEING = _BEING | {"ist", "is", "est", "este", "jest", "je"}
_DEMONYMS = {
    **dict.fromkeys(("polish", "polak", "polka", "polakiem"), "PL"),
    **dict.fromkeys(("romanian", "romanca", "romana", "roumain", "roumaine", "roman"), "RO"),
    **dict.fromkeys(("bulgarian", "bulgar", "bulgarka"), "BG"),
    **dict.fromkeys(("czech", "cech", "ceska", "czeszka", "czechem"), "CZ"),
    **dict.fromkeys(("slovak", "slovakian"), "SK"),
    **dict.fromkeys(("hungarian",), "HU"),
    **dict.fromkeys(("italian", "italiano", "italiana", "italien", "italienne"), "IT"),
    **dict.fromkeys(("spanish", "espanol", "espanola"), "ES"),
    **dict.fromkeys(("portuguese",), "PT"),
    **dict.fromkeys(("greek",), "GR"),
    **dict.fromkeys(("croatian",), "HR"),
    **dict.fromkeys(("latvian",), "LV"),
    **dict.fromkeys(("lithuanian",), "LT"),
    **dict.fromkeys(("estonian",), "EE"),
    **dict.fromkeys(("french", "francais", "francaise"), "FR"),
    **dict.fromkeys(("dutch",), "NL"),
    **dict.fromkeys(("syrian", "afghan", "iraqi", "iranian", "eritrean"), "XX"),
    **dict.fromkeys(("ukrainian", "turkish", "russian", "indian", "pakistani"), "XX"),
    **dict.fromkeys(("nigerian", "moldovan", "serbian", "albanian", "vietnamese"), "XX"),
    **dict.fromkeys(("moroccan", "somali", "sudanese", "georgian", "ethiopian"), "XX"),
    **{"austrian": "AT", "belgian": "BE", "swedish": "SE", "danish": "DK", "finnish": "FI"},
    **{"irish": "IE", "maltese": "MT", "cypriot": "CY", "slovenian": "SI", "spaniard": "ES"},
    # Polish ("jestem Portugalczykiem", "jest Rumunem")
    **dict.fromkeys(("portugalczyk", "portugalczykiem", "portugalka"), "PT"),
    **dict.fromkeys(("hiszpan", "hiszpanem", "hiszpanka"), "ES"),
    **dict.fromkeys(("wloch", "wlochem", "wloszka"), "IT"),
    **dict.fromkeys(("rumun", "rumunem", "rumunka"), "RO"),
    **{"bulgarem": "BG", "slowak": "SK", "slowakiem": "SK", "slowaczka": "SK"},
    **dict.fromkeys(("wegier", "wegrem", "wegierka"), "HU"),
    **dict.fromkeys(("ukrainiec", "ukraincem", "ukrainka", "bialorusin"), "XX"),
    # German ("bin polnischer Bürger", "ich bin Rumänin"), Russian/Ukrainian ("я румын"),
    # Arabic ("انا روماني")
    **dict.fromkeys(("pole", "polin", "polnisch", "polnische", "polnischer"), "PL"),
    **dict.fromkeys(("rumane", "ruman", "rumanin", "rumanisch", "rumanische"), "RO"),
    **dict.fromkeys(("rumanischer", "румын", "румынка", "румун", "румунка"), "RO"),
    **dict.fromkeys(("bulgare", "bulgarin", "bulgarisch", "bulgarische", "bulgarischer"), "BG"),
    **dict.fromkeys(("tscheche", "tschechin", "tschechisch", "tschechische", "чех"), "CZ"),
    **dict.fromkeys(("ungar", "ungarin", "ungarisch", "ungarische"), "HU"),
    **dict.fromkeys(("kroate", "kroatin", "kroatisch"), "HR"),
    **dict.fromkeys(("поляк", "полька", "بولندي", "بولندية"), "PL"),
    **dict.fromkeys(("болгарин", "болгарка", "بلغاري", "بلغارية"), "BG"),
    **dict.fromkeys(("روماني", "رومانية"), "RO"),
    # Arabizi ("ma3i jawaz safar isbani": I have a Spanish passport)
    **dict.fromkeys(("isbani", "esbani", "espani", "isbaniya", "isbaniye"), "ES"),
    **dict.fromkeys(("itali", "italiani", "italiya"), "IT"),
    **dict.fromkeys(("faransi", "fransawi", "faransiya"), "FR"),
    **dict.fromkeys(("rumani", "roumani"), "RO"),
    **dict.fromkeys(("bolandi", "polandi"), "PL"),
    **dict.fromkeys(("bulgari",), "BG"),
    **dict.fromkeys(("yunani",), "GR"),
    **dict.fromkeys(("bortogali", "portugali"), "PT"),
    **dict.fromkeys(("holandi",), "NL"),
    **dict.fromkeys(("nimsawi",), "AT"),
    **dict.fromkeys(("swedi",), "SE"),
}
# Turkish, beside a word for passport or citizenship only ("Romen pasaportum var": I have a
# Romanian passport; Romanian "am măcar A2" is "I have at least A2")
_TURKISH_DEMONYMS = {
    **dict.fromkeys(("romen", "romenim"), "RO"),
    **{"polonyali": "PL", "italyan": "IT", "ispanyol": "ES", "fransiz": "FR"},
    **{"yunan": "GR", "macar": "HU", "cek": "CZ", "hirvat": "HR", "portekizli": "PT"},
}
# German adjectives of EU countries, too far from the country's name to match it ("einen
# italienischen Pass", "die französische Staatsangehörigkeit"), folded; a German adjective
# ending may follow.
_GERMAN_ADJECTIVES = {
    **{"italienisch": "IT", "franzosisch": "FR", "griechisch": "GR", "portugiesisch": "PT"},
    **{"niederlandisch": "NL", "hollandisch": "NL", "osterreichisch": "AT", "danisch": "DK"},
    **{"schwedisch": "SE", "finnisch": "FI", "irisch": "IE", "slowakisch": "SK"},
    **{"slowenisch": "SI", "kroatisch": "HR", "litauisch": "LT", "lettisch": "LV"},
    **{"estnisch": "EE", "belgisch": "BE", "luxemburgisch": "LU", "maltesisch": "MT"},
    **{"zyprisch": "CY", "bulgarisch": "BG", "polnisch": "PL", "rumanisch": "RO"},
    **{"tschechisch": "CZ", "ungarisch": "HU", "spanisch": "ES"},
}
_GERMAN_ENDINGS = ("", "e", "en", "er", "es", "em")
# ... and the nationalities of the languages' lexicons (actions/lexicon/<lang>.yml); the
# lists above win where both name a word
_DEMONYMS = {
    **{
        fold(word): code
        for lexicon in lexicons().values()
        for code, words in (lexicon.get("demonyms") or {}).items()
        for word in words
    },
    **{fold(word): code for word, code in _DEMONYMS.items()},
}
_ROMANIAN_ONLY = frozenset({"roman"})


@lru_cache(maxsize=1)
def _passport_prefixes() -> tuple[str, ...]:
    """_PASSPORT folded as the message is ("جنسي" → "جنسی")."""
    return tuple(fold_message(prefix) for prefix in _PASSPORT)


@lru_cache(maxsize=1)
def _turkish_countries() -> frozenset[str]:
    """Country names in Turkish, folded whole ("romanya", "suriye")."""
    names = Locale("tr").territories.values()
    return frozenset(fold_message(name) for name in names if " " not in fold_message(name))


@lru_cache(maxsize=1)
def _country_stems() -> list[tuple[str, str]]:
    """(folded stem of a country name in any supported language, territory code), longest
    first; the stem drops the last letters so that inflected forms match ("z Polski")."""
    stems: dict[str, str] = {}
    for lang in SUPPORTED_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) != 2 or not code.isalpha():
                continue
            folded = fold(name)
            if not folded or " " in folded:
                continue
            if folded.startswith("ال") and len(folded) > 4:
                # Arabic names with the article ("السويد", Sweden): the stem is cut from
                # the name after it, so "السوري" (Syrian) is not Sweden; the name without
                # the article counts too ("سويدي")
                rest = folded[2:]
                rest_stem = rest[: max(4, len(rest) - 2)] if len(rest) >= 5 else rest
                stems.setdefault("ال" + rest_stem, code)
                stems.setdefault(rest_stem, code)
                continue
            stem = folded[: max(4, len(folded) - 2)] if len(folded) >= 5 else folded
            stems.setdefault(stem, code)
            if lang in ("ru", "uk"):
                # Russian and Ukrainian in Latin letters ("iz Rumynii", "pasport
                # rumynskij"); shorter forms are too often words of other languages
                for latin in latin_forms(stem, min_length=LATIN_STEM):
                    stems.setdefault(latin, code)
    return sorted(stems.items(), key=lambda item: -len(item[0]))


def parse_eu_citizen(text: str) -> bool | None:
    """True when the message says the user is an EU (or EEA/Swiss) citizen, False when it
    says they are not or come from another country, None when it says nothing about it."""
    folded = f" {fold_message(text)} "
    if any(f" {fold_message(words)} " in folded for words in _NOT_EU_WORDS):
        return False
    stated = [
        (at, at + len(phrase) + 1)
        for phrase in (fold_message(words) for words in _EU_WORDS)
        if (at := folded.find(f" {phrase} ")) >= 0
    ]
    if stated:
        # "не громадянка ЄС" (not an EU citizen), "nay EU passport yebleyn" (I have no EU
        # passport): a negation right before, or one after in the languages that put it
        # there, says the opposite
        before = {folded[:at].split()[-1] for at, _ in stated if folded[:at].split()}
        after = {folded[end:].split()[0] for _, end in stated if folded[end:].split()}
        return not (before & _NEGATIONS or after & _NEGATIONS_AFTER)
    words = folded.split()
    # Russian in Latin letters writes "no" for "but" ("iz Moldovy, no pasport rumynskij")
    # (the language check only when there is a "no" to read)
    russian_but = "no" in words and romanised(text) in ("ru", "uk")
    negations = _NEGATIONS - {"no"} if russian_but else _NEGATIONS
    found: list[bool] = []
    for index, word in enumerate(words):
        preceded = index > 0 and (
            words[index - 1] in _FROM
            or (index > 1 and f"{words[index - 2]} {words[index - 1]}" in _FROM)
        )
        following = words[index + 1] if index + 1 < len(words) else ""
        # "Romanya'dan", "Polonyalıyım": a Turkish country name (whole) with its ending;
        # "2 monaten" is not Monaco
        turkish = next(
            (
                base
                for suffix in _TURKISH_FROM
                for base in (word[: -len(suffix)], word)
                if base in _turkish_countries()
                and (word.endswith(suffix) if base != word else following.startswith(suffix))
            ),
            None,
        )
        near = " " + " ".join(words[max(0, index - 3) : index + 4])
        # "a Romanian passport", "quốc tịch Séc": a word or two starting so, before or after
        # Czech "pas" right after a Czech adjective ("mám rumunský pas"); French "suis pas"
        # is "am not"
        passport = any(f" {prefix}" in near for prefix in _passport_prefixes()) or (
            following in _PASSPORT_WORDS and _CZECH_ADJECTIVE.search(word) is not None
        )
        if passport and set(words[max(0, index - 3) : index]) & negations:
            continue  # "nu are pasaport romanesc" (has no Romanian passport) says nothing
        being = (
            index > 0
            and words[index - 1] in _BEING
            and word in _DEMONYMS
            # Romanian "român" folds to English "roman" ("he is roman catholic")
            and (word not in _ROMANIAN_ONLY or words[index - 1] in ("sunt", "este"))
        )
        if being:  # "I'm Polish", "jestem Polakiem"
            found.append(_DEMONYMS[word] in EU_COUNTRIES)
            continue
        if not (preceded or turkish or passport):
            continue
        code = _country(turkish or word) or (
            (_DEMONYMS.get(word) or _TURKISH_DEMONYMS.get(word) or _german_adjective(word))
            if passport
            else None
        )
        if code is None and passport and word.startswith("ال") and len(word) > 5:
            code = _country(word[2:])  # "الباسبور الاسباني": the Spanish passport
        if code and code != "DE":  # "from Germany" is where they live, not who they are
            found.append(code in EU_COUNTRIES or code in _FREE_MOVEMENT)
    # "from Moldova, but my passport is Romanian": any EU citizenship counts
    return any(found) if found else None


# Words that start like a country's name but are the German words newcomers use: "с кита"
# is "with the Kita", not "from China" (Китай); Pashto "malik" (the boss) is not Mali.
_NOT_COUNTRIES = frozenset({"кита", "киту", "китой", "kita", "kitu", "malik"})


SHORT_COUNTRY_NAME = 4  # letters
LATIN_STEM = 5  # letters


def _german_adjective(word: str) -> str | None:
    """The country of a German adjective ("italienischen" → IT)."""
    return next(
        (
            code
            for stem, code in _GERMAN_ADJECTIVES.items()
            if word.startswith(stem) and word[len(stem) :] in _GERMAN_ENDINGS
        ),
        None,
    )


def _country(word: str) -> str | None:
    if word in _NOT_COUNTRIES:
        return None
    for stem, code in _country_stems():
        if len(stem) < SHORT_COUNTRY_NAME:
            # "Bỉ" (Belgium), "Séc", "Nga": a short name is a whole word, not the start of
            # Turkish "bir" (one)
            if word == stem:
                return code
        elif word.startswith(stem) and len(word) - len(stem) <= 5:
            return code
    return None
