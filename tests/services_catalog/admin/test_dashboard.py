"""The overview: the district map of a category's coverage with unmet demand beside the
dots, a table of the same, unmet demand over time, and what needs checking, most-shown
first."""

from __future__ import annotations

import re
from datetime import date, timedelta

from aiohttp.test_utils import TestClient

from services_catalog.catalog import Catalog
from services_catalog.importing import import_raw
from services_catalog.records import Records
from tests.fakes.offers import make_offer
from tests.services_catalog.admin.conftest import log_in


def _section(text: str, element_id: str) -> str:
    start = text.index(f'id="{element_id}"')
    return text[start : text.index("</table>", start)]


async def test_map_shows_coverage_and_unmet_demand_of_the_chosen_category(
    client: TestClient, catalog: Catalog
) -> None:
    records = Records(catalog.store.engine)
    for _ in range(3):
        records.unmet_demand("health_care", "sayda", "ar")
    records.unmet_demand("language_course", "hartha", "uk")
    await log_in(client, "eddie")
    page = await client.get("/admin/?category=health_care")
    text = await page.text()
    assert page.status == 200
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    # nothing for health care in this catalog: every municipality (all 52 have coordinates
    # in places.yaml) is a square
    assert svg.count('<g class="place none"') == 52
    assert 'data-place="sayda"><title>Sayda: nichts; nicht gefunden: 3</title>' in svg
    assert "hartha" in svg and "Hartha: nichts</title>" in svg  # demand of another category
    table = _section(text, "coverage-table")
    assert table.count("<tr class=") == 52
    assert re.search(
        r"<th scope=\"row\">Sayda</th><td>nichts</td><td></td><td></td><td>3</td>", table
    )
    language = await (await client.get("/admin/?category=language_course")).text()
    assert "Döbeln: vor Ort in Reichweite, etwa 0 km (Döbeln)" in language
    assert "Hartha: vor Ort in Reichweite" in language and ">1</text>" in language


async def test_unmet_demand_over_time_is_a_chart_with_a_table(
    client: TestClient, catalog: Catalog
) -> None:
    Records(catalog.store.engine).unmet_demand("health_care", "sayda", "ar")
    await log_in(client, "eddie")
    text = await (await client.get("/admin/")).text()
    start = text.index('class="demand-chart"')
    chart = text[start : text.index("</svg>", start)]
    assert chart.count('<rect class="day"') == 60
    assert "1-mal wurde in 60 Tagen nichts gefunden." in chart
    today = date.today()
    days = _section(text, "demand-by-day")
    assert {today.isoformat(), (today - timedelta(days=1)).isoformat()} & set(
        re.findall(r"<td>(\d{4}-\d\d-\d\d)</td><td>1</td>", days)
    )


async def test_needs_checking_lists_the_most_shown_unverified_offers_first(
    client: TestClient, catalog: Catalog
) -> None:
    today = date.today()
    import_raw(
        catalog.store,
        [
            make_offer(id="rarely-shown"),
            make_offer(id="often-shown"),
            make_offer(id="checked-recently", verified_on=today.isoformat()),
            make_offer(
                id="checked-long-ago", verified_on=(today - timedelta(days=400)).isoformat()
            ),
        ],
    )
    records = Records(catalog.store.engine)
    for _ in range(5):
        records.offers_shown(["often-shown", "checked-recently"])
    records.offers_shown(["checked-long-ago"])
    records.offers_shown(["checked-long-ago", "rarely-shown"], day=today - timedelta(days=45))
    await log_in(client, "eddie")
    table = _section(await (await client.get("/admin/")).text(), "checking-table")
    order = re.findall(r'href="/admin/offers/([a-z-]+)"', table)
    assert order[:2] == ["often-shown", "checked-long-ago"]
    assert "checked-recently" not in order
    assert set(order) >= {"rarely-shown", "test-course-doebeln"}
    often = table[table.index("often-shown") :]
    assert re.search(r"<td>5</td>", often[: often.index("</tr>")])
