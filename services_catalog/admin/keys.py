"""Typed keys of what the admin app holds."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from services_catalog.accounts import Accounts
from services_catalog.admin.login_limits import LoginLimiter
from services_catalog.catalog import Catalog
from services_catalog.editing import Editor
from services_catalog.records import Records

CATALOG_KEY = web.AppKey("catalog", Catalog)
ACCOUNTS_KEY = web.AppKey("accounts", Accounts)
EDITOR_KEY = web.AppKey("editor", Editor)
RECORDS_KEY = web.AppKey("records", Records)
LOGIN_LIMITER_KEY = web.AppKey("login_limiter", LoginLimiter)
IDLE_SECONDS_KEY = web.AppKey("idle_seconds", int)  # a staff session ends after this idle time
# token → (created, username, raw offers) of imports previewed but not yet confirmed
PENDING_IMPORTS_KEY = web.AppKey("pending_imports", dict[str, tuple[float, str, list[Any]]])
