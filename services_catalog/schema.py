"""The catalog database's tables (SQLAlchemy Core), one metadata for all of them."""

from __future__ import annotations

import sqlalchemy as sa

# 2: demand, feedback and handover records; 3: staff accounts, audit log;
# 4: accounts can be disabled, their sessions revoked, and changes to them are logged
SCHEMA_VERSION = 4
metadata = sa.MetaData()

catalog_meta = sa.Table(
    "catalog_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

offers_table = sa.Table(
    "offers",
    metadata,
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("category", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("verified_on", sa.String(10), nullable=False, default=""),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("synthetic", sa.Boolean, nullable=False, default=False),
    sa.Column("doc", sa.Text, nullable=False),
)

demand_events = sa.Table(
    "demand_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("category", sa.String(64), nullable=False),
    sa.Column("place_id", sa.String(120), nullable=False, default=""),
    sa.Column("lang", sa.String(8), nullable=False, default=""),
    sa.Column("created_at", sa.String(32), nullable=False),
)

feedback_events = sa.Table(
    "feedback_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("category", sa.String(64), nullable=False, default=""),
    sa.Column("lang", sa.String(8), nullable=False, default=""),
    sa.Column("helpful", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

handover_requests = sa.Table(
    "handover_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("category", sa.String(64), nullable=False, default=""),
    sa.Column("place_id", sa.String(120), nullable=False, default=""),
    sa.Column("lang", sa.String(8), nullable=False, default=""),
    sa.Column("status", sa.String(16), nullable=False, default="new"),
    sa.Column("created_at", sa.String(32), nullable=False),
)


staff_users = sa.Table(
    "staff_users",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("disabled_at", sa.String(32), nullable=False, server_default=""),  # "": active
    # raised when the password is set or the account disabled: older sessions end
    sa.Column("session_version", sa.Integer, nullable=False, server_default="0"),
)

account_log = sa.Table(
    "account_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),  # the changed account
    sa.Column("actor", sa.String(64), nullable=False),  # who changed it ("command line": CLI)
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),  # created, role, disabled, enabled, …
    sa.Column("old", sa.Text, nullable=False, default=""),
    sa.Column("new", sa.Text, nullable=False, default=""),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("offer_id", sa.String(120), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("field", sa.String(120), nullable=False, default=""),
    sa.Column("old", sa.Text, nullable=False, default=""),
    sa.Column("new", sa.Text, nullable=False, default=""),
)

# How often the assistant showed each offer, per day (no user, no text): staff check the
# most-seen unverified offers first. Created on any existing database by create_all.
offers_shown = sa.Table(
    "offers_shown",
    metadata,
    sa.Column("offer_id", sa.String(120), primary_key=True),
    sa.Column("day", sa.String(10), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False, default=0),
)
