"""Event-loop lag while the gateway and the action server do their slow chores.

Run: `.venv/bin/python bench/loop_lag.py [--json FILE]`. One event loop, as in the gateway
(and in the action server for the catalog check), with a ticker that wakes every 10 ms and
records how late it woke. Meanwhile, concurrently: staff log in to the real admin app (argon2),
open the offer list and the overview (every offer loaded and validated, 3,000 synthetic offers
on top of the seed catalog), conversations are forgotten while another writer holds the
tracker database for a second (SQLite busy wait), and the action server's per-turn catalog
check runs for 400 turns while a staff edit forces an index rebuild. Two rounds: as the code
runs them now (worker threads, cheap checks), and the same calls made directly on the loop
(how it was), for comparison. Goal: max lag < 50 ms now.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.privacy import delete_conversation  # noqa: E402
from services_catalog.accounts import Accounts  # noqa: E402
from services_catalog.admin.app import create_admin_app  # noqa: E402
from services_catalog.catalog import Catalog  # noqa: E402
from services_catalog.heap import freeze_startup_heap  # noqa: E402
from services_catalog.settings import CatalogSettings  # noqa: E402
from services_catalog.synthetic import synthetic_offers  # noqa: E402

TICK_S = 0.010
STAFF = 6  # staff sessions at once, each: login, offer list, overview
PASSWORD = "loop lag bench password"  # a throwaway account in a temporary database
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


async def ticker(stop: asyncio.Event, lags: list[float]) -> None:
    """Wake every TICK_S; record how late each wake-up was (ms)."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        planned = loop.time() + TICK_S
        await asyncio.sleep(TICK_S)
        lags.append(max(0.0, (loop.time() - planned) * 1000))


async def staff_session(base: str, username: str) -> None:
    """Log in (argon2), open the offer list and the overview."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"{base}/admin/login") as page:
            token = CSRF.search(await page.text())
        assert token, "no CSRF token on the login page"
        form = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
        async with http.post(f"{base}/admin/login", data=form) as done:
            assert done.status == 200, done.status
        for path in ("/admin/offers", "/admin/"):
            async with http.get(f"{base}{path}") as page:
                assert page.status == 200, (path, page.status)


def hold_tracker(path: Path, seconds: float) -> threading.Thread:
    """Another writer holding the tracker database (what a burst of turns does)."""

    def hold() -> None:
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("BEGIN IMMEDIATE")
        time.sleep(seconds)
        connection.rollback()
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    return thread


async def forgetting(tracker: Path, inline: bool) -> None:
    """Forget ten conversations while the tracker database is held for a second."""
    holder = hold_tracker(tracker, 1.0)
    await asyncio.sleep(0.05)
    for number in range(10):
        if inline:
            delete_conversation(str(tracker), f"web-{number}")
        else:
            await asyncio.to_thread(delete_conversation, str(tracker), f"web-{number}")
    holder.join()


async def action_turns(catalog: Catalog, url: str, inline: bool) -> None:
    """400 turns of the action server's catalog check; a staff edit halfway through."""
    for turn in range(400):
        if turn == 200:  # a staff edit, from elsewhere (the admin, another process)
            await asyncio.to_thread(_edit_one_offer, url.removeprefix("sqlite:///"))
        if inline:
            catalog.refresh()
        else:
            await catalog.refreshed()
        await asyncio.sleep(0)


def _edit_one_offer(path: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE offers SET version = version + 1 WHERE rowid = 1")


async def staff(base: str) -> None:
    """STAFF staff sessions at once, from a browser elsewhere: a process of its own, so that
    reading the big pages is not counted as the server loop's lag."""
    client = await asyncio.create_subprocess_exec(sys.executable, __file__, "--staff", base)
    if await client.wait() != 0:
        raise RuntimeError("the staff sessions failed")


async def staff_sessions(base: str) -> None:
    """The staff client process: every staff member logs in and opens the big pages."""
    await asyncio.gather(*(staff_session(base, f"staff{n}") for n in range(STAFF)))


async def measure(chores: list[Awaitable[None]]) -> dict[str, float]:
    """Run the chores concurrently beside the ticker; lag figures in ms."""
    stop = asyncio.Event()
    lags: list[float] = []
    tick = asyncio.ensure_future(ticker(stop, lags))
    started = time.perf_counter()
    await asyncio.gather(*chores)
    elapsed = time.perf_counter() - started
    stop.set()
    await tick
    lags.sort()
    return {
        "max_ms": round(lags[-1], 1),
        "p99_ms": round(lags[int(len(lags) * 0.99) - 1], 1),
        "median_ms": round(statistics.median(lags), 1),
        "seconds": round(elapsed, 1),
    }


async def run(workdir: Path) -> dict[str, Any]:
    url = f"sqlite:///{workdir / 'catalog.sqlite3'}"
    catalog = Catalog.open(CatalogSettings(database_url=url))
    catalog.store.upsert_many(synthetic_offers(3000, catalog.gazetteer))
    catalog.refresh()
    accounts = Accounts(catalog.store.engine)
    for number in range(STAFF):
        accounts.create(f"staff{number}", PASSWORD, "editor")
    tracker = workdir / "tracker.sqlite3"
    with sqlite3.connect(tracker) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL)"
        )
    admin = create_admin_app(Catalog.open(CatalogSettings(database_url=url)), "bench-secret")
    freeze_startup_heap()  # as the gateway and the action server do once started
    results: dict[str, Any] = {}
    async with TestServer(_mounted(admin)) as server:
        base = str(server.make_url("")).rstrip("/")
        for mode, inline in (("now", False), ("on_the_loop", True)):
            chores: list[Awaitable[None]] = [
                forgetting(tracker, inline),
                action_turns(catalog, url, inline),
            ]
            if not inline:  # the admin as it is now, over HTTP
                chores.append(staff(base))
            else:  # the same work called directly on the loop, as the views used to
                chores.append(_inline_admin(catalog, accounts))
            results[mode] = await measure(chores)
    return results


async def _inline_admin(catalog: Catalog, accounts: Accounts) -> None:
    for number in range(STAFF):
        accounts.authenticate(f"staff{number}", PASSWORD)
        catalog.store.offers(status=None)
        catalog.store.offers(status=None)
        await asyncio.sleep(0)


def _mounted(admin: aiohttp.web.Application) -> aiohttp.web.Application:
    app = aiohttp.web.Application()
    app.add_subapp("/admin", admin)
    return app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--staff", metavar="URL", help=argparse.SUPPRESS)  # the client process
    args = parser.parse_args()
    if args.staff:
        asyncio.run(staff_sessions(args.staff))
        return 0
    with tempfile.TemporaryDirectory(prefix="wegweiser-loop-lag-") as tmp:
        results = asyncio.run(run(Path(tmp)))
    print(f"{'':<14}{'max lag':>10}{'p99':>9}{'median':>9}{'took':>8}")
    for mode, figures in results.items():
        print(
            f"{mode:<14}{figures['max_ms']:>7.1f} ms{figures['p99_ms']:>6.1f} ms"
            f"{figures['median_ms']:>6.1f} ms{figures['seconds']:>6.1f} s"
        )
    goal = results["now"]["max_ms"] < 50
    print(f"goal: max lag < 50 ms now: {'met' if goal else 'MISSED'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if goal else 1


if __name__ == "__main__":
    raise SystemExit(main())
