"""Nearest-offer ranking and keyword search, on the real seed catalog and on made-up offers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import read_paths, seed_directory
from services_catalog.places import Place
from services_catalog.search import Query, SearchIndex
from services_catalog.validation import validate_offers
from tests.fakes.offers import make_location, make_offer


@pytest.fixture(scope="module")
def seed_index(gazetteer: Gazetteer) -> SearchIndex:
    raws, _ = read_paths([seed_directory()])
    offers, problems = validate_offers(raws, gazetteer)
    assert problems == []
    return SearchIndex(offers, gazetteer)


def index_of(gazetteer: Gazetteer, *raws: dict) -> SearchIndex:
    offers, problems = validate_offers(list(raws), gazetteer)
    assert problems == [], [str(p) for p in problems]
    return SearchIndex(offers, gazetteer)


def place(gazetteer: Gazetteer, place_id: str) -> Place:
    found = gazetteer.get(place_id)
    assert found is not None
    return found


def test_language_course_near_doebeln_is_in_doebeln(
    seed_index: SearchIndex, gazetteer: Gazetteer
) -> None:
    page = seed_index.nearest(Query("language_course", place=place(gazetteer, "doebeln")))
    first = page.results[0]
    assert first.location is not None and first.location.place_id == "doebeln"
    assert first.distance_km is not None and first.distance_km < 1
    assert "in_person_nearby" in first.reasons


def test_unpaid_wages_in_chemnitz_finds_babs(seed_index: SearchIndex, gazetteer: Gazetteer) -> None:
    page = seed_index.nearest(
        Query("labour_rights_counselling", place=place(gazetteer, "chemnitz"), limit=3)
    )
    ids = [r.offer.id for r in page.results]
    assert any(offer_id.startswith("babs") for offer_id in ids), ids


def test_national_helpline_covers_every_town(seed_index: SearchIndex, gazetteer: Gazetteer) -> None:
    page = seed_index.nearest(
        Query("violence_protection", place=place(gazetteer, "hainichen"), limit=10)
    )
    helplines = [r for r in page.results if "covers_area" in r.reasons and r.distance_km is None]
    assert helplines, [r.offer.id for r in page.results]
    assert any("116" in r.offer.contact.phone.replace(" ", "") for r in helplines)


def test_own_town_beats_statewide_phone_and_far_office(gazetteer: Gazetteer) -> None:
    index = index_of(
        gazetteer,
        make_offer(id="far-office", locations=[make_location("leipzig", "Leipzig")]),
        make_offer(id="state-phone", locations=[], service_area=["sachsen"], channels=["phone"]),
        make_offer(id="own-town", locations=[make_location("doebeln", "Döbeln")]),
    )
    page = index.nearest(Query("language_course", place=place(gazetteer, "doebeln")))
    assert [r.offer.id for r in page.results] == ["own-town", "state-phone", "far-office"]
    assert page.results[1].reasons == ("covers_area", "by_phone")
    assert page.results[2].reasons == ("in_person",)


def test_language_spoken_moves_an_offer_up_but_not_past_next_door(gazetteer: Gazetteer) -> None:
    index = index_of(
        gazetteer,
        make_offer(
            id="german-only-roswein",
            locations=[make_location("rosswein", "Roßwein")],
            languages=["de"],
        ),
        make_offer(
            id="arabic-hartha",
            locations=[make_location("hartha", "Hartha")],
            languages=["de", "ar"],
        ),
        make_offer(
            id="german-only-doebeln",
            locations=[make_location("doebeln", "Döbeln")],
            languages=["de"],
        ),
    )
    query = Query("language_course", place=place(gazetteer, "doebeln"), languages=("ar",))
    ranked = index.nearest(query).results
    # Roßwein is nearer than Hartha, but Hartha's counselling speaks Arabic.
    assert [r.offer.id for r in ranked] == [
        "german-only-doebeln",
        "arabic-hartha",
        "german-only-roswein",
    ]
    assert ranked[1].distance_km > ranked[2].distance_km  # type: ignore[operator]
    assert "speaks_language" in ranked[1].reasons
    without = index.nearest(Query("language_course", place=place(gazetteer, "doebeln"))).results
    assert [r.offer.id for r in without] == [
        "german-only-doebeln",
        "german-only-roswein",
        "arabic-hartha",
    ]


def test_language_asked_for_by_name_beats_next_door_within_reach(gazetteer: Gazetteer) -> None:
    """ "Psychotherapy in Farsi in Chemnitz": the office that speaks Farsi in Leipzig (68 km)
    comes before the one next door whose staff are not known to speak it."""
    index = index_of(
        gazetteer,
        make_offer(id="chemnitz-unknown", locations=[make_location("chemnitz", "Chemnitz")]),
        make_offer(
            id="leipzig-farsi",
            locations=[make_location("leipzig", "Leipzig")],
            languages=["de", "fa"],
        ),
    )
    chemnitz = place(gazetteer, "chemnitz")
    asked = Query("language_course", place=chemnitz, languages=("fa", "de"), max_km=120.0)
    ranked = index.nearest(replace(asked, asked_language="fa")).results
    assert [r.offer.id for r in ranked] == ["leipzig-farsi", "chemnitz-unknown"]
    # Written in Farsi without asking for staff who speak it: the nearer one stays first.
    plain = index.nearest(asked).results
    assert [r.offer.id for r in plain] == ["chemnitz-unknown", "leipzig-farsi"]


def test_eligibility_filters(gazetteer: Gazetteer) -> None:
    index = index_of(
        gazetteer,
        make_offer(
            id="youth-only",
            eligibility={"audiences": ["youth"], "min_age": 12, "max_age": 26, "note": {}},
        ),
        make_offer(
            id="women-only",
            eligibility={"audiences": ["women"], "min_age": None, "max_age": None, "note": {}},
        ),
        make_offer(
            id="refugees-only",
            eligibility={"audiences": ["refugees"], "min_age": None, "max_age": None, "note": {}},
        ),
        make_offer(id="for-all"),
    )
    doebeln = place(gazetteer, "doebeln")

    def ids(**filters: Any) -> list[str]:
        page = index.nearest(Query("language_course", place=doebeln, **filters))
        return sorted(r.offer.id for r in page.results)

    assert ids(age=40) == ["for-all", "refugees-only", "women-only"]
    assert ids(age=19) == ["for-all", "refugees-only", "women-only", "youth-only"]
    # citizenship excludes only offers restricted by residence status, not the women's one
    assert ids(audiences=frozenset({"eu_workers"})) == ["for-all", "women-only", "youth-only"]
    assert ids(audiences=frozenset({"refugees"})) == [
        "for-all",
        "refugees-only",
        "women-only",
        "youth-only",
    ]
    assert ids() == ["for-all", "refugees-only", "women-only", "youth-only"]


def test_at_the_same_distance_an_offer_open_to_all_comes_before_one_for_a_status(
    gazetteer: Gazetteer,
) -> None:
    only: dict[str, Any] = {"audiences": ["refugees"], "min_age": None, "max_age": None, "note": {}}
    index = index_of(
        gazetteer,
        make_offer(id="a-refugees-only", eligibility=only),
        make_offer(id="b-for-all"),
    )
    doebeln = place(gazetteer, "doebeln")

    def ids(**filters: Any) -> list[str]:
        return [
            r.offer.id
            for r in index.nearest(Query("language_course", place=doebeln, **filters)).results
        ]

    assert ids() == ["b-for-all", "a-refugees-only"]  # status unknown: open to all first
    assert ids(audiences=frozenset({"refugees"})) == ["a-refugees-only", "b-for-all"]


def test_open_now_and_only_open(gazetteer: Gazetteer) -> None:
    index = index_of(
        gazetteer,
        make_offer(id="office-hours"),  # Mo-Fr 09:00-16:00; PH off
        make_offer(
            id="round-the-clock",
            locations=[make_location("doebeln", "Döbeln", opening_hours="24/7")],
        ),
    )
    doebeln = place(gazetteer, "doebeln")
    sunday = datetime(2026, 11, 22, 11, 0)
    page = index.nearest(Query("language_course", place=doebeln, at=sunday))
    status = {r.offer.id: r.open_now for r in page.results}
    assert status == {"office-hours": False, "round-the-clock": True}
    only = index.nearest(Query("language_course", place=doebeln, at=sunday, only_open=True))
    assert [r.offer.id for r in only.results] == ["round-the-clock"]


def test_nothing_within_reach(gazetteer: Gazetteer) -> None:
    index = index_of(
        gazetteer, make_offer(id="leipzig-only", locations=[make_location("leipzig", "Leipzig")])
    )
    page = index.nearest(Query("language_course", place=place(gazetteer, "freiberg"), max_km=30))
    assert page.results == []


def test_point_query_finds_the_town_for_area_offers(gazetteer: Gazetteer) -> None:
    index = index_of(
        gazetteer,
        make_offer(
            id="district-line", locations=[], service_area=["mittelsachsen"], channels=["phone"]
        ),
    )
    doebeln = place(gazetteer, "doebeln")
    assert doebeln.lat is not None and doebeln.lon is not None
    page = index.nearest(Query("language_course", lat=doebeln.lat + 0.01, lon=doebeln.lon))
    assert page.place is not None and page.place.id == "doebeln"
    assert [r.offer.id for r in page.results] == ["district-line"]


def test_paging(gazetteer: Gazetteer) -> None:
    towns = [
        ("doebeln", "Döbeln"),
        ("hartha", "Hartha"),
        ("rosswein", "Roßwein"),
        ("waldheim", "Waldheim"),
        ("leisnig", "Leisnig"),
        ("freiberg", "Freiberg"),
    ]
    index = index_of(
        gazetteer,
        *(
            make_offer(id=f"course-{pid}", locations=[make_location(pid, town)])
            for pid, town in towns
        ),
    )
    doebeln = place(gazetteer, "doebeln")
    first = index.nearest(Query("language_course", place=doebeln, limit=4))
    second = index.nearest(Query("language_course", place=doebeln, limit=4, offset=4))
    assert first.has_more and not second.has_more
    ids = [r.offer.id for r in first.results + second.results]
    assert len(ids) == len(set(ids)) == 6
    distances = [r.distance_km for r in first.results + second.results]
    assert distances == sorted(distances)  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BABS", "babs"),
        ("IQ Netzwerk", "iq"),
        ("Jobcenter Mittelsachsen", "jobcenter"),
        ("Hilfetelefon", "hilfetelefon"),
    ],
)
def test_keyword_search(seed_index: SearchIndex, text: str, expected: str) -> None:
    hits = seed_index.keyword(text, limit=3)
    assert hits, text
    assert expected in hits[0][0].id, [o.id for o, _ in hits]


def test_keyword_search_tolerates_typos_and_ignores_nonsense(seed_index: SearchIndex) -> None:
    assert "babs" in seed_index.keyword("Babbs")[0][0].id
    assert seed_index.keyword("qwxzv") == []


def test_return_counselling_is_not_a_newcomers_first_counselling(
    seed_index: SearchIndex, gazetteer: Gazetteer
) -> None:
    """Migration counselling in Brand-Erbisdorf: the district's return counselling there
    comes after the general counselling 5 km away, unless the user asks about going back."""
    here = place(gazetteer, "brand-erbisdorf")
    ids = [
        r.offer.id for r in seed_index.nearest(Query("migration_counselling", place=here)).results
    ]
    assert "rueckkehr" not in ids[0]
    assert "landkreis-mittelsachsen-rueckkehrberatung" in ids
    asked = Query("migration_counselling", place=here, words=frozenset({"rueckkehr"}))
    assert (
        seed_index.nearest(asked).results[0].offer.id == "landkreis-mittelsachsen-rueckkehrberatung"
    )


@pytest.mark.parametrize(
    "words",
    [
        frozenset({"ich", "bin", "schwanger"}),
        frozenset({"jestem", "w", "ciazy"}),
        frozenset({"أنا", "حامل"}),
        frozenset({"em", "co", "bau"}),
        frozenset({"я", "вагітна"}),
    ],
)
def test_pregnancy_counselling_comes_first_only_for_whom_it_is_about(
    seed_index: SearchIndex, gazetteer: Gazetteer, words: frozenset[str]
) -> None:
    """A woman (her husband works there) looking for a Kita in Burgstädt: the family
    counselling in Chemnitz comes before the pregnancy counselling at the same distance;
    a pregnant woman, in her own language, finds the pregnancy counselling first."""
    here = place(gazetteer, "burgstaedt")
    women = frozenset({"women"})
    kita = Query("family_and_school", place=here, groups=women, words=frozenset({"kita"}))
    first = seed_index.nearest(kita).results[0].offer
    assert "schwanger" not in first.id and "schwanger" not in " ".join(first.tags)
    pregnant = replace(kita, words=words)
    assert "schwanger" in seed_index.nearest(pregnant).results[0].offer.id


def test_who_asks_for_a_dsh_course_is_taken_for_a_student(
    seed_index: SearchIndex, gazetteer: Gazetteer
) -> None:
    """ "I want to study, I need DSH or TestDaF: a preparation class in Hainichen?": the
    Studienkolleg in Mittweida (for students, 10 km) is the nearest that fits, before the
    university courses in Freiberg (16 km); without the words it comes after the general
    courses."""
    here = place(gazetteer, "hainichen")
    asked = Query("language_course", place=here, words=frozenset({"dsh", "testdaf", "کلاس"}))
    assert seed_index.nearest(asked).results[0].offer.id == "hs-mittweida-studienkolleg"
    general = [r.offer.id for r in seed_index.nearest(replace(asked, words=frozenset())).results]
    assert general[0] != "hs-mittweida-studienkolleg"
