"""The first reply after a restart against the median reply ("ready means ready").

Run: `.venv/bin/python bench/first_reply.py [--json FILE]`. Starts the stack the way `make
run` does (`python -m bot.stack`, the supervisor) on free loopback ports with its own
databases, measures the median reply over fresh sessions, then kills the action server, Rasa
and the gateway in turn (SIGKILL, `--rounds` times each); the supervisor restarts each, and as
soon as /healthz says 200 again the first reply is timed (median over the rounds). Every
reply is the same request (a need and a town, a new session), so the ratio first/median
compares like with like. Goal: ratio <= 1 (within noise).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wegweiser_stack import full_model, prepare_stack  # noqa: E402

MESSAGE = "Ich suche einen Deutschkurs in Döbeln"
STARTED = re.compile(r"started (\w+) \(pid (\d+)\)")


def reply_ms(url: str) -> float:
    """Milliseconds for one answered chat request (a new session); fails on anything else."""
    started = time.perf_counter()
    response = requests.post(
        f"{url}/api/chat", json={"session": uuid.uuid4().hex, "text": MESSAGE}, timeout=60
    )
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or not response.json()["messages"][0].get("offers"):
        raise RuntimeError(f"unexpected answer {response.status_code}")
    return elapsed


def wait_ready(url: str, supervisor: subprocess.Popen[bytes], seconds: float = 600) -> float:
    """Poll /healthz every 0.1 s until 200; seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if supervisor.poll() is not None:
            raise RuntimeError(f"the supervisor exited with {supervisor.returncode}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError("stack not ready in time")


def child_pid(log: Path, name: str) -> int:
    """The pid the supervisor last started `name` with."""
    pids = [int(p) for n, p in STARTED.findall(log.read_text(errors="replace")) if n == name]
    return pids[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=20, help="replies for the median")
    parser.add_argument("--rounds", type=int, default=3, help="restarts of each part")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    model = full_model().path
    with tempfile.TemporaryDirectory(prefix="wegweiser-first-reply-") as tmp:
        workdir = Path(tmp)
        settings, env = prepare_stack(model, workdir)
        log = workdir / "stack.log"
        url = f"http://127.0.0.1:{settings.port}"
        with log.open("ab") as out:
            supervisor = subprocess.Popen(
                [sys.executable, "-m", "bot.stack"], cwd=ROOT, env=env, stdout=out, stderr=out
            )
        try:
            print(f"stack ready after {wait_ready(url, supervisor):.1f} s", flush=True)
            reply_ms(url)  # this client's own first request (connection set-up)
            median = statistics.median(reply_ms(url) for _ in range(args.replies))
            rows: list[dict[str, Any]] = []
            for name in ("actions", "rasa", "gateway"):
                firsts: list[float] = []
                readies: list[float] = []
                afters: list[float] = []
                for _ in range(args.rounds):
                    os.kill(child_pid(log, name), signal.SIGKILL)
                    time.sleep(1.0)  # the supervisor notices and restarts it
                    readies.append(wait_ready(url, supervisor) + 1.0)
                    firsts.append(reply_ms(url))
                    afters.extend(reply_ms(url) for _ in range(5))
                first = statistics.median(firsts)
                rows.append(
                    {
                        "killed": name,
                        "ready_after_s": round(statistics.median(readies), 1),
                        "first_reply_ms": round(first, 1),
                        "first_replies_ms": [round(each, 1) for each in firsts],
                        "next_5_median_ms": round(statistics.median(afters), 1),
                        "ratio_first_to_median": round(first / median, 2),
                    }
                )
        finally:
            supervisor.terminate()
            supervisor.wait(60)
    print(f"median reply before any restart: {median:.0f} ms ({args.replies} replies)")
    print(f"{'killed':<9}{'ready after':>12}{'first reply':>13}{'next 5':>9}{'first/median':>14}")
    for row in rows:
        print(
            f"{row['killed']:<9}{row['ready_after_s']:>10.1f} s{row['first_reply_ms']:>10.0f} ms"
            f"{row['next_5_median_ms']:>6.0f} ms{row['ratio_first_to_median']:>13.2f}x"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {"median_ms": round(median, 1), "replies": args.replies, "restarts": rows}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
