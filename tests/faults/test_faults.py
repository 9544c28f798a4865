"""Faults on a stack of its own: the action server dies and comes back, Rasa restarts,
the catalog is held by a long write. Nobody is left without a reply."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.stack import ROOT, children, write_endpoints
from tests.stack import MODEL_STAMP, Stack, local_stack_settings, stop, wait_healthy


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    logs = tmp_path_factory.mktemp("faults")
    settings, env = local_stack_settings(logs)
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "init"], env=env, check=True, capture_output=True
    )
    endpoints = write_endpoints(settings, logs / "endpoints.yml")
    model = MODEL_STAMP.read_text(encoding="utf-8").strip()
    processes = {
        child.name: _spawn(child.argv, env, logs / f"{child.name}.log")
        for child in children(settings, model, endpoints)
    }
    stack = Stack(f"http://127.0.0.1:{settings.port}", settings, processes, env, logs)
    try:
        wait_healthy(stack.url, processes)
        yield stack
    finally:
        stop(stack.processes)


def _spawn(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def _restart(stack: Stack, name: str) -> None:
    process = stack.processes[name]
    process.terminate()
    process.wait(20)
    stack.processes[name] = _spawn(list(process.args), stack.env, stack.logs / f"{name}.log")  # type: ignore[arg-type]


def _kill(stack: Stack, name: str) -> None:
    stack.processes[name].kill()
    stack.processes[name].wait(20)


def chat(stack: Stack, session: str, text: str, timeout: float = 30) -> requests.Response:
    return requests.post(
        f"{stack.url}/api/chat", json={"session": session, "text": text}, timeout=timeout
    )


def test_action_server_dies_and_comes_back(own_stack: Stack) -> None:
    assert chat(own_stack, "f-actions", "Ich suche einen Deutschkurs in Döbeln").json()["messages"][
        0
    ]["offers"]
    _kill(own_stack, "actions")
    down = chat(own_stack, "f-actions", "mehr bitte", timeout=2)  # a reply within 2 s
    assert down.status_code == 503
    message = down.json()["messages"][0]
    assert message["lang"] == "de" and "112" in message["text"]
    argv = next(c.argv for c in children(own_stack.settings, "", Path("x")) if c.name == "actions")
    own_stack.processes["actions"] = _spawn(argv, own_stack.env, own_stack.logs / "actions.log")
    wait_healthy(own_stack.url, own_stack.processes, seconds=60)
    back = chat(own_stack, "f-actions", "Ich brauche einen Arzt in Freiberg", timeout=5)
    assert back.status_code == 200 and back.json()["messages"][0]["offers"]


def test_rasa_restart_keeps_the_conversation(own_stack: Stack) -> None:
    first = chat(own_stack, "f-rasa", "Ich suche einen Deutschkurs in Freiberg").json()["messages"][
        0
    ]
    assert first["offers"]
    _restart(own_stack, "rasa")
    wait_healthy(own_stack.url, own_stack.processes, seconds=120)
    # "where exactly?" needs the offers shown before the restart (slots in the tracker store)
    after = chat(own_stack, "f-rasa", "wo genau ist das?").json()["messages"][0]
    assert after["lang"] == "de"
    assert first["offers"][0]["name"] in after["text"]


def test_long_catalog_write_does_not_stop_answers(own_stack: Stack) -> None:
    database = own_stack.env["CATALOG_DATABASE_URL"].removeprefix("sqlite:///")
    held = threading.Event()
    release = threading.Event()

    def long_write() -> None:
        connection = sqlite3.connect(database, timeout=30)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE offers SET updated_at = updated_at")
        held.set()
        release.wait(20)
        connection.rollback()
        connection.close()

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert held.wait(10)
        reply = chat(own_stack, "f-write", "Ich suche einen Deutschkurs in Rochlitz", timeout=15)
        assert reply.status_code == 200
        assert reply.json()["messages"][0]["offers"]
    finally:
        release.set()
        writer.join()
