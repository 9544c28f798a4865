"""The admin's overview: the district map of one category's coverage with unmet demand, unmet
demand over time, offers that need checking (the most-shown first), feedback, handovers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web
from markupsafe import Markup

from services_catalog import listing
from services_catalog.admin.i18n import language_of, translations
from services_catalog.admin.keys import CATALOG_KEY, RECORDS_KEY
from services_catalog.admin.security import require
from services_catalog.admin.views_offers import needs_checking
from services_catalog.admin.workers import page_work, render_in_thread
from services_catalog.catalog import Catalog
from services_catalog.coverage import coverage
from services_catalog.coverage_map import LABELS, coverage_svg
from services_catalog.demand_chart import demand_chart_svg
from services_catalog.model import CATEGORIES
from services_catalog.records import Records

DEFAULT_CATEGORY = "language_course"
SHOWN_DAYS = 30  # "needs checking" is sorted by how often offers were shown in these days
CHART_DAYS = 60
CHECKING_ROWS = 25


@require()
async def dashboard(request: web.Request) -> web.Response:
    """GET /admin/?category=ID: what needs attention. Built and rendered in a worker thread:
    it loads and validates every offer, the gateway's event loop serves others meanwhile."""
    catalog = request.app[CATALOG_KEY]
    records = request.app[RECORDS_KEY]
    _ = translations(language_of(request)).gettext
    category = request.query.get("category", DEFAULT_CATEGORY)
    if category not in CATEGORIES:
        category = DEFAULT_CATEGORY
    await catalog.refreshed()
    context = await page_work(_overview, catalog, records, category, _)
    return await render_in_thread("dashboard.html", request, context)


def _overview(
    catalog: Catalog, records: Records, category: str, _: Callable[[str], str]
) -> dict[str, Any]:
    """The overview's figures for one category."""
    offers = catalog.store.listing()
    demand = records.demand_counts()
    here = {row.place_id: row.count for row in demand if row.category == category}
    cells = coverage(catalog.index, [category])
    shown = records.shown_counts(SHOWN_DAYS)
    checking = sorted(
        (offer for offer in offers if needs_checking(offer[listing.VERIFIED_ON])),
        key=lambda offer: (
            -shown.get(offer[listing.ID], 0),
            offer[listing.VERIFIED_ON],
            offer[listing.ID],
        ),
    )
    per_day = records.demand_by_day(CHART_DAYS)
    return {
        "offer_count": len(offers),
        "checking": len(checking),
        "checking_rows": [
            {
                "offer": {
                    "id": offer[listing.ID],
                    "names": dict(offer[listing.NAMES]),
                    "category": offer[listing.CATEGORY],
                    "verified_on": offer[listing.VERIFIED_ON],
                },
                "shown": shown.get(offer[listing.ID], 0),
            }
            for offer in checking[:CHECKING_ROWS]
        ],
        "shown_days": SHOWN_DAYS,
        "category": category,
        "categories": CATEGORIES,
        "cells": [{"cell": cell, "demand": here.get(cell.place_id, 0)} for cell in cells],
        "levels": LABELS,
        "coverage_map": Markup(  # noqa: S704 - every text in the SVG is escaped where it is built
            coverage_svg(
                cells,
                catalog.gazetteer,
                _("Coverage of %(category)s") % {"category": _(category)},
                here,
                _,
            )
        ),
        "chart_days": CHART_DAYS,
        "per_day": per_day,
        "demand_chart": Markup(  # noqa: S704 - numbers and dates only, escaped titles
            demand_chart_svg(
                per_day,
                _("Unmet demand per day, last %(days)d days") % {"days": CHART_DAYS},
                _,
            )
        ),
        "demand": demand[:10],
        "feedback": sorted(records.feedback_counts().items()),
        "handovers": records.handovers(status="new")[:10],
    }
