"""The process runner: a signal stops every child; one child dying stops the rest."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.stack import Child, run_children

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


async def test_one_dead_child_stops_the_others() -> None:
    children = [
        Child("sleeper", SLEEPER),
        Child("crasher", [sys.executable, "-c", "raise SystemExit(3)"]),
    ]
    code = await asyncio.wait_for(run_children(children, dict(os.environ)), timeout=30)
    assert code == 1


async def test_sigterm_stops_everything_cleanly() -> None:
    children = [Child("a", SLEEPER), Child("b", SLEEPER)]
    loop = asyncio.get_running_loop()
    loop.call_later(1.0, os.kill, os.getpid(), signal.SIGTERM)
    code = await asyncio.wait_for(run_children(children, dict(os.environ)), timeout=30)
    assert code == 0
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(signum)
