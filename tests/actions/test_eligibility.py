"""Age and EU citizenship read from the message itself, in every language and script."""

from __future__ import annotations

import pytest

from actions.citizenship import parse_eu_citizen
from actions.eligibility import parse_age, parse_audiences, parse_wished_audiences


@pytest.mark.parametrize(
    "text",
    [
        "ich bin 16",
        "I am 16 years old",
        "мне 16 лет",
        "мені 16 років",
        "عمري ١٦",
        "عندي 16 سنة",
        "۱۶ سالمه",
        "16 yaşındayım",
        "mam 16 lat",
        "Jugendmigrationsdienst, bin 16 Jahre alt",
        "mám 16 let",
        "je mi 16",
        "am 16 ani",
        "j'ai 16 ans",
        "tôi 16 tuổi",
        "em 16 tuoi",
        "ad oi e 16t, ms sang dc 3 thang",  # Vietnamese teen code: 16t = 16 tuổi
        "زه ۱۶ کلن یم",
        "ዕድሜይ 16",
        "16 ዓመተይ እዩ",
        "ኣነ ዕድመይ ፲፮ እዩ",  # Ethiopic numerals: ten, six
        "mne 16 let, ya iz Kyrgyzstana",  # Russian and Ukrainian in Latin letters
        "meni 16, zhyvu u Frankenberzi",
        "marhaba, ana 3omri 16 sene w wsolet mn lebnen",  # Arabizi
        # written for someone else, who is the one to be advised
        "ich begleite einen jungen Mann aus Eritrea. Er ist 16 und wohnt in Mittweida",
        "my nephew just arrived, he is 16",
        "сестре нужна помощь, ей 16",
    ],
)
def test_stated_age_is_read(text: str) -> None:
    assert parse_age(text) == 16


@pytest.mark.parametrize(
    "text",
    [
        *("09599 Freiberg", "B1 Kurs", "Mo 16 Uhr", "Kurs für 16 Leute", "no", "2 Kinder"),
        *("cours le 16 mai", "2 copii", "bus 16 la Freiberg"),
        # children's ages are not the writer's
        *("Kita für meine Kinder, 4 und 8 Jahre", "нужна школа для детей, двое, 4 и 8 лет"),
        "my son is 6 years old",
    ],
)
def test_numbers_that_are_not_an_age(text: str) -> None:
    assert parse_age(text) is None


def test_bare_number_counts_only_as_an_answer() -> None:
    assert parse_age("19") is None
    assert parse_age("19", answering=True) == 19
    assert parse_age("١٩", answering=True) == 19
    assert parse_age("150", answering=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am an EU citizen", True),
        ("ich bin EU-Bürger", True),
        ("jestem z Polski", True),
        ("я из Румынии", True),
        ("Romanya'danım", True),
        ("I'm from Bulgaria and my boss does not pay", True),
        ("من سوريا", False),
        ("I come from Afghanistan", False),
        ("я з України", False),
        ("ich bin kein EU-Bürger", False),
        ("I live in Germany", None),
        ("Deutschkurs in Döbeln", None),
        ("from Freiberg", None),
        ("jsem z Česka, šéf mi nezaplatil", True),
        ("sunt din România", True),
        ("sunt cetatean ue", True),
        ("je viens de Roumanie", True),
        ("je viens du Cameroun", False),
        ("tôi là người Romania", True),
        ("je suis de Dresde", None),
        ("nu sunt din ue", False),
        ("mk là người Việt nhưng có quốc tịch Séc", True),  # two-word "citizenship"
        ("am cetățenie română", True),
        ("нужна помощь с кита и школой для детей", None),  # "with the Kita", not "from China"
        ("я из Китая", False),
        ("Я з України, не громадянка ЄС", False),  # the negation before "EU citizen"
        ("انا مصري بس معايا جنسية ايطالية", True),  # "citizenship" in Arabic letters, folded
        ("Im Polish, working in a warehouse", True),  # a nationality after "I am"
        ("I am single and from nowhere special", None),  # not Singapore
        ("I am Syrian", False),
        # Turkish "bir" (one) beside the citizenship word is not "Bỉ" (Belgium in Vietnamese)
        ("turk vatandasiyim, Hainichen'de bir fabrikada calisiyorum", False),
        ("em có quốc tịch Bỉ", True),
        ("Работаю на складе, я гражданка Латвии", True),  # "citizen", not only "citizenship"
        ("انا مواطن سوري", False),
        ("المعزب ما عطاني معاشي. أنا معي جواز أوروبي", True),  # a European passport
        ("I have no european passport", False),
        ("Eritrawi eye, nay EU passport yebleyn", False),  # Tigrinya: the negation after it
        ("پاسپورت اروپایی ندارم", False),
        ("Sotul meu e din Moldova si nu are pasaport romanesc", False),  # has no EU passport
        # "2 monaten" ends like Turkish "-ten" (from) but is no Monaco: Turkish endings count
        # only after a whole Turkish country name
        ("bin polnischer bürger, EU. seit 2 monaten kein lohn", True),
        ("seit 3 Monaten kein Geld", None),
        ("Polonyalıyım, depoda çalışıyorum", True),
        ("Suriyeliyim", False),
        ("sunt roman, lucrez la un depozit", True),  # a nationality after "I am", no diacritics
        ("ich bin Rumänin", True),
        ("я румынка, работаю на складе", True),
        ("انا روماني واشتغل في مصنع", True),
        ("ich habe einen rumänischen Pass", True),  # the adjective beside "passport"
        # the person asked for ("my colleague is Romanian"); Persian in Latin letters
        ("Mein Kollege ist Rumäne, der Chef zahlt nicht", True),
        ("man tabe'iyat-e Sued (Sweden) daram", True),
        ("the boss is roman catholic", None),
        # Arabic: the article and the loanword for passport; "من البامف" (from the BAMF)
        # and "البانهوف" (the station) are not Albania, "السوري" (Syrian) is not Sweden
        ("عندي الباسبور الاسباني", True),
        ("عندي الجنسية السورية", False),
        ("اجاني رفض من البامف امبارح", None),
        ("قريب من البانهوف؟", None),
        ("انا من السويد", True),
        # Arabizi: "I have a Spanish passport and work in a factory in Frankenberg"
        ("marhaba, ma3i jawaz safar isbani w bshte3el b masna3 b Frankenberg", True),
        ("3andi basbor itali", True),
    ],
)
def test_citizenship_is_read_only_when_said(text: str, expected: bool | None) -> None:
    assert parse_eu_citizen(text) is expected


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("ich bin schwul und werde in der Unterkunft bedroht", {"lgbtq"}),
        ("я лесбиянка, мне нужна помощь", {"lgbtq", "women"}),
        ("mein Mann schlägt mich", {"women"}),
        ("شوهرم منو میزنه", {"women"}),
        ("I need a doctor in Freiberg", set()),
        ("Transport nach Freiberg", set()),
        ("ich suche Arbeit für meine Frau", set()),
        # "my spouse works there": Turkish and Persian say it of a wife as of a husband
        ("peki Hainichen'de? eşim orda çalışıyo", set()),
        ("همسرم در فرایبرگ کار میکند", set()),
    ],
)
def test_groups_with_offers_of_their_own_are_read(text: str, groups: set[str]) -> None:
    assert parse_audiences(text) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("gibt es dort auch einen Treffpunkt für Frauen?", {"women"}),
        ("kadınlar için bir kurs var mı", {"women"}),
        ("Freiberg'de kadınlara yardım eden bi yer var mı", {"women"}),
        ("ma femme cherche un cours seulement pour les femmes", {"women"}),
        ("ich suche Arbeit für meine Frau", set()),
    ],
)
def test_an_offer_asked_for_women_is_a_wish_for_this_search(text: str, groups: set[str]) -> None:
    # not who the writer is: a husband may ask for his wife, and his next need is his own
    assert parse_wished_audiences(text) == groups
    assert "women" not in parse_audiences(text)


def test_any_eu_citizenship_counts() -> None:
    assert parse_eu_citizen("я из Молдовы, но паспорт у меня румынский") is True
    assert parse_eu_citizen("I am from Moldova") is False
    assert parse_eu_citizen("mam polski paszport") is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Russian and Ukrainian in Latin letters ("no" is "but" there)
        ("rabotayu v Penige. ya iz Moldovy no pasport rumynskij. kuda obratitsya?", True),
        ("ya grazhdanin Bolgarii, rabotayu na sklade", True),
        ("maju rumunskyi pasport", True),
        ("ya voditel iz Uzbekistana, pasport nachalnik zabral", False),
        # Czech "pas", Turkish demonyms, German adjectives
        ("mám rumunský pas", True),
        ("Romen pasaportum var", True),
        ("ich habe einen italienischen Pass", True),
        ("ich habe die französische Staatsangehörigkeit", True),
        # ... and what they must not read: French "suis pas", Romanian "am măcar A2",
        # Pashto "malik" (the boss)
        ("je suis pas dans cette region, change", None),
        ("sunt sofer de tir si firma vrea sa am macar A2", None),
        ("malik me pasport satali", None),
    ],
)
def test_a_passport_named_by_its_country(text: str, expected: bool | None) -> None:
    assert parse_eu_citizen(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nationalities of the languages' lexicons and more English and Polish ones
        ("je suis portugais, je bosse dans un entrepot a Hainichen", True),
        ("ma femme est belge", True),
        ("je suis ivoirien, je cherche du travail", False),
        ("sunt portughez si lucrez la Freiberg", True),
        ("jsem Slovák a dělám v Penigu", True),
        ("jestem Portugalczykiem", True),
        ("I am Austrian and my boss does not pay me", True),
        ("je suis pas portugais", None),
    ],
)
def test_nationalities_say_the_citizenship(text: str, expected: bool | None) -> None:
    assert parse_eu_citizen(text) is expected
