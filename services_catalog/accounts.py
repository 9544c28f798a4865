"""Staff accounts: editors (offers) and admins (offers, users, import); argon2 password hashes."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Engine

from services_catalog.schema import staff_users
from services_catalog.storage import utc_now

ROLES = ("editor", "admin")
_USERNAME = re.compile(r"^[a-zA-Z0-9_.-]{2,64}$")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# Verifying against this keeps unknown usernames as slow as known ones.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    """A user that cannot be created as asked."""


@dataclass(frozen=True)
class StaffUser:
    """A logged-in member of staff."""

    username: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class Accounts:
    """Creates users and checks passwords."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, username: str, password: str, role: str) -> StaffUser:
        """Create a user; AccountError for a bad name or role, a short password, a duplicate."""
        if not _USERNAME.match(username):
            raise AccountError("username: 2-64 letters, digits, _ . -")
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
        with self.engine.begin() as conn:
            exists = conn.execute(
                sa.select(staff_users.c.username).where(staff_users.c.username == username)
            ).first()
            if exists:
                raise AccountError(f"user {username!r} exists already")
            conn.execute(
                staff_users.insert().values(
                    username=username,
                    password_hash=_hasher.hash(password),
                    role=role,
                    created_at=utc_now(),
                )
            )
        return StaffUser(username, role)

    def authenticate(self, username: str, password: str) -> StaffUser | None:
        """The user when the password is right, else None (as slow either way)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(staff_users.c.password_hash, staff_users.c.role).where(
                    staff_users.c.username == username
                )
            ).first()
        try:
            _hasher.verify(row[0] if row else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        return StaffUser(username, str(row[1])) if row else None

    def get(self, username: str) -> StaffUser | None:
        """A user by name, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(staff_users.c.role).where(staff_users.c.username == username)
            ).first()
        return StaffUser(username, str(row[0])) if row else None

    def all(self) -> list[StaffUser]:
        """Every user, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(staff_users.c.username, staff_users.c.role).order_by(
                    staff_users.c.username
                )
            )
            return [StaffUser(str(name), str(role)) for name, role in rows]
