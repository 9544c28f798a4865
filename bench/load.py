"""HTTP load for the benchmarks: one timed reply, interleaved latency, throughput, long sessions.

Every loop here is bounded both in count and in time; all traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from load_chat_figures import percentile


@dataclass(frozen=True)
class Target:
    """One system under test: where to post, what to send, what counts as a good reply."""

    name: str
    url: str
    body: Callable[[str], dict[str, Any]]
    good: Callable[[Any], bool]


@dataclass
class Sample:
    """Latencies (seconds) of good replies, and how many replies were not good."""

    seconds: list[float] = field(default_factory=list)
    failures: int = 0


def stack_target(url: str, text: str, locale: str) -> Target:
    """The gateway's chat API; good means 200 with at least one offer."""

    def good(data: Any) -> bool:
        """True when some message of the answer carries offers."""
        messages = data.get("messages", []) if isinstance(data, dict) else []
        return any(m.get("offers") for m in messages if isinstance(m, dict))

    return Target(
        "wegweiser",
        f"{url}/api/chat",
        lambda session: {"session": session, "text": text, "locale": locale},
        good,
    )


def bare_target(url: str, text: str) -> Target:
    """The bare bot's REST webhook; good means 200 with at least one message."""
    return Target(
        "bare",
        f"{url}/webhooks/rest/webhook",
        lambda session: {"sender": session, "message": text},
        lambda data: isinstance(data, list) and len(data) > 0,
    )


def new_session(prefix: str) -> str:
    """A fresh conversation id (chat API rules: 1-64 of [A-Za-z0-9_-])."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


async def reply(http: aiohttp.ClientSession, target: Target, session: str) -> tuple[float, bool]:
    """Post one message; (seconds until the whole answer was read, whether it was good)."""
    began = time.perf_counter()
    try:
        async with http.post(target.url, json=target.body(session)) as response:
            data = await response.json(content_type=None)
            ok = response.status == 200 and target.good(data)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        ok = False
    return time.perf_counter() - began, ok


def client(limit: int = 64, timeout: float = 60) -> aiohttp.ClientSession:
    """A keep-alive HTTP client with `limit` connections and a total timeout per request."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit),
        timeout=aiohttp.ClientTimeout(total=timeout),
    )


async def warm_up(targets: list[Target], count: int, seconds: float) -> dict[str, int]:
    """`count` first replies per target (fresh sessions, not measured); good ones per target."""
    good = {t.name: 0 for t in targets}
    deadline = time.monotonic() + seconds
    async with client() as http:
        for _ in range(count):
            for target in targets:
                if time.monotonic() > deadline:
                    return good
                _, ok = await reply(http, target, new_session("warm"))
                good[target.name] += ok
    return good


async def interleaved_latency(
    targets: list[Target], pairs: int, seconds: float
) -> dict[str, Sample]:
    """First-turn reply latency, A/B/A/B: each round sends one message to every target."""
    samples = {t.name: Sample() for t in targets}
    deadline = time.monotonic() + seconds
    async with client() as http:
        for _ in range(pairs):
            if time.monotonic() > deadline:
                break
            for target in targets:
                elapsed, ok = await reply(http, target, new_session("p1"))
                if ok:
                    samples[target.name].seconds.append(elapsed)
                else:
                    samples[target.name].failures += 1
    return samples


async def throughput(
    target: Target, sessions: int, max_replies: int, seconds: float
) -> dict[str, float]:
    """`sessions` concurrent conversations, each sending its next message on every answer.

    Stops after `max_replies` sent or `seconds`; good replies per second of wall time.
    """
    sent = 0
    good = 0
    failures = 0
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    async def conversation(http: aiohttp.ClientSession, session: str) -> None:
        """Send one message after the other until the shared budget is spent."""
        nonlocal sent, good, failures
        while sent < max_replies and time.monotonic() < deadline:
            sent += 1
            elapsed, ok = await reply(http, target, session)
            if ok:
                good += 1
                latencies.append(elapsed)
            else:
                failures += 1

    async with client(limit=sessions * 2, timeout=seconds + 30) as http:
        began = time.perf_counter()
        await asyncio.gather(*(conversation(http, new_session("p2")) for _ in range(sessions)))
        wall = time.perf_counter() - began
    latencies.sort()
    return {
        "replies_per_s": good / wall,
        "replies": good,
        "failures": failures,
        "wall_s": wall,
        "latency_median_s": latencies[len(latencies) // 2] if latencies else float("nan"),
        "latency_p95_s": percentile(latencies, 0.95),
        "latency_p99_s": percentile(latencies, 0.99),
    }


async def long_sessions(
    targets: list[Target], sessions: int, turns: int, seconds: float
) -> dict[str, list[list[float]]]:
    """Per target and session, the latency of every turn; turns interleaved A/B/A/B.

    A failed reply is recorded as NaN so that turn numbers stay aligned.
    """
    result: dict[str, list[list[float]]] = {t.name: [] for t in targets}
    deadline = time.monotonic() + seconds
    async with client() as http:
        for _ in range(sessions):
            if time.monotonic() > deadline:
                break
            ids = {t.name: new_session("p3") for t in targets}
            runs: dict[str, list[float]] = {t.name: [] for t in targets}
            for _ in range(turns):
                if time.monotonic() > deadline:
                    break
                for target in targets:
                    elapsed, ok = await reply(http, target, ids[target.name])
                    runs[target.name].append(elapsed if ok else float("nan"))
            if all(len(r) == turns for r in runs.values()):
                for name, run in runs.items():
                    result[name].append(run)
    return result
