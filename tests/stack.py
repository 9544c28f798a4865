"""The real stack (Rasa, action server, gateway) on free loopback ports, once per test session."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from bot.settings import Settings
from bot.stack import ROOT, children, write_endpoints
from tests.fakes.offers import make_location, make_offer

MODEL_STAMP = ROOT / "models" / ".latest"
XSS_NAME = "<img src=x onerror=alert(1)> Beratung"
SCRIPT_NAME = "<script>alert('x')</script> Sprachcafé"
STAFF_PASSWORD = "correct horse battery"
RASA_TOKEN = "test-rasa-token-" + secrets.token_urlsafe(16)  # its absence from logs is tested
# A test-only offer (never in the seed data) whose name tries to inject HTML.
HOSTILE_OFFER = make_offer(
    id="test-hostile-name",
    category="anti_discrimination",
    name={"de": XSS_NAME, "en": XSS_NAME},
    locations=[make_location("mittweida", "Mittweida")],
)
SCRIPT_OFFER = make_offer(
    id="test-script-name",
    category="community",
    name={"de": SCRIPT_NAME, "en": SCRIPT_NAME},
    locations=[make_location("rosswein", "Roßwein")],
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    """A running stack and how to reach it."""

    url: str
    settings: Settings
    processes: dict[str, subprocess.Popen[bytes]]
    env: dict[str, str]
    logs: Path

    def chat(self, session: str, **body: Any) -> requests.Response:
        return requests.post(f"{self.url}/api/chat", json={"session": session, **body}, timeout=30)


def wait_healthy(
    url: str, processes: dict[str, subprocess.Popen[bytes]], seconds: float = 240
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise TimeoutError("stack not healthy in time")


def start(
    settings: Settings, env: dict[str, str], logs: Path
) -> dict[str, subprocess.Popen[bytes]]:
    model = MODEL_STAMP.read_text(encoding="utf-8").strip()
    endpoints = write_endpoints(settings, logs / "endpoints.yml")
    processes = {}
    for child in children(settings, model, endpoints):
        log = (logs / f"{child.name}.log").open("ab")
        processes[child.name] = subprocess.Popen(
            child.argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    return processes


def stop(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    for process in processes.values():
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def local_stack_settings(logs: Path) -> tuple[Settings, dict[str, str]]:
    """Settings on free loopback ports with everything stored under `logs`, and the
    environment that gives them to the stack's processes."""
    settings = Settings(
        port=free_port(),
        rasa_port=free_port(),
        action_port=free_port(),
        tracker_db=str(logs / "tracker.sqlite3"),
        rasa_token=RASA_TOKEN,
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "BOT_PORT": str(settings.port),
        "RASA_PORT": str(settings.rasa_port),
        "ACTION_SERVER_PORT": str(settings.action_port),
        "RASA_TRACKER_DB": settings.tracker_db,
        "CATALOG_DATABASE_URL": f"sqlite:///{logs / 'catalog.sqlite3'}",
        "CHAT_SESSION_PER_MINUTE": "1000",
        "CHAT_CLIENT_PER_MINUTE": "5000",
        "ADMIN_SECRET_KEY": "test-admin-secret",
        "RASA_AUTH_TOKEN": RASA_TOKEN,
    }
    return settings, env


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL_STAMP.exists():
        pytest.fail("no trained model: run `make model` (make test does)")
    logs = tmp_path_factory.mktemp("stack")
    settings, env = local_stack_settings(logs)
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "init"], env=env, check=True, capture_output=True
    )
    hostile = logs / "hostile.yaml"
    hostile.write_text(
        yaml.safe_dump({"offers": [HOSTILE_OFFER, SCRIPT_OFFER]}, allow_unicode=True),
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "import", str(hostile)],
        env=env,
        check=True,
        capture_output=True,
    )
    for username, role in (("ada", "admin"), ("eddie", "editor")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "services_catalog",
                "admin",
                "create-user",
                "--username",
                username,
                "--role",
                role,
            ],
            env=env,
            input=STAFF_PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
    processes = start(settings, env, logs)
    url = f"http://127.0.0.1:{settings.port}"
    try:
        wait_healthy(url, processes)
        yield Stack(url, settings, processes, env, logs)
    finally:
        stop(processes)
