"""A sliding-window rate limit per key (chat session, client address), in memory."""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque


class RateLimiter:
    """At most `limit` events per `window` seconds per key; remembers at most `max_keys` keys."""

    def __init__(self, limit: int, window: float = 60.0, max_keys: int = 100_000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str, now: float | None = None) -> int:
        """Record an event; 0 when allowed, else the seconds to wait (Retry-After)."""
        now = time.monotonic() if now is None else now
        events = self._events.get(key)
        if events is None:
            events = self._events[key] = deque()
            if len(self._events) > self.max_keys:
                self._events.popitem(last=False)
        else:
            self._events.move_to_end(key)
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return max(1, math.ceil(events[0] + self.window - now))
        events.append(now)
        return 0
