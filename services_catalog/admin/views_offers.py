"""Offers in the admin: list with filters and search, create and edit with per-field
validation, optimistic locking (conflict page), status, "still valid", delete, history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from services_catalog import listing
from services_catalog.admin.forms import (
    LANGUAGES,
    form_to_raw,
    problem_input,
    raw_to_form,
)
from services_catalog.admin.i18n import language_of
from services_catalog.admin.keys import CATALOG_KEY, EDITOR_KEY
from services_catalog.admin.security import require
from services_catalog.admin.workers import page_work, render_in_thread
from services_catalog.editing import EditConflict, OfferNotFound
from services_catalog.formatting import week_in_words
from services_catalog.hours import OpeningHoursError, check
from services_catalog.listing import Row
from services_catalog.model import AUDIENCES, CATEGORIES, CHANNELS, COSTS, STATUSES, WHEELCHAIR
from services_catalog.text import fold

CHECK_AFTER = timedelta(days=365)


# Offers per page of the list: a page of thousands took a third of a second to build.
PAGE_ROWS = 100


def needs_checking(verified_on: str, today: date | None = None) -> bool:
    """True when nobody checked the offer yet or the last check is over 12 months old."""
    if not verified_on:
        return True
    try:
        return date.fromisoformat(verified_on) < (today or date.today()) - CHECK_AFTER
    except ValueError:
        return True


def _matches(listed: Row, query: dict[str, str]) -> bool:
    if query.get("category") and listed[listing.CATEGORY] != query["category"]:
        return False
    if query.get("status") and listed[listing.STATUS] != query["status"]:
        return False
    if query.get("town") and fold(query["town"]) not in {
        fold(town) for town in listed[listing.TOWNS]
    }:
        return False
    if query.get("missing_lang") and query["missing_lang"] in listed[listing.DESCRIBED]:
        return False
    if query.get("checking") and not needs_checking(listed[listing.VERIFIED_ON]):
        return False
    if query.get("q"):
        names = [name for _, name in listed[listing.NAMES]]
        haystack = fold(
            " ".join([listed[listing.ID], listed[listing.PROVIDER], *names, *listed[listing.TAGS]])
        )
        return all(word in haystack for word in fold(query["q"]).split())
    return True


def _shown(listed: Row) -> dict[str, Any]:
    """What the list shows of one offer."""
    return {
        "doc": {
            "id": listed[listing.ID],
            "name": dict(listed[listing.NAMES]),
            "provider": listed[listing.PROVIDER],
            "category": listed[listing.CATEGORY],
            "status": listed[listing.STATUS],
            "locations": [{"town": town} for town in listed[listing.TOWNS]],
            "verified_on": listed[listing.VERIFIED_ON],
        },
        "coverage": list(listed[listing.DESCRIBED]),
        "checking": needs_checking(listed[listing.VERIFIED_ON]),
    }


@require()
async def offer_list(request: web.Request) -> web.Response:
    """GET /admin/offers?category=&town=&status=&missing_lang=&checking=1&q=."""
    store = request.app[CATALOG_KEY].store
    query = {
        key: request.query.get(key, "").strip()[:200]
        for key in ("category", "town", "status", "missing_lang", "checking", "q")
    }

    try:
        page = max(0, int(request.query.get("page", "0")))
    except ValueError:
        page = 0

    def listed() -> tuple[list[dict[str, Any]], int]:
        """One page of the offers that match, and how many match: in a worker thread, off
        the gateway's loop (the catalog's offers are listed once per change)."""
        matching = [listed for listed in store.listing() if _matches(listed, query)]
        shown = matching[page * PAGE_ROWS : (page + 1) * PAGE_ROWS]
        return [_shown(listed) for listed in shown], len(matching)

    rows, total = await page_work(listed)
    filters = {key: value for key, value in query.items() if value}
    context = {
        "rows": rows,
        "total": total,
        "first": page * PAGE_ROWS + 1 if rows else 0,
        "last": page * PAGE_ROWS + len(rows),
        "previous_page": urlencode({**filters, "page": page - 1}) if page > 0 else None,
        "next_page": (
            urlencode({**filters, "page": page + 1}) if (page + 1) * PAGE_ROWS < total else None
        ),
        "query": query,
        "categories": CATEGORIES,
        "statuses": STATUSES,
        "languages": LANGUAGES,
    }
    return await render_in_thread("offers.html", request, context)


def _form_context(
    request: web.Request, values: dict[str, str], errors: dict[str, list[str]], stored: Any
) -> dict[str, Any]:
    lang = language_of(request)
    previews: dict[int, list[tuple[str, list[str]]] | None] = {}
    for index in range(int(values.get("location_count") or 0) + 1):
        expression = values.get(f"loc{index}_opening_hours", "")
        if expression:
            try:
                check(expression)
                previews[index] = week_in_words(expression, lang, date.today())
            except OpeningHoursError:
                previews[index] = None
    history = request.app[EDITOR_KEY].history(values["id"]) if stored else []
    return {
        "values": values,
        "errors": errors,
        "stored": stored,
        "previews": previews,
        "history": history,
        "categories": CATEGORIES,
        "costs": COSTS,
        "channels": CHANNELS,
        "audiences": AUDIENCES,
        "wheelchair": WHEELCHAIR,
        "languages": LANGUAGES,
        "location_slots": range(int(values.get("location_count") or 0) + 1),
    }


@require()
async def offer_edit(request: web.Request) -> web.Response:
    """GET /admin/offers/{id}: the edit form with history; /admin/offers/new for a new offer."""
    offer_id = request.match_info.get("id")
    editor = request.app[EDITOR_KEY]
    stored = editor.load(offer_id) if offer_id else None
    if offer_id and stored is None:
        raise web.HTTPNotFound(text="No such offer.")
    values = (
        raw_to_form(stored.doc) if stored else {"location_count": "0", "cost": "unknown", "id": ""}
    )
    if stored:
        values["version"] = str(stored.version)
    return aiohttp_jinja2.render_template(
        "offer_form.html", request, _form_context(request, values, {}, stored)
    )


@require()
async def offer_save(request: web.Request) -> web.Response:
    """POST /admin/offers/{id} (or /admin/offers/new): validate, save, or show the problems
    or the conflict page. Nothing is silently overwritten."""
    form = await request.post()
    editor = request.app[EDITOR_KEY]
    offer_id = request.match_info.get("id")
    stored = editor.load(offer_id) if offer_id else None
    if offer_id and stored is None:
        raise web.HTTPNotFound(text="No such offer.")
    raw = form_to_raw(form, stored.doc if stored else None)
    if stored:
        raw["id"] = stored.doc["id"]
    expected = int(str(form.get("version") or 0)) if stored else None
    try:
        offer, problems = editor.save(raw, request["user"].username, expected)
    except EditConflict as conflict:
        mine = raw_to_form(raw)
        theirs = raw_to_form(conflict.current)
        fields = sorted(
            key for key in mine.keys() | theirs.keys() if mine.get(key, "") != theirs.get(key, "")
        )
        context = {
            "offer_id": raw["id"],
            "fields": fields,
            "mine": mine,
            "theirs": theirs,
            "version": conflict.version,
        }
        return aiohttp_jinja2.render_template("conflict.html", request, context, status=409)
    except OfferNotFound:
        raise web.HTTPNotFound(text="The offer was deleted meanwhile.") from None
    if offer is None:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem_input(problem), []).append(problem.message)
        values = {key: str(value) for key, value in form.items()}
        values["id"] = raw["id"]
        context = _form_context(request, values, errors, stored)
        return aiohttp_jinja2.render_template("offer_form.html", request, context, status=422)
    raise web.HTTPFound(request.app.router["offer_edit"].url_for(id=offer.id).with_query(saved="1"))


@require()
async def offer_status(request: web.Request) -> web.Response:
    """POST /admin/offers/{id}/status: draft, publish, archive or restore."""
    form = await request.post()
    status = str(form.get("status", ""))
    if status not in STATUSES:
        raise web.HTTPBadRequest(text="Unknown status.")
    offer_id = request.match_info["id"]
    try:
        request.app[EDITOR_KEY].set_status(offer_id, status, request["user"].username)
    except OfferNotFound:
        raise web.HTTPNotFound(text="No such offer.") from None
    raise web.HTTPFound(request.app.router["offer_edit"].url_for(id=offer_id))


@require()
async def offer_verify(request: web.Request) -> web.Response:
    """POST /admin/offers/{id}/verify: "still valid" — verified today by this user."""
    offer_id = request.match_info["id"]
    try:
        request.app[EDITOR_KEY].mark_verified(offer_id, request["user"].username)
    except OfferNotFound:
        raise web.HTTPNotFound(text="No such offer.") from None
    raise web.HTTPFound(request.app.router["offer_edit"].url_for(id=offer_id))


@require("admin")
async def offer_delete(request: web.Request) -> web.Response:
    """POST /admin/offers/{id}/delete: delete for good (admins only)."""
    try:
        request.app[EDITOR_KEY].delete(request.match_info["id"], request["user"].username)
    except OfferNotFound:
        raise web.HTTPNotFound(text="No such offer.") from None
    raise web.HTTPFound(request.app.router["offers"].url_for())


@require()
async def hours_preview(request: web.Request) -> web.Response:
    """GET /admin/hours-preview?expr=…: the week in plain words (the form's live preview)."""
    expression = request.query.get("expr", "")[:500]
    try:
        check(expression)
    except OpeningHoursError as error:
        return web.json_response({"ok": False, "error": str(error)})
    week = week_in_words(expression, language_of(request), date.today())
    return web.json_response(
        {"ok": True, "week": [{"day": day, "hours": hours} for day, hours in week]}
    )
