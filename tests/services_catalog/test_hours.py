"""Opening hours: Saxon public holidays for PH, the Europe/Berlin clock across DST changes."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from services_catalog import hours
from services_catalog.formatting import hours_on, week_in_words

OFFICE = "Mo-Fr 09:00-17:00; PH off"


def test_saxon_only_holiday_closes_the_office() -> None:
    # Buß- und Bettag (18 Nov 2026) is a public holiday in Saxony only.
    assert hours.is_open(OFFICE, datetime(2026, 11, 18, 10, 0)) is False
    assert hours.is_open(OFFICE, datetime(2026, 11, 17, 10, 0)) is True
    # Reformation Day fell on a Saturday in 2026; in 2025 it was a Friday.
    assert hours.is_open(OFFICE, datetime(2025, 10, 31, 10, 0)) is False
    assert hours.is_open(OFFICE, datetime(2025, 10, 30, 10, 0)) is True


def test_nationwide_holiday_and_year_boundary() -> None:
    assert hours.is_open(OFFICE, datetime(2026, 12, 25, 10, 0)) is False
    assert hours.is_open(OFFICE, datetime(2027, 1, 1, 10, 0)) is False
    assert hours.is_open(OFFICE, datetime(2027, 1, 4, 10, 0)) is True


def test_holiday_with_its_own_hours() -> None:
    expression = "Mo-Fr 09:00-17:00; PH 10:00-12:00"
    assert hours.is_open(expression, datetime(2026, 11, 18, 11, 0)) is True
    assert hours.is_open(expression, datetime(2026, 11, 18, 13, 0)) is False


def test_dst_end_uses_local_time() -> None:
    # 25 Oct 2026: clocks go back from 03:00 CEST to 02:00 CET.
    daily = "Mo-Su 09:00-17:00"
    # 07:30 UTC is 09:30 CEST on Saturday but only 08:30 CET on Sunday.
    assert hours.is_open(daily, datetime(2026, 10, 24, 7, 30, tzinfo=timezone.utc)) is True
    assert hours.is_open(daily, datetime(2026, 10, 25, 7, 30, tzinfo=timezone.utc)) is False
    assert hours.is_open(daily, datetime(2026, 10, 25, 8, 30, tzinfo=timezone.utc)) is True


def test_dst_start_uses_local_time() -> None:
    # 29 Mar 2026: clocks jump from 02:00 CET to 03:00 CEST. 15:30 UTC is 17:30 CEST.
    daily = "Mo-Su 09:00-17:00"
    assert hours.is_open(daily, datetime(2026, 3, 28, 15, 30, tzinfo=timezone.utc)) is True
    assert hours.is_open(daily, datetime(2026, 3, 29, 15, 30, tzinfo=timezone.utc)) is False


def test_unknown_and_empty() -> None:
    assert hours.is_open("", datetime(2026, 11, 17, 10, 0)) is None
    assert hours.is_open("24/7", datetime(2026, 11, 18, 3, 0)) is True


def test_ph_inside_weekday_list_is_explained() -> None:
    with pytest.raises(hours.OpeningHoursError, match=r"PH .* only at the start of its own rule"):
        hours.check("Mo-Fr,PH 10:00-12:00")


def test_hours_in_words_per_language() -> None:
    expression = "Mo-Fr 09:00-12:00,13:00-16:00; PH off"
    assert hours_on(expression, date(2026, 11, 20), "de") == ["09:00–12:00", "13:00–16:00"]
    assert hours_on(expression, date(2026, 11, 18), "de") == []
    week = week_in_words(expression, "de", date(2026, 11, 18))
    assert week[0] == ("Montag", ["09:00–12:00", "13:00–16:00"])
    assert week[2] == ("Mittwoch", [])  # Buß- und Bettag
    assert week[6] == ("Sonntag", [])
    assert week_in_words(expression, "ar", date(2026, 11, 18))[4][0] == "الجمعة"
