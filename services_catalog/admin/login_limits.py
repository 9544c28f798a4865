"""Failed staff logins, counted per client address and per account at that address."""

from __future__ import annotations

import time


class LoginLimiter:
    """Blocks an address after `per_address` failed logins within `window` seconds, and one
    account from that address after `per_account`. Failures are never counted per account
    alone: anybody could then lock a member of staff out by guessing wrong on purpose."""

    def __init__(self, per_account: int = 5, per_address: int = 20, window: float = 300.0) -> None:
        self.per_account = per_account
        self.per_address = per_address
        self.window = window
        self._failures: dict[str, list[float]] = {}

    @staticmethod
    def _keys(address: str, username: str) -> tuple[str, str]:
        return f"ip:{address}", f"user:{username.lower()}@{address}"

    def _recent(self, key: str, now: float) -> int:
        recent = [t for t in self._failures.get(key, []) if t > now - self.window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return len(recent)

    def blocked(self, address: str, username: str) -> bool:
        """True when this address, or this account from this address, failed too often."""
        now = time.monotonic()
        by_address, by_account = self._keys(address, username)
        return (
            self._recent(by_address, now) >= self.per_address
            or self._recent(by_account, now) >= self.per_account
        )

    def failed(self, address: str, username: str) -> None:
        """Count a failed login."""
        now = time.monotonic()
        for key in self._keys(address, username):
            self._failures.setdefault(key, []).append(now)
        while len(self._failures) > 10_000:
            self._failures.pop(next(iter(self._failures)))
