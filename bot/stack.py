"""The whole stack as one foreground process: Rasa server, action server, gateway.

`python -m bot.stack` (what `make run` calls) starts the three children on loopback with
asyncio subprocess management and supervises them until SIGINT/SIGTERM stops them all: a
child that exits is named in the log and restarted with exponential backoff, while the others
keep serving (the gateway answers 503 with the localized "unavailable" reply and the emergency
numbers for what needs the missing part); a child that keeps crashing is given up, loudly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings, connect_host

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Child:
    """One process of the stack."""

    name: str
    argv: list[str]


def write_endpoints(settings: Settings, path: Path) -> Path:
    """endpoints.yml for this run: action server URL, in-process NLG, SQL tracker store."""
    tracker_db = Path(settings.tracker_db).resolve()
    tracker_db.parent.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "action_endpoint:\n"
        f'  url: "{settings.action_url}/webhook"\n'
        "nlg:\n"
        "  type: bot.nlg.GettextNLG\n"
        "tracker_store:\n"
        "  type: bot.rasa_speedups.SQLiteTrackerStore\n"
        "  dialect: sqlite\n"
        f'  db: "{tracker_db}"\n',
        encoding="utf-8",
    )
    return path


def children(settings: Settings, model: str, endpoints: Path, gateway: bool = True) -> list[Child]:
    """The commands of the stack's processes."""
    python = sys.executable
    result = [
        Child(
            "rasa",
            [
                python,
                "-m",
                "bot.rasa_server",  # `rasa run` with --auth-token from RASA_AUTH_TOKEN
                "run",
                "--enable-api",
                "--model",
                model,
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--interface",
                settings.rasa_host,
                "--port",
                str(settings.rasa_port),
            ],
        ),
        Child(
            "actions",
            [
                "env",  # rasa-sdk 3.6 binds SANIC_HOST, else every interface; it has no option
                f"SANIC_HOST={settings.action_host}",
                python,
                "-m",
                "actions.server",
                "--actions",
                "actions",
                "--port",
                str(settings.action_port),
            ],
        ),
    ]
    if gateway:
        result.append(Child("gateway", [python, "-m", "bot"]))
    return result


def with_rasa_processes(items: list[Child], settings: Settings, env: dict[str, str]) -> list[Child]:
    """RASA_PROCESSES > 1: more Rasa servers (same command, the next ports), and RASA_URLS
    for the gateway, which keeps each conversation with one of them (sticky routing by
    session; they share the tracker store). Uses more of a machine's cores for NLU."""
    if settings.rasa_processes <= 1:
        return items
    rasa = next(child for child in items if child.name == "rasa")
    port = rasa.argv.index("--port") + 1
    ports = [settings.rasa_port + number for number in range(settings.rasa_processes)]
    extra = [
        Child(f"rasa-{number + 1}", [*rasa.argv[:port], str(ports[number]), *rasa.argv[port + 1 :]])
        for number in range(1, len(ports))
    ]
    host = connect_host(settings.rasa_host)
    env.setdefault("RASA_URLS", ",".join(f"http://{host}:{each}" for each in ports))
    at = items.index(rasa) + 1
    return [*items[:at], *extra, *items[at:]]


@dataclass(frozen=True)
class RestartPolicy:
    """How a crashed child is restarted: exponential backoff, and a limit on crash loops."""

    first_delay: float = 0.5  # seconds before the first restart; doubled per recent crash
    max_delay: float = 30.0
    max_crashes: int = 5  # this many crashes within `window` seconds: the child is given up
    window: float = 60.0

    def delay(self, recent_crashes: int) -> float:
        """Seconds to wait before restarting after the `recent_crashes`-th crash in a row."""
        return float(min(self.max_delay, self.first_delay * 2 ** max(0, recent_crashes - 1)))


async def supervise(
    child: Child,
    env: dict[str, str],
    policy: RestartPolicy,
    stop: asyncio.Event,
    processes: dict[str, asyncio.subprocess.Process],
) -> bool:
    """Run one child until `stop`, restarting it after every crash with backoff; False when
    it crashed `policy.max_crashes` times within `policy.window` seconds and was given up."""
    crashes: list[float] = []
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        process = await asyncio.create_subprocess_exec(*child.argv, cwd=ROOT, env=env)
        processes[child.name] = process
        if stop.is_set():  # stopped while it was starting: stop_all may have missed it
            process.terminate()
            await process.wait()
            break
        log.info("started %s (pid %s)", child.name, process.pid)
        code = await process.wait()
        if stop.is_set():
            break
        now = loop.time()
        crashes = [t for t in crashes if now - t < policy.window] + [now]
        if len(crashes) >= policy.max_crashes:
            log.error(
                "%s crashed %d times within %.0f s (last exit code %s): giving up on it; "
                "the rest of the stack keeps serving (the gateway answers 503 for what "
                "needs it and /healthz names it)",
                child.name,
                len(crashes),
                policy.window,
                code,
            )
            return False
        delay = policy.delay(len(crashes))
        log.error("%s exited with code %s: restarting it in %.1f s", child.name, code, delay)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
    return True


async def run_children(
    items: Sequence[Child], env: dict[str, str], policy: RestartPolicy | None = None
) -> int:
    """Start every child and keep it running (restarts with backoff, see RestartPolicy)
    until SIGINT/SIGTERM stops them all. Returns 1 when every child was given up."""
    policy = policy or RestartPolicy()
    processes: dict[str, asyncio.subprocess.Process] = {}
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watchers = [
        asyncio.ensure_future(supervise(child, env, policy, stop, processes)) for child in items
    ]
    stopper = asyncio.ensure_future(stop.wait())
    pending = set(watchers)
    try:
        while pending and not stop.is_set():
            _, pending = await asyncio.wait(
                [*pending, stopper], return_when=asyncio.FIRST_COMPLETED
            )
            pending.discard(stopper)
    finally:
        stop.set()
        await stop_all(processes)
        await asyncio.gather(*watchers, return_exceptions=True)
        stopper.cancel()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    given_up = [
        child.name
        for child, watcher in zip(items, watchers, strict=True)
        if watcher.exception() is not None or not watcher.result()
    ]
    if given_up and len(given_up) == len(items):
        log.error("every child was given up (%s): stopping", ", ".join(given_up))
        return 1
    return 0


async def stop_all(processes: dict[str, asyncio.subprocess.Process], timeout: float = 10.0) -> None:
    """SIGTERM every running child, then SIGKILL what is still there after `timeout`."""
    for process in processes.values():
        if process.returncode is None:
            process.terminate()
    for name, process in processes.items():
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except asyncio.TimeoutError:
            log.warning("%s did not stop in %.0f s: killing it", name, timeout)
            process.kill()
            await process.wait()


def local_admin_secret(path: Path) -> str:
    """A random admin secret kept in var/ for a local run (production sets ADMIN_SECRET_KEY)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def main() -> int:
    """Entry point of `make run`."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings.from_env()
    model = settings.model or (ROOT / "models" / ".latest").read_text(encoding="utf-8").strip()
    # beside the tracker database: var/ for `make run`, a stack's own directory in the tests
    endpoints = write_endpoints(
        settings, Path(settings.tracker_db).resolve().parent / "endpoints.yml"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("ADMIN_SECRET_KEY", local_admin_secret(ROOT / "var" / "admin-secret"))
    env.setdefault("RASA_AUTH_TOKEN", secrets.token_urlsafe(32))  # a new one every run
    items = with_rasa_processes(children(settings, model, endpoints), settings, env)
    return asyncio.run(run_children(items, env))


if __name__ == "__main__":
    raise SystemExit(main())
