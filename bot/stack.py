"""The whole stack as one foreground process: Rasa server, action server, gateway.

`python -m bot.stack` (what `make run` calls) starts the three children on loopback with
asyncio subprocess management, waits for SIGINT/SIGTERM and stops them all; when one
child dies, it says which one and stops the others, so there is never a half-alive stack.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings

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
        f'  url: "http://127.0.0.1:{settings.action_port}/webhook"\n'
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
                "rasa",
                "run",
                "--enable-api",
                "--model",
                model,
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--interface",
                "127.0.0.1",
                "--port",
                str(settings.rasa_port),
            ],
        ),
        Child(
            "actions",
            [
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


async def run_children(items: Sequence[Child], env: dict[str, str]) -> int:
    """Start every child; stop all when a signal comes or one of them exits."""
    processes: dict[str, asyncio.subprocess.Process] = {}
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    for child in items:
        processes[child.name] = await asyncio.create_subprocess_exec(*child.argv, cwd=ROOT, env=env)
        log.info("started %s (pid %s)", child.name, processes[child.name].pid)
    waits = {asyncio.ensure_future(p.wait()): name for name, p in processes.items()}
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait([*waits, stopper], return_when=asyncio.FIRST_COMPLETED)
    exit_code = 0
    for future in done:
        if future in waits:
            name = waits[future]
            log.error("%s exited with code %s: stopping the stack", name, future.result())
            exit_code = 1
    await stop_all(processes)
    return exit_code


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
    endpoints = write_endpoints(settings, ROOT / "var" / "endpoints.yml")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("ADMIN_SECRET_KEY", local_admin_secret(ROOT / "var" / "admin-secret"))
    return asyncio.run(run_children(children(settings, model, endpoints), env))


if __name__ == "__main__":
    raise SystemExit(main())
