"""Staff accounts: editors (offers) and admins (offers, users, import); argon2 password hashes.
Admins can change a role, disable an account and set a password; every change is logged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Connection, Engine

from services_catalog.schema import account_log, staff_users
from services_catalog.storage import utc_now

ROLES = ("editor", "admin")
COMMAND_LINE = "command line"  # the actor of changes made with `services_catalog admin`
_USERNAME = re.compile(r"^[a-zA-Z0-9_.-]{2,64}$")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# Verifying against this keeps unknown usernames as slow as known ones.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    """A user that cannot be created as asked."""


@dataclass(frozen=True)
class StaffUser:
    """A member of staff as the database knows them now."""

    username: str
    role: str
    disabled: bool = False
    session_version: int = 0  # a session made under an older version is no longer valid

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class AccountChange:
    """One line of the account log."""

    at: str
    actor: str
    username: str
    action: str
    old: str
    new: str


_COLUMNS = (
    staff_users.c.username,
    staff_users.c.role,
    staff_users.c.disabled_at,
    staff_users.c.session_version,
)


def _user(row: sa.Row[Any]) -> StaffUser:
    return StaffUser(str(row[0]), str(row[1]), bool(row[2]), int(row[3]))


class Accounts:
    """Creates users and checks passwords."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(
        self, username: str, password: str, role: str, actor: str = COMMAND_LINE
    ) -> StaffUser:
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
            _log(conn, actor, username, "created", "", role)
        return StaffUser(username, role)

    def authenticate(self, username: str, password: str) -> StaffUser | None:
        """The user when the password is right, else None (as slow either way)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(staff_users.c.password_hash, *_COLUMNS).where(
                    staff_users.c.username == username
                )
            ).first()
        try:
            _hasher.verify(row[0] if row else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        user = _user(row[1:])
        return None if user.disabled else user

    def get(self, username: str) -> StaffUser | None:
        """A user by name, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(*_COLUMNS).where(staff_users.c.username == username)
            ).first()
        return _user(row) if row else None

    def all(self) -> list[StaffUser]:
        """Every user, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*_COLUMNS).order_by(staff_users.c.username))
            return [_user(row) for row in rows]

    def set_role(self, username: str, role: str, actor: str) -> None:
        """Give an account another role (effective on its next request)."""
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        with self.engine.begin() as conn:
            user = self._existing(conn, username)
            if user.role == role:
                return
            if user.is_admin and not user.disabled:
                self._keep_an_admin(conn, username)
            conn.execute(
                staff_users.update().where(staff_users.c.username == username).values(role=role)
            )
            _log(conn, actor, username, "role", user.role, role)

    def set_disabled(self, username: str, disabled: bool, actor: str) -> None:
        """Disable an account (its sessions end on their next request) or enable it again."""
        with self.engine.begin() as conn:
            user = self._existing(conn, username)
            if user.disabled == disabled:
                return
            if disabled and user.is_admin:
                self._keep_an_admin(conn, username)
            conn.execute(
                staff_users.update()
                .where(staff_users.c.username == username)
                .values(
                    disabled_at=utc_now() if disabled else "",
                    session_version=staff_users.c.session_version + 1,
                )
            )
            _log(conn, actor, username, "disabled" if disabled else "enabled", "", "")

    def set_password(self, username: str, password: str, actor: str) -> None:
        """A new password; the account's other sessions end (they knew the old one)."""
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
        with self.engine.begin() as conn:
            self._existing(conn, username)
            conn.execute(
                staff_users.update()
                .where(staff_users.c.username == username)
                .values(
                    password_hash=_hasher.hash(password),
                    session_version=staff_users.c.session_version + 1,
                )
            )
            _log(conn, actor, username, "password set", "", "")  # never the password itself

    def changes(self, limit: int = 50) -> list[AccountChange]:
        """The newest entries of the account log."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    account_log.c.at,
                    account_log.c.actor,
                    account_log.c.username,
                    account_log.c.action,
                    account_log.c.old,
                    account_log.c.new,
                )
                .order_by(account_log.c.id.desc())
                .limit(limit)
            )
            return [AccountChange(*(str(value) for value in row)) for row in rows]

    @staticmethod
    def _existing(conn: Connection, username: str) -> StaffUser:
        row = conn.execute(sa.select(*_COLUMNS).where(staff_users.c.username == username)).first()
        if row is None:
            raise AccountError(f"there is no user {username!r}")
        return _user(row)

    @staticmethod
    def _keep_an_admin(conn: Connection, username: str) -> None:
        """AccountError when `username` is the last active admin (nobody could manage users)."""
        others = conn.execute(
            sa.select(sa.func.count())
            .select_from(staff_users)
            .where(
                staff_users.c.role == "admin",
                staff_users.c.disabled_at == "",
                staff_users.c.username != username,
            )
        ).scalar_one()
        if not others:
            raise AccountError("this is the last active admin: make another admin first")


def _log(conn: Connection, actor: str, username: str, action: str, old: str, new: str) -> None:
    conn.execute(
        account_log.insert().values(
            username=username, actor=actor, at=utc_now(), action=action, old=old, new=new
        )
    )
