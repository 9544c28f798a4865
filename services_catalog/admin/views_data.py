"""Import (dry-run preview, then all-or-nothing), export, staff users, and what newcomers
could not find: unmet demand, feedback, handover requests."""

from __future__ import annotations

import secrets
import time
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from services_catalog.accounts import ROLES, AccountError, Accounts
from services_catalog.admin.keys import ACCOUNTS_KEY, CATALOG_KEY, PENDING_IMPORTS_KEY, RECORDS_KEY
from services_catalog.admin.security import require
from services_catalog.admin.workers import password_work
from services_catalog.exporting import FORMATS, export
from services_catalog.hsds_import import hsds_to_raw
from services_catalog.importing import ImportFailed, import_raw, parse_text
from services_catalog.validation import validate_offers

PENDING_SECONDS = 3600
MAX_UPLOAD = 5 * 1024 * 1024
IMPORT_FORMATS = ("yaml", "csv", "json", "hsds")
CONTENT_TYPES = {
    "json": "application/json",
    "hsds": "application/json",
    "csv": "text/csv",
    "yaml": "application/yaml",
}


@require("admin")
@aiohttp_jinja2.template("import.html")
async def import_page(request: web.Request) -> dict[str, Any]:
    """GET /admin/import: the upload form."""
    return {"formats": IMPORT_FORMATS, "preview": None}


@require("admin")
async def import_preview(request: web.Request) -> web.Response:
    """POST /admin/import: a dry run; lists every problem, or what would be written."""
    form = await request.post()
    fmt = str(form.get("format", "yaml"))
    upload = form.get("file")
    text = ""
    if isinstance(upload, web.FileField):
        data = upload.file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_UPLOAD, actual_size=len(data))
        text = data.decode("utf-8", errors="replace")
    else:
        text = str(form.get("text", ""))
    catalog = request.app[CATALOG_KEY]
    if fmt == "hsds":
        raws, problems = parse_text(text, "json", "upload")
        raws = [hsds_to_raw(service, catalog.gazetteer) for service in raws]
    elif fmt in IMPORT_FORMATS:
        raws, problems = parse_text(text, fmt, "upload")
    else:
        raise web.HTTPBadRequest(text="Unknown format.")
    offers, more = validate_offers(raws, catalog.gazetteer)
    problems = [*problems, *more]
    existing = {offer.id for offer in catalog.store.offers(status=None)}
    token = ""
    if not problems:
        token = secrets.token_urlsafe(24)
        pending = request.app[PENDING_IMPORTS_KEY]
        for key in [
            k for k, (created, _, _) in pending.items() if created < time.time() - PENDING_SECONDS
        ]:
            pending.pop(key, None)
        pending[token] = (time.time(), request["user"].username, raws)
    preview = {
        "problems": problems,
        "new": [o.id for o in offers if o.id not in existing],
        "changed": [o.id for o in offers if o.id in existing],
        "token": token,
    }
    status = 422 if problems else 200
    return aiohttp_jinja2.render_template(
        "import.html", request, {"formats": IMPORT_FORMATS, "preview": preview}, status=status
    )


@require("admin")
async def import_confirm(request: web.Request) -> web.Response:
    """POST /admin/import/confirm: write the previewed offers, all or nothing."""
    form = await request.post()
    pending = request.app[PENDING_IMPORTS_KEY].pop(str(form.get("token", "")), None)
    if pending is None or pending[1] != request["user"].username:
        raise web.HTTPBadRequest(text="This import preview has expired. Upload the file again.")
    try:
        result = import_raw(request.app[CATALOG_KEY].store, pending[2])
    except ImportFailed as failed:
        preview = {"problems": failed.problems, "new": [], "changed": [], "token": ""}
        return aiohttp_jinja2.render_template(
            "import.html", request, {"formats": IMPORT_FORMATS, "preview": preview}, status=422
        )
    location = request.app.router["offers"].url_for().with_query(imported=str(len(result.offers)))
    raise web.HTTPFound(location)


@require()
async def export_view(request: web.Request) -> web.Response:
    """GET /admin/export/{format}: every published offer as a download."""
    fmt = request.match_info["format"]
    if fmt not in FORMATS:
        raise web.HTTPNotFound()
    catalog = request.app[CATALOG_KEY]
    body = export(catalog.store.offers(), fmt, catalog.gazetteer)
    suffix = {"csv": "csv", "yaml": "yaml"}.get(fmt, "json")
    return web.Response(
        text=body,
        content_type=CONTENT_TYPES.get(fmt, "application/json"),
        headers={"Content-Disposition": f'attachment; filename="wegweiser-offers-{fmt}.{suffix}"'},
    )


@require("admin")
async def users_page(request: web.Request) -> web.Response:
    """GET/POST /admin/users: staff accounts (admins only)."""
    accounts = request.app[ACCOUNTS_KEY]
    error = None
    if request.method == "POST":
        form = await request.post()
        try:
            await password_work(
                accounts.create,
                str(form.get("username", "")),
                str(form.get("password", "")),
                str(form.get("role", "")),
                request["user"].username,  # the actor
            )
        except AccountError as problem:
            error = str(problem)
        else:
            raise web.HTTPFound(request.app.router["users"].url_for())
    return _users_page(request, accounts, error)


def _users_page(request: web.Request, accounts: Accounts, error: str | None) -> web.Response:
    context = {
        "users": accounts.all(),
        "roles": ROLES,
        "error": error,
        "changes": accounts.changes(),
    }
    return aiohttp_jinja2.render_template(
        "users.html", request, context, status=422 if error else 200
    )


@require("admin")
async def user_change(request: web.Request) -> web.Response:
    """POST /admin/users/{username}: change the role, disable or enable, set a password.
    Effective on the account's next request; logged in the account log."""
    accounts = request.app[ACCOUNTS_KEY]
    username = request.match_info["username"]
    actor = request["user"].username
    form = await request.post()
    change = str(form.get("change", ""))
    try:
        if change == "role":
            accounts.set_role(username, str(form.get("role", "")), actor)
        elif change in ("disable", "enable"):
            accounts.set_disabled(username, change == "disable", actor)
        elif change == "password":
            await password_work(
                accounts.set_password, username, str(form.get("password", "")), actor
            )
        else:
            raise web.HTTPBadRequest(text="Unknown change.")
    except AccountError as problem:
        return _users_page(request, accounts, str(problem))
    raise web.HTTPFound(request.app.router["users"].url_for())


@require()
@aiohttp_jinja2.template("demand.html")
async def demand_page(request: web.Request) -> dict[str, Any]:
    """GET /admin/demand: unmet demand, feedback and handover requests."""
    records = request.app[RECORDS_KEY]
    return {
        "demand": records.demand_counts(),
        "feedback": sorted(records.feedback_counts().items()),
        "handovers": records.handovers(),
    }


@require()
async def handover_status(request: web.Request) -> web.Response:
    """POST /admin/handovers/{id}: new → in progress → done."""
    form = await request.post()
    status = str(form.get("status", ""))
    if status not in ("new", "in_progress", "done"):
        raise web.HTTPBadRequest(text="Unknown status.")
    request.app[RECORDS_KEY].set_handover_status(int(request.match_info["id"]), status)
    raise web.HTTPFound(request.app.router["demand"].url_for())
