"""In-process NLG (bot.nlg.GettextNLG) against Rasa's HTTP NLG callback (bot.nlg_endpoint).

Starts the stack once per mode on free loopback ports, runs one conversation of TURNS
messages and reports the reply latency of the first and the last five turns (the callback
posts the whole tracker on every reply, so it grows with the conversation).
Run: `.venv/bin/python bench/nlg_modes.py` (about two minutes).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wegweiser_stack import free_port  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.stack import children  # noqa: E402

TURNS = 40
MESSAGES = (
    "Ich suche einen Deutschkurs in Döbeln",
    "wo genau ist das?",
    "kostet das etwas?",
    "mehr bitte",
)


def run_mode(mode: str, model: str, workdir: Path) -> list[float]:
    """Reply latencies (ms) of one conversation with the stack in this NLG mode."""
    settings = Settings(port=free_port(), rasa_port=free_port(), action_port=free_port())
    nlg_port = free_port()
    nlg = (
        "nlg:\n  type: bot.nlg.GettextNLG\n"
        if mode == "in-process"
        else f'nlg:\n  url: "http://127.0.0.1:{nlg_port}/nlg"\n'
    )
    endpoints = workdir / f"endpoints-{mode}.yml"
    tracker_db = workdir / f"tracker-{mode}.sqlite3"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{settings.action_port}/webhook"\n{nlg}'
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tracker_db}\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "BOT_PORT": str(settings.port),
        "RASA_PORT": str(settings.rasa_port),
        "ACTION_SERVER_PORT": str(settings.action_port),
        "CATALOG_DATABASE_URL": f"sqlite:///{workdir / 'catalog.sqlite3'}",
        "CHAT_SESSION_PER_MINUTE": "100000",
        "CHAT_CLIENT_PER_MINUTE": "100000",
        "ADMIN_SECRET_KEY": "bench",
        "RASA_AUTH_TOKEN": "bench-rasa-token",
    }
    subprocess.run(
        [sys.executable, "-m", "services_catalog", "init"], env=env, check=True, capture_output=True
    )
    processes = [
        subprocess.Popen(
            child.argv,
            cwd=ROOT,
            env=env,
            stdout=(workdir / f"{child.name}-{mode}.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        for child in children(settings, model, endpoints)
    ]
    if mode != "in-process":  # the callback server of its own, on loopback
        argv = [sys.executable, "-m", "bot.nlg_endpoint", "--port", str(nlg_port)]
        log = (workdir / f"nlg-{mode}.log").open("ab")
        processes.append(
            subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )
    url = f"http://127.0.0.1:{settings.port}"
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(1)
        latencies = []
        for turn in range(TURNS):
            began = time.perf_counter()
            response = requests.post(
                f"{url}/api/chat",
                json={"session": "nlg-bench", "text": MESSAGES[turn % len(MESSAGES)]},
                timeout=60,
            )
            latencies.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200 or not response.json()["messages"]:
                logs = (workdir / f"rasa-{mode}.log").read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(
                    f"{mode}: no reply ({response.status_code}); Rasa log:\n{logs[-3000:]}"
                )
        return latencies
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)


def main() -> None:
    """Both modes, one table, JSON in bench/results/nlg_modes.json."""
    model = (ROOT / "models" / ".latest").read_text(encoding="utf-8").strip()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("in-process", "callback"):
            latencies = run_mode(mode, model, Path(tmp))
            results[mode] = {
                "first5_median_ms": statistics.median(latencies[:5]),
                "last5_median_ms": statistics.median(latencies[-5:]),
                "all_median_ms": statistics.median(latencies),
                "turns": len(latencies),
            }
    print(f"NLG modes, {os.cpu_count()} cores, one conversation of {TURNS} turns each")
    for mode, row in results.items():
        print(
            f"{mode:>11}: turns 1-5 {row['first5_median_ms']:.0f} ms, turns {TURNS - 4}-{TURNS} "
            f"{row['last5_median_ms']:.0f} ms, all {row['all_median_ms']:.0f} ms"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "nlg_modes.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
