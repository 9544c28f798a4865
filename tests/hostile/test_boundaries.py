"""Trust boundaries of the running stack (issue 13), attacked through the real gateway:
nobody reaches another person's conversation, an internal service, or a staff role they
no longer have. All traffic goes to loopback."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from aiohttp import web

from bot.stack import ROOT
from tests.fakes.bot_api import FakeBotApi
from tests.stack import RASA_TOKEN, STAFF_PASSWORD, Stack, free_port, stop, wait_healthy

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NEED = "Ich suche einen Deutschkurs in Döbeln"


def events(stack: Stack, sender: str) -> int:
    with sqlite3.connect(stack.settings.tracker_db) as connection:
        row = connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,))
        return int(row.fetchone()[0])


def senders(stack: Stack) -> set[str]:
    with sqlite3.connect(stack.settings.tracker_db) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def offer_names(reply: requests.Response) -> set[str]:
    return {o["name"] for m in reply.json()["messages"] for o in m.get("offers") or []}


def all_text(reply: requests.Response) -> str:
    return " ".join(m.get("text") or "" for m in reply.json()["messages"])


def first_contact(stack: Stack, text: str) -> tuple[str, requests.Response]:
    """A new web client: no session yet; the gateway issues one."""
    reply = requests.post(f"{stack.url}/api/chat", json={"text": text}, timeout=60)
    assert reply.status_code == 200, reply.text
    return reply.json()["session"], reply


def test_the_server_issues_unguessable_sessions_that_continue(stack: Stack) -> None:
    session, reply = first_contact(stack, NEED)
    other, _ = first_contact(stack, "Hallo")
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", session) and session != other
    assert offer_names(reply)
    where = stack.chat(session, text="wo genau ist das?")
    assert where.json()["session"] == session
    assert next(iter(offer_names(reply))) in all_text(where)  # the same conversation goes on
    # The raw id is nowhere in Rasa's store: conversations there are web-<HMAC> or tg-<chat>.
    stored = senders(stack)
    assert session not in stored and other not in stored
    assert all(s.startswith(("web-", "tg-")) for s in stored), stored


def test_a_web_client_cannot_reach_a_telegram_conversation(stack: Stack) -> None:
    chat = "tg-7300451"
    # The Telegram user's conversation, as the Telegram channel writes it: straight to Rasa.
    told = requests.post(
        f"http://127.0.0.1:{stack.settings.rasa_port}/webhooks/rest/webhook",
        json={"sender": chat, "message": NEED},
        timeout=60,
    )
    assert told.status_code == 200 and "Döbeln" in json.dumps(told.json(), ensure_ascii=False)
    before = events(stack, chat)
    assert before > 0
    attack = stack.chat(chat, text="wo genau ist das?")
    assert attack.status_code == 200
    assert "Döbeln" not in all_text(attack) and not offer_names(attack)  # nothing of theirs
    assert events(stack, chat) == before  # and the request never reached it
    deleted = requests.delete(f"{stack.url}/api/chat/{chat}", timeout=10)
    assert deleted.status_code == 200
    assert events(stack, chat) == before  # deleted only the attacker's own conversation


def test_a_web_client_cannot_reach_another_web_session(stack: Stack) -> None:
    before = senders(stack)
    victim, reply = first_contact(stack, NEED)
    shown = offer_names(reply)
    stored = senders(stack) - before  # the victim's conversation key, as if the store leaked
    assert len(stored) == 1
    near = victim[:-1] + ("A" if victim[-1] != "A" else "B")
    for guess in (near, victim.lower(), *stored):
        attack = stack.chat(guess[:64], text="wo genau ist das?")
        assert attack.status_code == 200
        assert not any(name in all_text(attack) for name in shown), guess
        assert requests.delete(f"{stack.url}/api/chat/{guess[:64]}", timeout=10).status_code == 200
    still = stack.chat(victim, text="wo genau ist das?")  # the victim's conversation is intact
    assert any(name in all_text(still) for name in shown)


def test_internal_services_listen_on_loopback_only(stack: Stack) -> None:
    for name in ("rasa", "actions"):
        listening = listening_addresses(stack.processes[name].pid)
        ports = {port for _, port in listening}
        wanted = stack.settings.rasa_port if name == "rasa" else stack.settings.action_port
        assert wanted in ports, (name, listening)
        assert all(host in ("127.0.0.1", "::1") for host, _ in listening), (name, listening)


def test_rasa_http_api_refuses_requests_without_the_token(stack: Stack) -> None:
    rasa = f"http://127.0.0.1:{stack.settings.rasa_port}"
    for path in ("/status", "/conversations/tg-7300451/tracker"):
        assert requests.get(rasa + path, timeout=10).status_code == 401, path
        wrong = requests.get(rasa + path, params={"token": "guess"}, timeout=10)
        assert wrong.status_code == 401, path
    assert requests.get(rasa + "/status", params={"token": RASA_TOKEN}, timeout=10).ok
    put = requests.put(rasa + "/conversations/tg-7300451/tracker/events", json=[], timeout=10)
    assert put.status_code == 401


def test_the_nlg_callback_is_not_on_the_public_gateway(stack: Stack) -> None:
    body: dict[str, Any] = {"response": "utter_greet", "arguments": {}, "tracker": {}}
    assert requests.post(f"{stack.url}/nlg", json=body, timeout=10).status_code in (404, 405)


def test_tokens_never_reach_the_logs(stack: Stack) -> None:
    requests.get(f"{stack.url}/healthz", timeout=10)  # the gateway asks Rasa with its token
    for log in Path(stack.logs).glob("*.log"):
        text = log.read_text(encoding="utf-8", errors="replace")
        assert RASA_TOKEN not in text, log.name
        assert stack.env["ADMIN_SECRET_KEY"] not in text, log.name


# --- staff ---------------------------------------------------------------------------------


def manage(stack: Stack, *argv: str, password: str = "") -> None:
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "admin", *argv],
        env=stack.env,
        input=password + "\n",
        text=True,
        check=True,
        capture_output=True,
    )


def staff_login(url: str, username: str, headers: dict[str, str] | None = None) -> requests.Session:
    browser = requests.Session()
    browser.headers.update(headers or {})
    page = browser.get(f"{url}/admin/login", timeout=10)
    token = _CSRF.search(page.text)
    assert token, page.text
    response = browser.post(
        f"{url}/admin/login",
        data={"username": username, "password": STAFF_PASSWORD, "csrf_token": token.group(1)},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, (username, response.status_code)
    return browser


def test_a_disabled_editors_cookie_is_rejected_on_the_next_request(stack: Stack) -> None:
    manage(stack, "create-user", "--username", "boundary-editor", password=STAFF_PASSWORD)
    editor = staff_login(stack.url, "boundary-editor")
    assert editor.get(f"{stack.url}/admin/offers", allow_redirects=False, timeout=10).ok
    manage(stack, "disable", "--username", "boundary-editor")
    after = editor.get(f"{stack.url}/admin/offers", allow_redirects=False, timeout=10)
    assert after.status_code == 302 and after.headers["Location"].endswith("/admin/login")
    post = editor.post(f"{stack.url}/admin/offers/new", data={}, allow_redirects=False, timeout=10)
    assert post.status_code == 401


def test_a_role_change_applies_on_the_next_request(stack: Stack) -> None:
    manage(stack, "create-user", "--username", "boundary-riser", password=STAFF_PASSWORD)
    member = staff_login(stack.url, "boundary-riser")
    users = f"{stack.url}/admin/users"
    assert member.get(users, allow_redirects=False, timeout=10).status_code == 403
    admin = staff_login(stack.url, "ada")
    token = _CSRF.search(admin.get(users, timeout=10).text)
    assert token
    promoted = admin.post(
        f"{users}/boundary-riser",
        data={"change": "role", "role": "admin", "csrf_token": token.group(1)},
        allow_redirects=False,
        timeout=10,
    )
    assert promoted.status_code == 302
    assert member.get(users, allow_redirects=False, timeout=10).status_code == 200
    manage(stack, "set-role", "--username", "boundary-riser", "--role", "editor")
    assert member.get(users, allow_redirects=False, timeout=10).status_code == 403


# --- behind a reverse proxy ----------------------------------------------------------------


@pytest.fixture(scope="module")
def proxied(stack: Stack) -> Iterator[str]:
    """A second real gateway on the same Rasa and action server, configured as it runs
    behind a reverse proxy on this machine, with small chat limits."""
    port = free_port()
    env = {
        **stack.env,
        "BOT_PORT": str(port),
        "TRUSTED_PROXIES": "127.0.0.1",
        "CHAT_CLIENT_PER_MINUTE": "3",
        "CHAT_SESSION_PER_MINUTE": "100",
    }
    log = (Path(stack.logs) / "proxied-gateway.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, {"proxied gateway": process}, seconds=120)
        yield url
    finally:
        stop({"proxied gateway": process})


def test_behind_a_proxy_one_client_at_the_chat_limit_does_not_limit_another(
    proxied: str,
) -> None:
    def chat(client: str) -> requests.Response:
        return requests.post(
            f"{proxied}/api/chat",
            json={"text": "Hallo"},
            headers={"X-Forwarded-For": f"198.51.100.77, {client}"},  # appended by the proxy
            timeout=60,
        )

    assert [chat("203.0.113.10").status_code for _ in range(3)] == [200, 200, 200]
    limited = chat("203.0.113.10")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert chat("203.0.113.11").status_code == 200  # another client behind the same proxy


def test_behind_a_proxy_failed_logins_lock_out_only_that_client(proxied: str) -> None:
    attacker = {"X-Forwarded-For": "203.0.113.66"}
    browser = requests.Session()
    browser.headers.update(attacker)
    for _ in range(5):
        token = _CSRF.search(browser.get(f"{proxied}/admin/login", timeout=10).text)
        assert token
        wrong = browser.post(
            f"{proxied}/admin/login",
            data={"username": "eddie", "password": "wrong guess", "csrf_token": token.group(1)},
            timeout=30,
        )
        assert wrong.status_code == 401
    token = _CSRF.search(browser.get(f"{proxied}/admin/login", timeout=10).text)
    assert token
    blocked = browser.post(
        f"{proxied}/admin/login",
        data={"username": "eddie", "password": STAFF_PASSWORD, "csrf_token": token.group(1)},
        timeout=30,
    )
    assert blocked.status_code == 429  # the attacker's address is locked out of that account
    # The member of staff, from their own address behind the same proxy, still gets in.
    staff_login(proxied, "eddie", headers={"X-Forwarded-For": "203.0.113.5"})


# --- helpers -------------------------------------------------------------------------------


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found.add(child)
                frontier.append(child)
    return found


def listening_addresses(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket a process (and its children) listens on (`ss`)."""
    pids = _descendants(pid)
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        owners = {int(p) for p in re.findall(r"pid=(\d+)", line)}
        if owners & pids:
            local = line.split()[3]
            host, _, port = local.rpartition(":")
            found.append((host.strip("[]").split("%")[0], int(port)))
    assert found, f"no listening socket found for pid {pid}"
    return found


def test_listening_addresses_sees_a_wildcard_bind() -> None:
    """The helper above would notice a server bound to every interface."""
    with socket.socket() as server:
        server.bind(("0.0.0.0", 0))  # listens a moment, receives nothing
        server.listen()
        port = server.getsockname()[1]
        assert ("0.0.0.0", port) in listening_addresses(os.getpid())


async def test_the_telegram_token_never_reaches_the_gateway_log(stack: Stack) -> None:
    """python-telegram-bot's HTTP client logs every request URL, and the Bot API carries the
    token in its URLs (…/bot<token>/getUpdates)."""
    fake = FakeBotApi()
    runner = web.AppRunner(fake.app())
    await runner.setup()
    api_port = free_port()
    await web.TCPSite(runner, "127.0.0.1", api_port).start()
    token = "4242:TOKEN-" + "x" * 24
    env = {
        **stack.env,
        "BOT_PORT": str(free_port()),
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{api_port}",
    }
    log_path = Path(stack.logs) / "telegram-gateway.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        for _ in range(600):  # until the bot has polled a few times (at most a minute)
            if len(fake.sent("getUpdates")) >= 3 or process.poll() is not None:
                break
            await asyncio.sleep(0.1)
        assert len(fake.sent("getUpdates")) >= 3, log_path.read_text(errors="replace")[-2000:]
    finally:
        stop({"telegram gateway": process})
        await runner.cleanup()
    logged = log_path.read_text(encoding="utf-8", errors="replace")
    assert "getUpdates" in logged or "telegram bot started" in logged  # the log was written
    assert token not in logged and token.split(":")[1] not in logged
