"""Scale-out on Rasa's own engines: two Rasa servers share a PostgreSQL tracker store and a
Redis lock store; the gateway alternates one session's messages between them; the catalog
runs on the same PostgreSQL through the same SQLAlchemy code. Run with `make scaleout`
(it installs PostgreSQL and Redis with apt when they are missing)."""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import requests

from bot.sessions import WebSessions
from bot.settings import Settings
from bot.stack import ROOT, children
from tests.stack import MODEL_STAMP, Stack, free_port, stop, wait_healthy

pytestmark = pytest.mark.scaleout
SESSIONS = 50


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail("PostgreSQL is missing: run `make scaleout`, which installs it")
    return found[-1]


@pytest.fixture(scope="module")
def postgres() -> Iterator[int]:
    data = Path(tempfile.mkdtemp(prefix="wegweiser-pg-"))
    shutil.chown(data, "postgres", "postgres")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [
            *as_postgres,
            _postgres_bin("initdb"),
            "-D",
            str(data / "db"),
            "-A",
            "trust",
            "-U",
            "wegweiser",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            *as_postgres,
            _postgres_bin("postgres"),
            "-D",
            str(data / "db"),
            "-p",
            str(port),
            "-k",
            str(data),
            "-c",
            "listen_addresses=127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import psycopg2

        deadline = time.monotonic() + 60
        while True:
            try:
                connection = psycopg2.connect(
                    host="127.0.0.1", port=port, user="wegweiser", dbname="postgres"
                )
                break
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("CREATE DATABASE tracker")
            cursor.execute("CREATE DATABASE catalog")
        connection.close()
        yield port
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def redis() -> Iterator[int]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("Redis is missing: run `make scaleout`, which installs it")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(1)
    yield port
    server.terminate()
    server.wait(30)


@pytest.fixture(scope="module")
def scaled(postgres: int, redis: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    logs = tmp_path_factory.mktemp("scaleout")
    ports = [free_port(), free_port()]
    settings = Settings(
        port=free_port(),
        rasa_port=ports[0],
        action_port=free_port(),
        tracker_url=f"postgresql://wegweiser@127.0.0.1:{postgres}/tracker",
    )
    endpoints = logs / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{settings.action_port}/webhook"\n'
        "nlg:\n  type: bot.nlg.GettextNLG\n"
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n"
        f"  url: 127.0.0.1\n  port: {postgres}\n"
        "  db: tracker\n  username: wegweiser\n  password: ''\n"
        f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {redis}\n  db: 1\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "BOT_PORT": str(settings.port),
        "ACTION_SERVER_PORT": str(settings.action_port),
        "RASA_URLS": ",".join(f"http://127.0.0.1:{port}" for port in ports),
        "CATALOG_DATABASE_URL": f"postgresql://wegweiser@127.0.0.1:{postgres}/catalog",
        "CHAT_SESSION_PER_MINUTE": "1000",
        "CHAT_CLIENT_PER_MINUTE": "100000",
        "ADMIN_SECRET_KEY": "scaleout",
        "RASA_AUTH_TOKEN": "scaleout-rasa-token",
        "RASA_TRACKER_URL": f"postgresql://wegweiser@127.0.0.1:{postgres}/tracker",
    }
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "init"], env=env, check=True, capture_output=True
    )
    model = MODEL_STAMP.read_text(encoding="utf-8").strip()
    base = children(settings, model, endpoints)
    argvs = {child.name: child.argv for child in base}
    second = [*argvs["rasa"]]
    second[second.index("--port") + 1] = str(ports[1])
    argvs["rasa-2"] = second
    processes = {
        name: subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=(logs / f"{name}.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        for name, argv in argvs.items()
    }
    stack = Stack(f"http://127.0.0.1:{settings.port}", settings, processes, env, logs)
    try:
        wait_healthy(stack.url, processes, seconds=300)
        yield stack
    finally:
        stop(processes)


async def _conversation(client: aiohttp.ClientSession, url: str, index: int) -> list[dict]:
    session = f"scale-{index}"
    turns = ["Ich suche einen Deutschkurs", "Döbeln", "wo genau ist das?"]
    replies = []
    for text in turns:
        async with client.post(
            f"{url}/api/chat", json={"session": session, "text": text}
        ) as response:
            assert response.status == 200, (session, text, response.status)
            replies.append(await response.json())
    return replies


def test_fifty_sessions_alternate_between_two_rasa_instances(scaled: Stack) -> None:
    async def run_all() -> list[list[dict]]:
        timeout = aiohttp.ClientTimeout(total=120)
        async with aiohttp.ClientSession(timeout=timeout) as client:
            return await asyncio.gather(
                *(_conversation(client, scaled.url, i) for i in range(SESSIONS))
            )

    conversations = asyncio.run(run_all())
    assert len(conversations) == SESSIONS  # no lost reply: every turn of every session answered
    for ask, offers, where in conversations:
        assert ask["messages"] and offers["messages"] and where["messages"]
        shown = offers["messages"][0]["offers"]
        assert shown and shown[0]["town"] == "Döbeln"  # the need from turn 1 was remembered
        assert shown[0]["name"] in where["messages"][0]["text"]  # and the offers from turn 2


def _tracker_events(postgres: int, sender: str | None = None) -> tuple[int, int]:
    """(conversations, events) in the PostgreSQL tracker store, or of one conversation."""
    import psycopg2

    connection = psycopg2.connect(
        host="127.0.0.1", port=postgres, user="wegweiser", dbname="tracker"
    )
    try:
        with connection.cursor() as cursor:
            where, args = ("WHERE sender_id = %s", (sender,)) if sender else ("", ())
            cursor.execute(f"SELECT COUNT(DISTINCT sender_id), COUNT(*) FROM events {where}", args)
            conversations, events = cursor.fetchone()
    finally:
        connection.close()
    return int(conversations), int(events)


def test_forgetting_deletes_on_postgresql(scaled: Stack, postgres: int) -> None:
    def first_contact(text: str) -> str:
        reply = requests.post(f"{scaled.url}/api/chat", json={"text": text}, timeout=120)
        assert reply.status_code == 200
        return str(reply.json()["session"])

    keep, forget = first_contact("Ich suche einen Deutschkurs in Döbeln"), first_contact("Hallo")
    sessions = WebSessions(Settings.from_env(scaled.env).session_secret())
    kept_before = _tracker_events(postgres, sessions.conversation(keep))[1]
    stored = _tracker_events(postgres, sessions.conversation(forget))[1]
    assert kept_before > 0 and stored > 0
    deleted = requests.delete(f"{scaled.url}/api/chat/{forget}", timeout=30)
    assert deleted.status_code == 200 and deleted.json() == {"deleted": True, "events": stored}
    assert _tracker_events(postgres, sessions.conversation(forget)) == (0, 0)
    assert _tracker_events(postgres, sessions.conversation(keep))[1] == kept_before
    again = requests.delete(f"{scaled.url}/api/chat/{forget}", timeout=30)
    assert again.json() == {"deleted": False, "events": 0}


def test_retention_job_deletes_on_postgresql(scaled: Stack, postgres: int) -> None:
    """Runs last: with --days 0 every conversation is past its retention period."""
    conversations, events = _tracker_events(postgres)
    assert conversations >= SESSIONS and events > 0
    result = subprocess.run(
        [sys.executable, "-m", "bot.privacy", "expire", "--days", "0"],
        env=scaled.env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"deleted {conversations} conversation(s), {events} event(s)" in result.stdout
    assert "postgresql://wegweiser@127.0.0.1" in result.stdout  # where (no password to hide)
    assert _tracker_events(postgres) == (0, 0)
