"""German office words as newcomers write them, in any script, and the foreigners' office
in their own language: what they ask for.

People say the name of the office they were sent to ("Jobcenter", "جاب سنتر",
"джобцентр", "Ausländerbehörde", "urząd dla cudzoziemców", "Kita") more often than what
they need. When the classifier finds no need in such a message, the office name gives it.
"""

from __future__ import annotations

from services_catalog.text import fold

OFFICE_WORDS: dict[str, tuple[str, ...]] = {
    "work_and_training": (
        *("jobcenter", "job center", "jobcentr", "arbeitsagentur", "agentur fur arbeit"),
        *("جوب سنتر", "جاب سنتر", "جاب‌سنتر", "جوبسنتر", "جابسنتر", "جوب سينتر"),
        *("ጆብሰንተር", "ጆብ ሰንተር", "ጆብሴንተር"),
        *("джобцентр", "джоб центр", "джобцентер", "йобцентр", "ausbildung", "аусбильдунг"),
        *("аусбільдунг", "اوسبیلدونگ", "آوسبیلدونگ", "اوسبيلدونغ"),
    ),
    "authorities": (
        *("auslanderbehorde", "auslaenderbehoerde", "burgeramt", "buergeramt", "burgerburo"),
        *("ауслендербехорде", "аусландербехорде", "اوسلندربهورده", "اوسلاندربيهورده"),
        *("aufenthaltstitel", "einwohnermeldeamt", "einburgerung", "einbuergerung"),
        *("einburgerungstest", "einbuergerungstest", "айнбюргерунг", "اینبورگرونگ"),
        *("ኣውስለንደርበሆርደ", "ኣውስላንደርበሆርደ", "ኣውስሌንደርበሆርደ"),
        # the foreigners' office named in the user's own language ("urząd dla cudzoziemców")
        *("auslanderamt", "foreigners office", "foreigner office", "foreigners' office"),
        *("immigration office", "bureau des etrangers", "service des etrangers"),
        *("urzad dla cudzoziemcow", "urzedu dla cudzoziemcow", "urzedzie dla cudzoziemcow"),
        *("urzad do spraw cudzoziemcow", "urzedu do spraw cudzoziemcow", "urzad ds cudzoziemcow"),
        *("urzedzie do spraw cudzoziemcow", "cizinecka policie", "cizineckou policii"),
        *("cizinecke policii", "urad pro cizince", "uradu pro cizince", "urade pro cizince"),
        *("biroul pentru straini", "biroul de straini", "biroul strainilor"),
        *("oficiul pentru straini", "yabancılar dairesi", "yabancilar dairesi"),
        *("yabancılar dairesine", "yabancilar dairesine", "yabancılar dairesinde"),
        *("yabancilar dairesinde", "yabancılar şubesi", "yabancilar subesi"),
        *("по делам иностранцев", "у справах іноземців", "в справах іноземців"),
        *("دائرة الأجانب", "مكتب الأجانب", "شؤون الأجانب", "مصلحة الأجانب"),
        *("اداره اتباع خارجی", "اداره خارجی ها", "اداره خارجی‌ها", "اداره خارجیها"),
        *("د بهرنیانو اداره", "بهرنیانو اداره", "so ngoai kieu", "phong ngoai kieu"),
    ),
    "family_and_school": (
        *("kita", "kitaplatz", "كيتا", "کیتا", "ኪታ", "kindergeld", "familienkasse"),
        # the Kita in the user's own language ("а садик там же?": and a kindergarten there?)
        *("kindergarten", "kinderkrippe", "krippe", "daycare", "day care", "preschool"),
        *("садик", "садика", "садике", "садику", "детсад", "детсада", "детсаду", "ясли"),
        *("детский сад", "детского сада", "детском саду", "садочок", "садочка", "садок"),
        *("дитсадок", "дитсадка", "дитячий садок", "дитячого садка", "przedszkole"),
        *("przedszkola", "przedszkolu", "zlobek", "zlobka", "skolka", "skolku", "skolky"),
        *("skolce", "materska skola", "materskou skolu", "gradinita", "gradinite"),
        *("gradinitei", "cresa", "anaokulu", "anaokuluna", "anaokulunda", "mau giao"),
        *("nha tre", "روضة", "روضه", "حضانة", "حضانه", "مهدکودک", "مهد کودک", "کودکستان"),
        *("وړکتون", "creche", "garderie", "maternelle", "ecole maternelle"),
    ),
    "language_course": (
        *("integrationskurs", "sprachkurs", "deutschkurs", "интеграционный курс"),
        *("انتغراسيون كورس", "اینتگراسیون کورس", "шпрахкурс", "дойчкурс"),
    ),
    "migration_counselling": (
        *("migrationsberatung", "jugendmigrationsdienst", "migrationsdienst", "mbe", "jmd"),
    ),
    "health_care": (*("krankenkasse", "hausarzt", "krankenversicherung", "кранкенкассе"),),
    "recognition_counselling": (
        *("anerkennung", "approbation", "fachsprachprufung", "gleichwertigkeit"),
        *("апробация", "апробація", "آپروباسیون", "اپروباسیون", "ابروباسيون", "ابروباتسيون"),
    ),
}
_FOLDED = {
    category: tuple(f" {fold(word)} " for word in words) for category, words in OFFICE_WORDS.items()
}


# A long one-word office name in Latin letters may carry a short case ending or article
# ("Jobcenterul", "do Jobcenteru", "w Jobcenterze"), one in Ethiopic script a glued ending
# ("ኣውስለንደርበሆርደኸ", and the Ausländerbehörde?); short ones must be whole ("kitap", a
# Turkish book, is no Kita).
INFLECTED_MIN_LETTERS = 8
INFLECTED_MIN_SYLLABLES = 5  # Ethiopic letters are syllables
MAX_ENDING_LETTERS = 3


def _inflectable(word: str) -> bool:
    if " " in word:
        return False
    if word.isascii():
        return len(word) >= INFLECTED_MIN_LETTERS
    ethiopic = all("\u1200" <= letter <= "\u137f" for letter in word)
    return ethiopic and len(word) >= INFLECTED_MIN_SYLLABLES


_INFLECTABLE = {
    category: tuple(word.strip() for word in words if _inflectable(word.strip()))
    for category, words in _FOLDED.items()
}


def _inflected(tokens: list[str], names: tuple[str, ...]) -> bool:
    return any(
        token.startswith(name) and len(token) - len(name) <= MAX_ENDING_LETTERS
        for token in tokens
        for name in names
    )


def office_need(text: str) -> str | None:
    """The category of the one office a message names, or None (none, or several)."""
    folded = f" {fold(text)} "
    # "الجوب سنتر": the Arabic article glued to the office's name
    bare = " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in folded.split())
    tokens = folded.split()
    found = {
        category
        for category, words in _FOLDED.items()
        if any(word in folded or word in f" {bare} " for word in words)
        or _inflected(tokens, _INFLECTABLE[category])
    }
    return found.pop() if len(found) == 1 else None
