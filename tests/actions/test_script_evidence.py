"""The writing decides the reply language before any statistical guess."""

from __future__ import annotations

import pytest

from actions.language import decide, detect
from actions.latin_writing import romanised
from actions.script_evidence import by_script
from services_catalog.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("كورس ألماني", "ar"),
        ("بدي دكتور", "ar"),
        ("من دکتر میخوام", "fa"),
        ("کلاس زبان", "fa"),
        ("Мне нужен Sprachkurs и Jobcenter", "ru"),
        ("Мені потрібен Jobcenter", "uk"),
        ("где Anmeldung", "ru"),
    ],
)
def test_script_wins_over_german_loanwords(text: str, lang: str) -> None:
    assert by_script(text) == lang
    assert detect(text, current="de") == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("salam, mikhastam bedunam kelas koja hast", "fa"),
        ("lotfan komak konid, doktor mikham", "fa"),
        ("3ayez doktor fi freiberg", "ar"),
        ("ana a7taj mosa3da", "ar"),
        # Dari as Afghans type it, around German office words
        ("salam, ma dar Rochlitz astom, Anmeldung kadom, hala bayad Jobcenter boroom", "fa"),
        ("unja kas hast ke farsi gap mizana?", "fa"),
        # Ukrainian, not Russian: "dali vchytysia" (go on learning)
        ("a shkola? ya khochu dali vchytysia", "uk"),
        # Iranian Finglish with "kh" in it is not Ukrainian; everyday Russian about work and
        # Ukrainian about a course, with none of the first lists' words
        ("man 17 salame, ba khanevadam omadim, markazi hast ke mashverat bede?", "fa"),
        ("ya voditel, rabotayu v firme, 3 mesyaca platyat polovinu zarplaty", "ru"),
        ("de mozhna vyvchaty nimetsku, ale povilno, dlia litnikh liudei?", "uk"),
        # Ukrainian with one Russian word in it ("srochno")
        ("dopomozhit srochno, mama vpala zi skhodiv, ne vstaie, vona ne vidpovidaie", "uk"),
    ],
)
def test_romanised_persian_and_arabic(text: str, lang: str) -> None:
    assert romanised(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        *("I need a doctor in Freiberg", "ich brauche Hilfe", "merhaba, almanca kursu"),
        *("tamam abi", "is the pool free in summer?", "das tut mir leid, ich bin neu hier"),
    ],
)
def test_latin_text_of_other_languages_is_not_romanised(text: str) -> None:
    assert romanised(text) is None


def test_short_first_message_gets_a_language() -> None:
    assert detect("german course") == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Oederan'dayim", "tr"),
        ("Brand-Erbisdorf'ta dis doktoru", "tr"),
        ("ne vizhu smysla zhit bolshe", "ru"),
        ("privet, gde mozhno najti vracha", "ru"),
    ],
)
def test_writing_habits_name_the_language(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_english_contractions_are_not_turkish_suffixes() -> None:
    assert detect("I'm looking for a German course, it's urgent") == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ሰላም ቋንቋ ጀርመን ክመሃር ደልየ", "ti"),  # Ge'ez letters: Tigrinya
        ("زه د آلماني ژبې کورس غواړم", "ps"),  # Pashto's own letters
        ("زه کار غوارم، زما سره مرسته وکړئ", "ps"),  # and its small words
        ("سبا به باران وي؟", "ps"),  # no Pashto letter, but "tomorrow" and "will be"
        ("فردا هوا بارانی است؟", "fa"),
        ("من کلاس زبان آلمانی میخواهم", "fa"),
        ("سلام ورور", "ps"),  # "hello brother": one Pashto word says it in a greeting
        ("سلام ورورو", "ps"),  # "hello brothers"
        # Dari "ده" (in) and "ره" are not Pashto
        ("خواهرم ده فرایبرگ زندگی میکنه. حالی ده یک جای دیگه است", "fa"),
    ],
)
def test_pashto_and_tigrinya_by_their_writing(text: str, lang: str) -> None:
    assert by_script(text) == lang


def test_dari_after_pashto_switches_to_persian() -> None:
    """Persian words split at a ZWNJ ("می‌توانم") still count against Pashto."""
    text = "ببخشید، به دری بهتر نوشته می‌توانم. اقامه‌ام تمام می‌شود و باید بروم"
    assert by_script(text, current="ps") == "fa"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # typed as on phones: no diacritics, chat abbreviations, romanised, loanwords
        ("xin chao minh can tim lop hoc tieng duc", "vi"),
        ("e 17 tuoi, can nguoi tu van giay to", "vi"),
        ("dobry den, potrebuju lekare, sef mi nezaplatil", "cs"),
        ("sunt detasat pe un santier si nu ne-au dat salariul", "ro"),
        ("jai besoin dun avocat pour mon Anhörung", "fr"),
        ("za kar ghwaram, zma sara mrasta waka", "ps"),
        ("selam, hagez yedliyeni, srah delye", "ti"),
    ],
)
def test_the_six_new_languages_as_people_type_them(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_romanian_and_french_are_not_taken_for_transliterated_ukrainian() -> None:
    # "de" is Ukrainian for "where", and also the commonest Romanian and French word
    assert romanised("am venit de la munca si de 2 luni nu am bani") is None
    assert detect("am venit de la munca si de 2 luni nu am bani") == "ro"
    assert detect("je suis venu de Guinee et je cherche de l aide") == "fr"


def test_ukrainian_in_latin_letters_is_not_polish() -> None:
    # "dyplomu" is Polish too, but Polish never writes "zh" or "-nnja"
    assert detect("vyznannja dyplomu inzhenera freiberg") == "uk"
    assert detect("potrzebuję uznania dyplomu inżyniera") == "pl"
    # German words with "sch" are no transliteration ("Scheiß Tschechen" in Czech)
    assert (
        detect("v praci si ze me kolegove porad delaj srandu, nadavaj mi Scheiß Tschechen") == "cs"
    )


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("Öffnungszeiten-esh chist? sobh ha baz ast?", "fa"),
        ("Jobcenter Termin Bewerbung Lebenslauf kemey gerna nsrho", "ti"),
        ("Kündigung gerefti? Arbeitgeber pul nadade, che konam", "fa"),
    ],
)
def test_german_nouns_in_another_language_keep_the_conversation_language(
    text: str, current: str
) -> None:
    assert detect(text, current=current) in (current, None)


def test_german_sentence_still_switches_to_german() -> None:
    assert detect("Ich möchte jetzt lieber auf Deutsch weiterschreiben bitte", current="fa") == "de"


@pytest.mark.parametrize(
    ("text", "current", "lang"),
    [
        # a change of keyboard: three Latin words after Cyrillic or Arabic letters switch
        ("Ist das kostenlos?", "ru", "de"),
        ("Is it free?", "ar", "en"),
        # but not German nouns alone, and not three words within the same script
        ("Jobcenter Freiberg Adresse", "ar", None),
        ("Ist das kostenlos?", "en", None),
    ],
)
def test_three_words_on_another_keyboard_switch(text: str, current: str, lang: str | None) -> None:
    assert detect(text, current=current) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mozhete dat kredit 2000 evro? srochno nado", "ru"),
        ("a tam hovoryat ukrainskoyu abo anhliiskoyu?", "uk"),
        # symptoms in Latin Russian: one known word and adjectives only Russian ends so
        ("pomogite!! u mamy silno davit v grudi, levaja ruka onemela, ona blednaja", "ru"),
    ],
)
def test_everyday_russian_and_ukrainian_in_latin_letters(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize("current", ["de", None])
@pytest.mark.parametrize("text", ["danke schön tschüss", "ok danke schon, tschuss"])
def test_german_sch_before_a_vowel_is_not_transliterated_russian(
    text: str, current: str | None
) -> None:
    """Also typed without umlauts: "sch" before a vowel alone is no Russian."""
    assert detect(text, current=current) == "de"


@pytest.mark.parametrize(
    ("text", "current", "lang"),
    [
        ("cám ơn nha", "de", "vi"),  # after a German turn, thanks in Vietnamese
        ("Tôi sống ở Hainichen", "en", "vi"),
        # a Vietnamese name in a German sentence is no Vietnamese message
        ("Ich heiße Nguyễn Văn An und brauche Hilfe", "de", "de"),
    ],
)
def test_vietnamese_letters_say_vietnamese(text: str, current: str, lang: str) -> None:
    assert detect(text, current=current) == lang


def test_a_town_with_a_turkish_case_ending_alone_is_turkish() -> None:
    without = Gazetteer.load().without_places
    assert without("Chemnitz'te de var mı?") == "de var mı?"
    assert detect(without("Oederan'dayım"), None, "Oederan'dayım") == "tr"


@pytest.mark.parametrize(
    ("text", "current", "lang"),
    [
        ("a shche shchos ye?", "uk", "uk"),  # "is there anything else?"
        ("a shche shchos ye?", None, "uk"),
        ("a chto eshche est?", "uk", "ru"),  # Russian words switch
        ("khorosho, zhdem", "uk", "uk"),  # letter groups alone: the chat's East Slavic one
    ],
)
def test_short_follow_ups_in_latin_ukrainian(text: str, current: str | None, lang: str) -> None:
    assert detect(text, current) == lang


def test_moroccan_arabizi_is_arabic_not_transliterated_russian() -> None:
    """ "kh" in "khass" and "nkhelles" is an Arabic letter, not Russian "х"."""
    assert detect("wach khass nkhelles chi haja wla fabor?", "ar") == "ar"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("какая завтра погода в Хайнихене?", "ru"),  # "какая": Ukrainian writes "яка"
        ("а можно по-русски? дочке так легче читать", "ru"),
        ("а яка точна адреса?", "uk"),
    ],
)
def test_small_words_tell_russian_from_ukrainian(text: str, lang: str) -> None:
    assert detect(text, "uk" if lang == "ru" else "ru") == lang


@pytest.mark.parametrize("current", ["fa", None])
def test_finglish_follow_up_is_not_latin_ukrainian(current: str | None) -> None:
    """ "ye" is Persian "a/one" as much as Ukrainian "є"; "dige" and "hast" are Persian."""
    assert detect("ye ja-ye dige ham hast?", current) == "fa"


@pytest.mark.parametrize("current", ["de", None])
def test_one_word_quoted_in_its_script_does_not_make_the_language(current: str | None) -> None:
    text = (
        "Hallo, ich suche eine psychologische Beratung in Chemnitz, weil ich seit der Flucht"
        " كوابيس habe und nicht schlafen kann"
    )
    assert detect(text, current) == "de"
    # a sentence in Arabic letters with German office words stays Arabic
    assert detect("بدي موعد عند Ausländerbehörde بخصوص Aufenthaltstitel", current) == "ar"


@pytest.mark.parametrize(
    ("town", "current", "lang"),
    [
        ("Вальдхайм", None, "ru"),  # a first message that is only a town: its script speaks
        ("فرايبرغ", None, "ar"),
        ("فرایبرگ", None, "fa"),
        ("ፍራይበርግ", None, "ti"),
        ("Вальдхайм", "uk", None),  # the chat is in that script already: no evidence
        ("Freiberg", None, None),  # Latin letters say nothing
    ],
)
def test_a_town_alone_is_evidence_of_its_script(
    town: str, current: str | None, lang: str | None
) -> None:
    without = Gazetteer.load().without_places
    assert without(town) == ""
    assert detect(without(town), current, town) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Я живу в Хайнихене", "ru"),  # German i as и: the Russian transcription
        ("Я живу в Хайніхені", "uk"),
        ("Я живу в Лайсниге", "ru"),
        ("Я живу у Лейпцигу", "uk"),  # Ukrainian writes Leipzig with и by tradition
        ("ya v Frankenberge", "ru"),  # "I am in …" before a town, in Latin letters
        ("my v Mitvajde", "ru"),
        ("ja w Mittweidzie", "pl"),  # the inflected town is left out, "ja w" is Polish
        ("jsem v Döbelnu", "cs"),
        ("ya z Valdhajmu", "uk"),  # "I am from …": Ukrainian "z", Russian "iz"
        ("ya iz Valdhajma", "ru"),
        ("hi hw r u", "en"),  # English as typed on phones
    ],
)
def test_the_way_a_town_is_written_or_introduced_names_the_language(
    text: str, lang: str, gazetteer: Gazetteer
) -> None:
    decision = decide(text, "inform_place", [], None, False, None, gazetteer.without_places)
    assert decision.lang == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [("hiii", "en"), ("merhabaaa", "tr"), ("hallooo", "de"), ("dzien dobryyy", "pl")],
)
def test_a_drawn_out_greeting_names_its_language(text: str, lang: str) -> None:
    """Letters drawn out as on phones: the greeting all the same, not German by default."""
    assert detect(text) == lang


@pytest.mark.parametrize(
    ("text", "current", "lang"),
    [
        ("ab iye zelekhu", "ti", "ti"),  # "I live in (Döbeln)": "kh" and "-ye" are Tigrinya too
        ("ab iye zelekhu", None, "uk"),  # nothing known: the letter groups still count
        ("khorosho, zhdem", "ti", "ru"),  # Russian words leave a Tigrinya chat
    ],
)
def test_slavic_letter_groups_do_not_leave_a_latin_tigrinya_chat(
    text: str, current: str | None, lang: str
) -> None:
    assert detect(text, current) == lang
