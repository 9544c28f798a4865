"""The full Wegweiser stack for the benchmarks: cached model, own temp dirs, free loopback ports.

Started the way tests/stack.py starts it (bot.stack's `children()` and `write_endpoints()`),
with a fresh catalog and tracker database and rate limits far above any benchmark load.
Also: peak resident memory of a process tree (VmHWM from /proc, no psutil).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.settings import Settings
from bot.stack import ROOT, children, with_rasa_processes, write_endpoints

TRAIN_SCRIPT = ROOT / "scripts" / "train_if_stale.py"
TRAIN_TIMEOUT_S = 1200.0


@dataclass(frozen=True)
class FullModel:
    """The full model: its path, and the training time when this run had to train it."""

    path: Path
    trained_now: bool
    train_s: float | None


@dataclass
class RunningStack:
    """A started stack: its gateway URL, processes (by name) and when they were started."""

    url: str
    settings: Settings
    processes: dict[str, subprocess.Popen[bytes]]
    started: float


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def full_model() -> FullModel:
    """Run scripts/train_if_stale.py; it trains only when no model matches the inputs."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(TRAIN_SCRIPT)],
        cwd=ROOT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True,
        text=True,
        timeout=TRAIN_TIMEOUT_S,
        check=False,
    )
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise RuntimeError("scripts/train_if_stale.py failed")
    trained = "trained in" in done.stderr
    return FullModel(
        Path(done.stdout.strip().splitlines()[-1]), trained, elapsed if trained else None
    )


def stack_env(settings: Settings, workdir: Path) -> dict[str, str]:
    """Environment of the stack's processes: these ports, this run's databases, no limits."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "BOT_PORT": str(settings.port),
        "RASA_PORT": str(settings.rasa_port),
        "ACTION_SERVER_PORT": str(settings.action_port),
        "RASA_TRACKER_DB": settings.tracker_db,
        "CATALOG_DATABASE_URL": f"sqlite:///{workdir / 'catalog.sqlite3'}",
        "CHAT_SESSION_PER_MINUTE": "1000000",
        "CHAT_CLIENT_PER_MINUTE": "1000000",
        "ADMIN_SECRET_KEY": secrets.token_hex(32),  # throwaway: the admin is not benchmarked
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(32),
    }


def prepare_stack(model: Path, workdir: Path) -> tuple[Settings, dict[str, str]]:
    """Settings on free loopback ports with everything under `workdir`, their environment,
    and this run's catalog, seeded."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        port=free_port(),
        rasa_port=free_port(),
        action_port=free_port(),
        model=str(model),
        tracker_db=str(workdir / "tracker.sqlite3"),
        rasa_processes=int(os.environ.get("RASA_PROCESSES") or 1),  # as `make run` reads it
    )
    env = {**stack_env(settings, workdir), "RASA_MODEL": str(model)}
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "init"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return settings, env


def start_stack(model: Path, workdir: Path) -> RunningStack:
    """Seed this run's catalog, then start Rasa, the action server and the gateway."""
    settings, env = prepare_stack(model, workdir)
    endpoints = write_endpoints(settings, workdir / "endpoints.yml")
    processes: dict[str, subprocess.Popen[bytes]] = {}
    started = time.monotonic()
    for child in with_rasa_processes(children(settings, str(model), endpoints), settings, env):
        with (workdir / f"{child.name}.log").open("ab") as log:
            processes[child.name] = subprocess.Popen(
                child.argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
    return RunningStack(f"http://127.0.0.1:{settings.port}", settings, processes, started)


def wait_healthy(stack: RunningStack, seconds: float = 300) -> float:
    """Poll /healthz every 0.2 s until 200; seconds from process start to that answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in stack.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            if requests.get(f"{stack.url}/healthz", timeout=2).status_code == 200:
                return time.monotonic() - stack.started
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"stack not healthy in {seconds:.0f} s")


def stop(processes: Mapping[str, subprocess.Popen[bytes]], timeout: float = 20) -> None:
    """SIGTERM every process still running, SIGKILL what has not exited after `timeout`."""
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes.values():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from the parent ids in /proc/<pid>/stat."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    found = [pid]
    for current in found:
        found.extend(child for child, parent in parents.items() if parent == current)
    return found


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of `pid` and its descendants, summed, in MiB."""
    total_kb = 0
    for each in descendants(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text(encoding="utf-8")
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024
