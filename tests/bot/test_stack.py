"""The process supervisor: a crashed child comes back, a crash loop is given up while the
others keep running, a signal stops everything."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.stack import Child, RestartPolicy, children, run_children, with_rasa_processes

FAST = RestartPolicy(first_delay=0.05, max_delay=0.2, max_crashes=3, window=30.0)


def _stop_once(
    reached: Callable[[], bool], settle: float, deadline: float = 20.0
) -> asyncio.Task[None]:
    """SIGTERM to this process (the supervisor's signal) once `reached()` is true and `settle`
    seconds more have passed, in which a wrong restart would show; at `deadline` in any case,
    so a supervisor that never gets there fails the test's assertions instead of hanging."""

    async def stop() -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + deadline
        while not reached() and loop.time() < end:
            await asyncio.sleep(0.02)
        await asyncio.sleep(settle)
        os.kill(os.getpid(), signal.SIGTERM)

    return asyncio.ensure_future(stop())


def _starts(path: Path) -> int:
    return len(path.read_text(encoding="utf-8")) if path.exists() else 0


def _counting_crasher(path: Path, lives: int) -> list[str]:
    """A child that notes each start in `path` and crashes until it has started `lives` times."""
    code = (
        "import pathlib, sys, time\n"
        f"p = pathlib.Path({str(path)!r})\n"
        "p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
        f"if len(p.read_text()) < {lives}: sys.exit(3)\n"
        "time.sleep(60)\n"
    )
    return [sys.executable, "-c", code]


async def test_a_crashed_child_is_restarted_and_the_others_keep_running(tmp_path: Path) -> None:
    starts, sleeper_starts = tmp_path / "crasher", tmp_path / "sleeper"
    children = [
        Child("sleeper", _counting_crasher(sleeper_starts, 1)),
        Child("crasher", _counting_crasher(starts, 2)),  # crashes once, then stays up
    ]
    stopper = _stop_once(lambda: _starts(starts) == 2 and _starts(sleeper_starts) == 1, 0.5)
    code = await asyncio.wait_for(run_children(children, dict(os.environ), FAST), timeout=30)
    stopper.cancel()  # done already, unless run_children ended without the signal
    assert code == 0
    assert _starts(starts) == 2
    assert _starts(sleeper_starts) == 1


async def test_a_crash_loop_is_given_up_and_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    starts, sleeper_starts = tmp_path / "crasher", tmp_path / "sleeper"
    children = [
        Child("sleeper", _counting_crasher(sleeper_starts, 1)),
        Child("crasher", [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x'); exit(3)"]),
    ]
    given_up = "crasher crashed 3 times"
    # after giving up, wait 3 longest backoffs: a fourth start would show by then
    stopper = _stop_once(
        lambda: any(given_up in r.getMessage() for r in caplog.records), 3 * FAST.max_delay
    )
    with caplog.at_level(logging.ERROR, logger="bot.stack"):
        code = await asyncio.wait_for(run_children(children, dict(os.environ), FAST), timeout=30)
    stopper.cancel()  # done already, unless run_children ended without the signal
    assert code == 0  # the sleeper kept serving until the signal
    assert _starts(starts) == FAST.max_crashes
    assert _starts(sleeper_starts) == 1
    assert any(given_up in r.getMessage() for r in caplog.records)


async def test_every_child_given_up_ends_the_stack() -> None:
    children = [Child("crasher", [sys.executable, "-c", "raise SystemExit(3)"])]
    code = await asyncio.wait_for(run_children(children, dict(os.environ), FAST), timeout=30)
    assert code == 1


def test_backoff_doubles_up_to_the_limit() -> None:
    policy = RestartPolicy(first_delay=0.5, max_delay=4.0)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]


async def test_sigterm_stops_everything_cleanly(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    children = [Child("a", _counting_crasher(a, 1)), Child("b", _counting_crasher(b, 1))]
    stopper = _stop_once(lambda: _starts(a) == 1 and _starts(b) == 1, 0.1)  # both running
    code = await asyncio.wait_for(run_children(children, dict(os.environ)), timeout=30)
    stopper.cancel()  # done already, unless run_children ended without the signal
    assert code == 0


def test_more_rasa_processes_get_the_next_ports_and_the_gateway_all_of_them() -> None:
    settings = Settings(rasa_port=7005, rasa_processes=2)
    env: dict[str, str] = {}
    items = with_rasa_processes(children(settings, "model.tar.gz", Path("e.yml")), settings, env)
    rasas = [child for child in items if child.name.startswith("rasa")]
    assert [child.name for child in rasas] == ["rasa", "rasa-2"]
    assert [child.argv[child.argv.index("--port") + 1] for child in rasas] == ["7005", "7006"]
    assert env["RASA_URLS"] == "http://127.0.0.1:7005,http://127.0.0.1:7006"
    assert Settings.from_env(env).rasa_url == ["http://127.0.0.1:7005", "http://127.0.0.1:7006"]
    one = Settings()
    assert with_rasa_processes(children(one, "m", Path("e")), one, {}) == children(
        one, "m", Path("e")
    )
