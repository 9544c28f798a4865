"""Writing habits in Latin letters that name a language, before any statistical detector.

Romanised Persian ("salam, mikhastam bedunam kelas koja hast"), Arabic written in Latin
letters with digits for sounds ("3ayez doktor", "a7taj"), transliterated Russian/Ukrainian
("privet, gde mozhno najti vracha"), Pashto and Tigrinya typed in Latin letters ("za
ghwaram", "selam, hagez yedliyeni"), which no statistical detector we have knows, and
Vietnamese and Czech without diacritics are recognised by their common words and the
digits inside words; Turkish case endings after an apostrophe ("Oederan'dayım"); a lone
greeting ("czesc", "merhaba") by a short list and the languages' lexicons.
"""

from __future__ import annotations

import re
from functools import lru_cache

from actions.lexicons import latin_words, lexicons
from actions.script_evidence import other_script
from services_catalog.text import fold

# Common words of romanised Persian (Finglish) and Arabic (Arabizi), folded.
_FINGLISH = frozenset(
    [
        "salam",
        "mikham",
        "mikhastam",
        "mikhaam",
        "khastam",
        "bedunam",
        "bedoonam",
        "koja",
        "kojast",
        "kojas",
        "hast",
        "hastam",
        "nist",
        "mishe",
        "mitunam",
        "mitoonam",
        "lotfan",
        "komak",
        "daram",
        "dare",
        "darid",
        "kelas",
        "kelass",
        "dars",
        "zaban",
        "almani",
        "baraye",
        "barayeh",
        "chetori",
        "khoobi",
        "merci",
        "mamnun",
        "mamnoon",
        "kheili",
        "khaili",
        "doktor",
        "pezeshk",
        "bimarestan",
        "kar",
        "karam",
        "mikonam",
        "konam",
        "shahr",
        "nazdik",
        "nazdike",
        "chi",
        "chera",
        "chejuri",
        "mesle",
        "khune",
        "khoone",
        "beram",
        "biyam",
        "begid",
        "begin",
        "bebakhshid",
        "ghanuni",
        "vakil",
        "panahandegi",
        "ghabul",
        "ejaze",
        "eghamat",
        "madrese",
        "bache",
        "bacheh",
        "shoma",
    ]
)
# Dari as Afghans type it in Latin letters ("ma dar Rochlitz astom, kuja as?").
_FINGLISH |= {
    *("astom", "hastom", "astam", "kadom", "kardom", "kardam", "bayad", "boroom", "borom"),
    *("beravam", "kuja", "kujas", "unja", "onja", "inja", "anja", "mizana", "mizanan"),
    *("mizanad", "mizane", "tashakor", "tashakur", "tashakkur", "farsi", "kasi", "mekhaham"),
    *("mekhayom", "mikhayom", "mekhastam", "mekhaystom", "nemifahmam", "namefahmam", "darkar"),
    *("zarurat", "lutfan", "mushkil", "moshkel", "hamrai", "hamrahi", "kumak", "kumek"),
}
# Everyday Iranian Finglish beyond the first list ("ba khanevadam omadim", "pool mikhad?")
_FINGLISH |= {
    *("omadim", "omadam", "amadim", "amadam", "khanevade", "khanevadam", "khanevadeh"),
    *("markaz", "markazi", "mohajer", "mohajeram", "mohajerin", "mashverat", "moshavere"),
    *("bede", "bedid", "bedin", "pool", "pul", "mikhad", "mikhay", "nadarim", "nadaram"),
    *("javoon", "javoonaye", "javan", "salame", "salamet", "hastim", "cheghad", "cheghadr"),
    *("rayegan", "majani", "mikonim", "kardim", "mitunim", "mishim", "shodim", "dorost"),
}
# Follow-ups in Finglish ("ye ja-ye dige ham hast?"); "ye" (a/one) is Ukrainian "є" too
_FINGLISH |= {"ye", "dige", "digeh", "jaye", "chand", "kojaye", "hazine", "hazineh", "baz"}
_ARABIZI = frozenset(
    [
        "ani",
        "bdi",
        "baddi",
        "biddi",
        "abgha",
        "3ayez",
        "3ayz",
        "3awz",
        "3awez",
        "ahtaj",
        "a7taj",
        "mumkin",
        "momken",
        "mmkn",
        "ya3ni",
        "shukran",
        "shokran",
        "fi",
        "wein",
        "feen",
        "kifak",
        "kifik",
        "marhaba",
        "mar7aba",
        "inshallah",
        "habibi",
        "tabib",
        "dactor",
        "doktor",
        "mosa3da",
        "musa3ada",
        "ma3",
        "almani",
        "lugha",
        "lo8a",
        "dars",
        "duros",
        "madrase",
        "shughl",
        "sho8l",
        "3amal",
        "mustashfa",
        "mostashfa",
        "7aga",
        "7aja",
        "haga",
        "leh",
        "kaman",
        *("bghit", "bghina", "kayn", "kayna", "bzaf", "wach", "dyal", "mzyan", "lalmania"),
        *("nta", "nti", "3afak", "chno", "fin", "daba", "salam", "ana", "bde", "sakin"),
        *("sakna", "saken", "3aysh", "3ayesh"),
        # Moroccan and Algerian ("wach khass nkhelles chi haja wla fabor?")
        *("haja", "wla", "chi", "khass", "khassni", "bghitch", "fabor", "flous", "dyali"),
        *("wakha", "kifach", "3lach", "ghadi", "machi", "walou", "bezzaf", "kayen", "rani"),
        "la2",
        "aywa",
        "aiwa",
        "na3am",
        "tayeb",
        "ma3lesh",
        "3ala",
        "3an",
    ]
)
# Russian and Ukrainian typed in Latin letters ("privet, gde mozhno najti vracha").
_TRANSLIT_RU = frozenset(
    {
        *("privet", "zdravstvujte", "zdravstvuite", "zdravstvuyte", "gde", "mozhno", "najti"),
        *("naiti", "nuzhen", "nuzhna", "nuzhno", "vrach", "vracha", "pomoshch", "pomosh"),
        *("pomogite", "spasibo", "pozhalujsta", "pozhaluista", "menya", "rabota"),
        *("raboty", "nemeckogo", "nemetskogo", "yazyka", "jazyka", "skolko", "stoit", "kak"),
        *("chto", "eto", "ili", "tozhe", "tolko", "hochu", "khochu", "ochen", "gorode"),
        *("russki", "russkom", "govorit", "govoryat", "govorjat"),
        *("mozhete", "mozhet", "nado", "srochno", "dengi", "nibud", "zhivem"),
        *("zhivu", "pochemu", "kogda", "segodnya", "zavtra", "rebenok", "rebenka", "dlya"),
        *("bolit", "skazhite", "podskazhite", "pomoch", "kuda", "obratitsya", "obratitsa"),
        # work, money and papers ("3 mesyaca platyat polovinu zarplaty")
        *("rabotayu", "rabotaju", "rabotaem", "mesyaca", "mesjaca", "mesyatsa", "platyat"),
        *("platjat", "zarplata", "zarplaty", "zarplatu", "nachalnik", "zabral", "zabrali"),
        *("voditel", "polovinu", "kvartiry", "kvartiru", "hozyain", "hozjain", "skazal"),
        *("inostrancam", "inostrancev", "zakonno", "voobshe", "voobshche", "eshe", "eshche"),
        *("uchus", "pismami", "pisma", "vedomstv", "ponimayu", "ponimaju", "nichego"),
        *("nemeckom", "razobratsya", "bolshoe", "besplatno", "platno", "goda"),
    }
)
_TRANSLIT_UK = frozenset(
    {
        *("pryvit", "dobryj", "dobryi", "potriben", "potribna", "potribno"),
        *("likar", "likarya", "likarja", "dopomoha", "dopomogu", "dyakuyu", "diakuiu"),
        *("laska", "mozhna", "znajty", "znaity", "meni", "robota", "roboty"),
        *("nimecka", "nimetskoi", "movy", "skilky", "koshtuje", "koshtuie", "shcho", "ukrainskoju"),
        *("ukrainskoiu", "rozmovljaiut", "zhyvu", "shukaju", "shukaiu"),
        *("shukayu", "zhyvemo", "dytyny", "dytyna", "dytyni", "dlia", "khto"),
        *("hovoryat", "hovoriat", "ukrainskoyu", "rozmovlyayut", "tezh", "yakyi"),
        *("vchytysia", "vchytys", "navchatysia", "navchannia", "batkiv", "dopomohty", "mozhe"),
        *("zaraz", "chy", "treba", "dity", "ditei", "likaria", "usim", "vsim", "shchob", "dali"),
        *("pidkazhit", "pidkazhy", "bud", "yakshcho", "nemaie", "nemaye", "maiu", "mayu"),
        *("vyvchaty", "vyvchyty", "nimetsku", "nimecku", "povilno", "litnikh", "liudei"),
        *("liudej", "zarplatu", "robotodavets", "dokumenty", "bezkoshtovno", "vzhe"),
        # "a shche shchos ye?" (is there anything else?)
        *("shche", "shchos", "shchos'", "ye", "inshi", "inshe", "bilshe", "teper", "todi"),
        # help (imperative), she, he, from, head, she does not answer ("mama vpala zi
        # skhodiv, … vona ne vidpovidaie")
        *("dopomozhit", "dopomozhity", "dopomozhy", "vona", "vin", "zi", "holova", "holovu"),
        *("vidpovidaie", "vidpovidaye", "bolyt", "shvydko", "terminovo", "likarnia"),
    }
)
_GERMAN_LETTERS = re.compile("[äöüßÄÖÜ]")
_SLAVIC_DIGRAPHS = re.compile(r"zh|shch|kh|sch(?=[aeiouy])|ij$|yj$")
_EAST_SLAVIC_ONLY = re.compile(r"zh|shch|kh")  # not German's "sch", Polish/Czech never
_RUSSIAN_ENDINGS = re.compile(r"^[a-z]{2,}[^aeiouy](aja|aya)$")
# Ukrainian word shapes, the third person's -є written "ie"/"ye" too ("vstaie"; Russian "-et")
_UKRAINIAN_ENDINGS = re.compile(
    r"(nnja|nnia|nnya|ennja|yty|ity|[aiu]ie|[aiu]ye)$|^(ja|vy|vony|dyplom)"
)
# Pashto and Tigrinya as typed in Latin letters: words no other language of ours writes so.
_PASHTO_LATIN = frozenset(
    {"zma", "zmung", "stasu", "ghwaram", "ghwarem", "ghwarum", "ghwaro", "kawam", "kawalay"}
    | {"mrasta", "mrastay", "manana", "tsanga", "tsenga", "cherta", "chiray", "shta", "lapara"}
    | {"lpara", "warta", "rasara"}
    | {"kegi", "ogorum", "oosegam", "osegam", "pukhto", "pashto", "pakhto", "zhaba", "zhabe"}
)
_TIGRINYA_LATIN = frozenset(
    {"yekenyeley", "yekenyelay", "yekenyelna", "hagez", "hagzi", "hagizi", "yedliyeni", "ydliyeni"}
    | {"deliye", "dliye", "kemey", "kemay", "aleka", "aleki", "abey", "abzi", "eti", "entay"}
    | {"kndey", "kendey", "gezana", "ezi", "ezom", "tigrinya", "tigrigna", "nay", "kab", "mesh"}
    | {"selamat", "haftey", "hawey", "kemzi", "tsbuq", "tsbuk", "ane", "ayfelton", "yelen"}
)
# Vietnamese typed without its diacritics ("minh can tim lop hoc tieng duc"), which lingua
# cannot place, and Czech without háčky ("potrebuju lekare"), which it takes for Croatian.
_VIETNAMESE_PLAIN = frozenset(
    {"xin", "chao", "minh", "toi", "khong", "ko", "duoc", "dc", "tim", "lop", "hoc", "tieng"}
    | {"giup", "voi", "nguoi", "lam", "viec", "bac", "dau", "nhu", "nao", "cua", "benh", "vien"}
    | {"truong", "luat", "giay", "phep", "muon", "khoa", "nhieu", "tien", "mien", "phi", "mk"}
    | {"bn", "ntn", "chua", "vay", "ak", "nhe", "oi", "minh", "duc", "viet", "cam", "roi"}
)
_CZECH_PLAIN = frozenset(
    {"potrebuju", "potrebuji", "prosim", "dekuji", "dekuju", "diky", "ahoj", "cau", "jsem"}
    | {"nemam", "hledam", "praci", "lekare", "lekar", "doktora", "pomoct", "pomuze", "nekdo"}
    | {"nejblizsi", "kolik", "stoji", "mluvi", "cesky", "nemecky", "nemcine", "kurz", "sef"}
    | {"nezaplatil", "zaplatil", "jsme", "tady", "taky", "nebo", "jeste", "chci", "bydlim"}
    | {"delam", "pracuju", "pracuji", "smlouvu", "smlouva", "vyplatu", "penize", "dobry den"}
)
_ARABIZI_DIGITS = re.compile(r"[a-z][2-9]|[2-9][a-z]")
# Words both lists share that say nothing alone.
_SHARED = _FINGLISH & _ARABIZI
_TURKISH_SUFFIX = re.compile(
    r"\w['’´](?:d[ae]|t[ae]|d[ae]n|t[ae]n|d[ae]y[iı]m|t[ae]y[iı]m|y[ae]|[iıuü]n|n[iıuü]n"
    r"|l[iıuü]y[iıuü]m|d[ae]k[iı]|t[ae]k[iı])\b",
    re.IGNORECASE,
)


def romanised(text: str, current: str | None = None) -> str | None:
    """The language of a text written in the Latin letters of a language that has its own
    script or its own habits (fa, ar, ps, ti, ru, uk, vi, cs), else None. Russian or
    Ukrainian by letter groups alone stays in the conversation's one of the two."""
    if other_script(text):
        return None
    words = fold(text).split()
    if len(words) < 2:
        return None
    vietnamese = sum(word in _VIETNAMESE_PLAIN for word in words)
    if vietnamese >= 2 and vietnamese >= 0.3 * len(words):
        return "vi"
    czech = sum(word in _CZECH_PLAIN for word in words)
    if czech >= 2 and czech >= 0.3 * len(words):
        return "cs"
    pashto = sum(word in _PASHTO_LATIN or word in latin_words("ps") for word in words)
    tigrinya = sum(word in _TIGRINYA_LATIN or word in latin_words("ti") for word in words)
    if max(pashto, tigrinya) >= 2 and pashto != tigrinya:
        return "ps" if pashto > tigrinya else "ti"
    finglish = sum(word in _FINGLISH and word not in _SHARED for word in words)
    arabizi = sum(word in _ARABIZI and word not in _SHARED for word in words)
    arabizi += sum(bool(_ARABIZI_DIGITS.search(word)) for word in words)
    if finglish >= 2 and finglish > arabizi:
        return "fa"
    if arabizi >= 2 and arabizi > finglish:
        return "ar"
    russian = sum(word in _TRANSLIT_RU for word in words)
    if russian:
        # beside a Russian word, the feminine adjective ending only Russian writes so
        # ("pomogite!! … levaja ruka onemela, ona blednaja i potnaja")
        russian += sum(bool(_RUSSIAN_ENDINGS.search(word)) for word in words)
    # a word both write ("ye") is not Ukrainian evidence
    ukrainian = sum(word in _TRANSLIT_UK and word not in _FINGLISH for word in words)
    # letter groups only a transliterated Slavic language writes ("zh", "shch", "kh"); never
    # in a text with German umlauts or ß ("danke schön tschüss": "sch" before a vowel)
    german = bool(_GERMAN_LETTERS.search(text))
    slavic = 0 if german else sum(bool(_SLAVIC_DIGRAPHS.search(word)) for word in words)
    # Ukrainian word shapes ("vyznannja dyplomu") count once a Slavic letter group shows
    # the text is transliterated at all (Polish and Czech write "vy", "ja", "dyplom" too)
    endings = sum(bool(_UKRAINIAN_ENDINGS.search(word)) for word in words)
    if not (russian or ukrainian or _EAST_SLAVIC_ONLY.search(" ".join(words))):
        # "ok danke schon, tschuss": German writes "sch" before a vowel too; letter groups
        # alone count when one only Russian or Ukrainian writes ("zh", "shch", "kh") is there
        slavic = 0
    evidence = max(russian, ukrainian) + slavic + (endings if slavic else 0)
    if evidence >= 2 and max(russian, ukrainian, slavic) > 0:
        ukrainian += endings
        if ukrainian == russian and current in ("ru", "uk"):
            return current
        return "uk" if ukrainian > russian else "ru"
    return None


def east_slavic(text: str) -> bool:
    """True when the text is Russian or Ukrainian in Latin letters by its letter groups
    ("zh", "shch", "kh") and words, which Polish and Czech never write."""
    return romanised(text) in ("ru", "uk") and bool(_EAST_SLAVIC_ONLY.search(fold(text)))


def turkish_suffix(text: str) -> bool:
    """True when a name carries a Turkish case ending after an apostrophe ("Oederan'dayım",
    "Brand-Erbisdorf'ta"), which Turkish spelling, and no other of ours, writes."""
    return _TURKISH_SUFFIX.search(text) is not None


# Greetings and short words that name their language on their own (folded), for a first
# message that a statistical detector cannot place ("czesc", "merhaba").
GREETINGS = {
    **dict.fromkeys(("czesc", "dzien dobry", "witam", "dobry wieczor", "dziekuje"), "pl"),
    **dict.fromkeys(("merhaba", "selam", "iyi gunler", "gunaydin", "tesekkurler"), "tr"),
    **dict.fromkeys(("hallo", "guten tag", "moin", "servus", "danke", "guten morgen"), "de"),
    **dict.fromkeys(("hello", "hi", "hey", "hi there", "good morning", "thank you"), "en"),
    "thanks": "en",
    # as typed on phones ("hi hw r u")
    **dict.fromkeys(("hw r u", "how r u", "hi hw r u", "hi how r u", "hello hw r u"), "en"),
    **dict.fromkeys(("hey hw r u", "how are u", "hi how are u"), "en"),
    **dict.fromkeys(("privet", "zdravstvujte", "zdravstvuyte", "spasibo"), "ru"),
    **dict.fromkeys(("pryvit", "dyakuyu", "diakuiu"), "uk"),
    **dict.fromkeys(("tashakor", "tashakur", "tashakkur", "mamnoon", "mamnun"), "fa"),
    # "I am / we are in" before a town ("ya v Frankenberge", "ja w Mittweidzie"): the town
    # is left out before this is looked up, and the two words say the language
    **dict.fromkeys(("ya v", "ja v", "my v", "ya vo", "my vo", "ya zdes v"), "ru"),
    **dict.fromkeys(("ya u", "my u", "ja u", "ya tut u", "my zhyvemo u", "ya zhyvu u"), "uk"),
    # "I am / we are from" ("ya z Valdhajmu"; Polish writes "ja z")
    **dict.fromkeys(("ya z", "ya zi"), "uk"),  # Polish "my z" is "we from" too
    **dict.fromkeys(("ya iz", "my iz"), "ru"),
    **dict.fromkeys(("ja w", "jestem w", "jestesmy w", "mieszkam w", "mieszkamy w"), "pl"),
    **dict.fromkeys(("jsem v", "jsme v", "bydlim v", "bydlime v", "jsem ve", "jsme ve"), "cs"),
    **dict.fromkeys(("sunt in", "suntem in", "locuiesc in", "stau in", "lucrez in"), "ro"),
}


@lru_cache(maxsize=1)
def _greetings() -> dict[str, str]:
    """GREETINGS and the lexicons' greetings; one that two languages share ("merci",
    "salut") names neither."""
    claims: dict[str, set[str]] = {}
    for text, lang in GREETINGS.items():
        claims.setdefault(text, set()).add(lang)
    for lang, lexicon in lexicons().items():
        for text in lexicon.get("greetings") or ():
            claims.setdefault(fold(text), set()).add(lang)
    return {text: langs.pop() for text, langs in claims.items() if len(langs) == 1}


_DRAWN_OUT = re.compile(r"(\w)\1{2,}")


def greeting(text: str) -> str | None:
    """The language of a message that is only a greeting or thanks, else None; drawn-out
    letters as on phones ("hiii", "merhabaaa", "privettt") as one or two ("hallooo", "hello")."""
    folded = fold(text)
    greetings = _greetings()
    found = greetings.get(folded)
    if found is None and _DRAWN_OUT.search(folded):
        found = greetings.get(_DRAWN_OUT.sub(r"\1", folded)) or greetings.get(
            _DRAWN_OUT.sub(r"\1\1", folded)
        )
    return found
