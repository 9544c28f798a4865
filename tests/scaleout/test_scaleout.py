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
