"""Faults on a stack under `make run`'s own supervisor (`python -m bot.stack`): the action
server, Rasa and the gateway are killed in turn; every message meanwhile gets an answer or
the localized "unavailable" reply with the emergency numbers, and normal answers come back
with no manual step. A long catalog write does not stop answers either. (How fast the first
reply after a restart is gets measured in bench/first_reply.py, not asserted here.)"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from bot.stack import ROOT
from tests.stack import MODEL_STAMP, Stack, local_stack_settings, wait_healthy

CLIENT_TIMEOUT = 30.0  # what the widget waits; every reply while a part is down comes sooner
RECOVERY = 240.0  # generous: Rasa loads its model again on a busy 2-core machine
STARTED = re.compile(r"started (\w+) \(pid (\d+)\)")


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL_STAMP.exists():
        pytest.fail("no trained model: run `make model` (make test does)")
    logs = tmp_path_factory.mktemp("faults")
    settings, env = local_stack_settings(logs)
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "init"], env=env, check=True, capture_output=True
    )
    with (logs / "stack.log").open("ab") as log:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "bot.stack"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    stack = Stack(f"http://127.0.0.1:{settings.port}", settings, {"stack": supervisor}, env, logs)
    try:
        wait_healthy(stack.url, stack.processes)
        yield stack
    finally:
        supervisor.terminate()
        try:
            supervisor.wait(60)
        except subprocess.TimeoutExpired:
            supervisor.kill()


def child_pid(stack: Stack, name: str) -> int:
    """The pid the supervisor last started `name` with (from its log)."""
    text = (stack.logs / "stack.log").read_text(encoding="utf-8", errors="replace")
    pids = [int(pid) for child, pid in STARTED.findall(text) if child == name]
    assert pids, f"the supervisor never started {name}"
    return pids[-1]


def kill(stack: Stack, name: str) -> int:
    """SIGKILL a child of the supervised stack; its pid."""
    pid = child_pid(stack, name)
    os.kill(pid, signal.SIGKILL)
    return pid


def chat(stack: Stack, session: str, text: str) -> requests.Response:
    return requests.post(
        f"{stack.url}/api/chat", json={"session": session, "text": text}, timeout=CLIENT_TIMEOUT
    )


def assert_localized_unavailable(response: requests.Response, lang: str) -> None:
    assert response.status_code == 503
    message = response.json()["messages"][0]
    assert message["lang"] == lang
    assert "110" in message["text"] and "112" in message["text"]


def until_answered(stack: Stack, session: str, text: str, lang: str) -> dict[str, object]:
    """Send `text` every second until a normal answer comes; every reply meanwhile must be
    the localized 503. The first normal answer."""
    deadline = time.monotonic() + RECOVERY
    while time.monotonic() < deadline:
        reply = chat(stack, session, text)
        if reply.status_code == 200:
            message: dict[str, object] = reply.json()["messages"][0]
            return message
        assert_localized_unavailable(reply, lang)
        time.sleep(1)
    raise AssertionError(f"no normal answer within {RECOVERY:.0f} s")


def test_long_catalog_write_does_not_stop_answers(supervised: Stack) -> None:
    database = supervised.env["CATALOG_DATABASE_URL"].removeprefix("sqlite:///")
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
        reply = chat(supervised, "f-write", "Ich suche einen Deutschkurs in Rochlitz")
        assert reply.status_code == 200
        assert reply.json()["messages"][0]["offers"]
    finally:
        release.set()
        writer.join()


def test_action_server_killed_is_restarted_by_the_supervisor(supervised: Stack) -> None:
    first = chat(supervised, "f-actions", "أبحث عن دورة لغة ألمانية في دوبلن")
    assert first.status_code == 200 and first.json()["messages"][0]["lang"] == "ar"
    old = kill(supervised, "actions")
    assert_localized_unavailable(chat(supervised, "f-actions", "أحتاج طبيب في فرايبرغ"), "ar")
    health = requests.get(f"{supervised.url}/healthz", timeout=10)
    assert health.status_code == 503 and health.json()["down"] == ["actions"]
    assert health.json()["status"] == "degraded"
    back = until_answered(supervised, "f-actions", "أحتاج طبيب في فرايبرغ", "ar")
    assert back["lang"] == "ar" and back["offers"]
    assert child_pid(supervised, "actions") != old


def test_rasa_killed_is_restarted_and_keeps_the_conversation(supervised: Stack) -> None:
    first = chat(supervised, "f-rasa", "Ich suche einen Deutschkurs in Freiberg").json()
    offer = first["messages"][0]["offers"][0]
    old = kill(supervised, "rasa")
    assert_localized_unavailable(chat(supervised, "f-rasa", "wo genau ist das?"), "de")
    until_answered(supervised, "f-rasa-poll", "Ich suche einen Deutschkurs in Freiberg", "de")
    assert child_pid(supervised, "rasa") != old
    # "where exactly?" needs the offers shown before the crash (slots in the tracker store)
    after = chat(supervised, "f-rasa", "wo genau ist das?")
    assert after.status_code == 200
    assert offer["name"] in after.json()["messages"][0]["text"]


def test_gateway_killed_is_restarted_and_answers_again(supervised: Stack) -> None:
    old = kill(supervised, "gateway")
    wait_healthy(supervised.url, supervised.processes, seconds=RECOVERY)
    assert child_pid(supervised, "gateway") != old
    reply = chat(supervised, "f-gateway", "Ich suche einen Deutschkurs in Döbeln")
    assert reply.status_code == 200 and reply.json()["messages"][0]["offers"]
