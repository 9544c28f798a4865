"""Load on the chat API: 500 concurrent sessions x 10 turns, every reply checked by content.

Run: `make load` (or `.venv/bin/python bench/load_chat.py`). Without `--url` it starts its own
stack (Rasa server, action server, gateway) on free loopback ports with its own temporary
databases and high rate limits, and stops it at the end; with `--url http://127.0.0.1:PORT`
it uses a running gateway. Traffic goes to 127.0.0.1 only. Every session speaks one of the
eight languages and holds a realistic conversation: greeting, a need, a place, a follow-up,
more results (the button, as the widget sends it), a second need with a town, a shared
location, another follow-up, feedback, thanks. A reply counts as correct when the status is
200, it holds at least one message, and every message carries the session's language code.
Prints p50/p95/p99 latency, errors (wrong status or content) and lost replies (no answer);
`--json FILE` also writes the figures. Exit status 1 when anything failed or was lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import signal
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import aiohttp
from yarl import URL

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from load_chat_figures import Outcome, Report, print_report, summarize  # noqa: E402
from load_chat_scripts import LOCALES, SCRIPTS  # noqa: E402
from wegweiser_stack import start_stack, stop, wait_healthy  # noqa: E402

LOOPBACK = "127.0.0.1"
MAX_SESSIONS = 2_000
MAX_TURNS = 20


def loopback_url(url: str) -> str:
    """The gateway URL if it points at this machine's loopback address, else SystemExit."""
    parsed = URL(url)
    if parsed.scheme != "http" or parsed.host not in (LOOPBACK, "localhost"):
        raise SystemExit(f"--url must be http://127.0.0.1:PORT (traffic stays local), not {url}")
    return str(parsed.with_host(LOOPBACK).with_path("")).rstrip("/")


def check_reply(status: int, body: Any, lang: str) -> str:
    """'' when the reply is what a user in this language should get, else what is wrong."""
    if status != 200:
        return f"status {status}"
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return "no messages list"
    if not body["messages"]:
        return "empty messages"
    for message in body["messages"]:
        if not isinstance(message, dict) or not isinstance(message.get("text"), str):
            return "malformed message"
        if message.get("lang") != lang:
            return f"lang {message.get('lang')} instead of {lang}"
    return ""


def next_body(kind: str, value: Any, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    """The request fields for one scripted turn, given the buttons of the last reply."""
    if kind == "location":
        return {"location": value}
    if kind == "button":
        wanted, fallback = str(value).split("|", 1)
        for button in buttons:
            payload = str(button.get("payload", ""))
            if wanted in payload:
                return {"payload": payload}
        return {"text": fallback}
    return {"text": value}


async def run_session(
    http: aiohttp.ClientSession,
    url: str,
    session: str,
    lang: str,
    turns: int,
    timeout: aiohttp.ClientTimeout,
    outcomes: list[Outcome],
) -> None:
    """One user's conversation, turn after turn, each reply checked before the next turn."""
    script = SCRIPTS[lang]
    buttons: list[dict[str, Any]] = []
    for turn in range(turns):
        kind, value = script[turn % len(script)]
        started = time.perf_counter()
        fields = next_body(kind, value, buttons)
        body = {"session": session, "locale": LOCALES[lang], **fields}
        outcome = Outcome(session, turn, lang, 0.0, None, json.dumps(fields, ensure_ascii=False))
        outcomes.append(outcome)
        try:
            async with http.post(f"{url}/api/chat", json=body, timeout=timeout) as response:
                outcome.status = response.status
                try:
                    reply = await response.json(content_type=None)
                except (json.JSONDecodeError, aiohttp.ContentTypeError, ValueError):
                    reply = None
        except asyncio.CancelledError:
            outcome.problem, outcome.lost = "cancelled at the deadline", True
            outcome.latency_ms = (time.perf_counter() - started) * 1000
            raise
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            outcome.problem, outcome.lost = f"no reply: {type(exc).__name__}", True
            outcome.latency_ms = (time.perf_counter() - started) * 1000
            continue
        outcome.latency_ms = (time.perf_counter() - started) * 1000
        outcome.problem = check_reply(response.status, reply, lang)
        if isinstance(reply, dict) and reply.get("messages"):
            buttons = [
                b for m in reply["messages"] if isinstance(m, dict) for b in m.get("buttons") or []
            ]
            outcome.lost = False
        elif response.status == 200:
            outcome.lost = True  # a 200 without any message is a lost reply


async def run_load(
    url: str, sessions: int, turns: int, deadline_s: float, request_timeout_s: float
) -> Report:
    """All sessions at once, bounded by the global deadline; the figures."""
    outcomes: list[Outcome] = []
    languages = list(SCRIPTS)
    run_id = secrets.token_hex(3)
    timeout = aiohttp.ClientTimeout(total=request_timeout_s)
    connector = aiohttp.TCPConnector(limit=sessions, force_close=False)
    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector) as http:
        tasks = [
            asyncio.ensure_future(
                run_session(
                    http,
                    url,
                    f"load-{run_id}-{index}",
                    languages[index % len(languages)],
                    turns,
                    timeout,
                    outcomes,
                )
            )
            for index in range(sessions)
        ]
        done, pending = await asyncio.wait(tasks, timeout=deadline_s)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            task.result()  # a bug in this script shows, not a silent gap in the figures
    wall = time.perf_counter() - started
    return summarize(outcomes, sessions, turns, wall)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options (bounded: at most MAX_SESSIONS sessions and MAX_TURNS turns)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running gateway, http://127.0.0.1:PORT")
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--deadline", type=float, default=900.0, help="seconds for the load")
    parser.add_argument("--request-timeout", type=float, default=120.0)
    parser.add_argument("--startup-timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.turns <= MAX_TURNS:
        parser.error(f"--sessions 1..{MAX_SESSIONS} and --turns 1..{MAX_TURNS}")
    return args


async def run(args: argparse.Namespace) -> tuple[Report, str]:
    """Start the stack when no URL is given, run the load, stop what was started."""
    current = asyncio.current_task()
    if current is not None:  # SIGTERM stops the load and the stack like Ctrl-C does
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, current.cancel)
    if args.url:
        url = loopback_url(args.url)
        report = await run_load(url, args.sessions, args.turns, args.deadline, args.request_timeout)
        return report, url
    stamp = ROOT / "models" / ".latest"
    if not stamp.exists():
        raise SystemExit("no trained model: run `make model` first")
    with tempfile.TemporaryDirectory(prefix="wegweiser-load-") as tmp:
        workdir = Path(tmp)
        stack = start_stack(Path(stamp.read_text(encoding="utf-8").strip()), workdir)
        url = stack.url
        try:
            try:
                await asyncio.to_thread(wait_healthy, stack, args.startup_timeout)
            except (RuntimeError, TimeoutError):
                for log in sorted(workdir.glob("*.log")):
                    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                    print(f"--- {log.name}\n{tail}", file=sys.stderr)
                raise
            print(f"stack up at {url}", flush=True)
            report = await run_load(
                url, args.sessions, args.turns, args.deadline, args.request_timeout
            )
        finally:
            stop(stack.processes)
    return report, url


def main(argv: list[str] | None = None) -> int:
    """Entry point of `make load`: 0 when every request got a correct reply in time."""
    args = parse_args(argv)
    report, url = asyncio.run(run(args))
    print_report(report, url)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0 if report.errors == report.lost == report.not_run == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
