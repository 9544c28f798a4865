"""`make bench`: the Wegweiser stack against a bare `rasa init` bot, side by side (issue 6).

Prepares the bare bot (trained once, cached in var/bench/bare-rasa/) and the full model
(scripts/train_if_stale.py), starts both on free loopback ports and measures P1 reply latency
(interleaved A/B), P2 throughput at 32 concurrent sessions, P3 turn 50 against turn 1, P4
catalog search (bench/catalog_search.py) and P5 footprint, start-up and training time.
Prints one table, writes bench/results/run_all.json and stops every process it started.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bare_rasa
import catalog_search
import load
import report
import wegweiser_stack as ws

from services_catalog.gazetteer import Gazetteer

BENCH = Path(__file__).resolve().parent
STACK_TEXT = "Ich suche einen Deutschkurs in Döbeln"  # need + place: answered with offers
STACK_LOCALE = "de-DE"
BARE_TEXT = "hello"
WARM_UP = 5
P1_RUNS, P1_PAIRS, P1_RUN_S = 5, 100, 120.0
P2_RUNS, P2_SESSIONS, P2_MAX, P2_RUN_S = 5, 32, 480, 12.0
P3_SESSIONS, P3_TURNS, P3_TOTAL_S = 8, 50, 300.0
STARTUP_RUNS = 2
GOALS = {
    "p1_median": 1.2,
    "p1_p95": 1.5,
    "p2_throughput": 0.8,
    "p3_turn50": 1.2,
    "p4_p95_ms": 5.0,
    "p5_rss": 1.5,
}


def spread(values: list[float]) -> dict[str, float]:
    """n, min, median and max of the values that are numbers."""
    clean = sorted(v for v in values if not math.isnan(v))
    if not clean:
        return {"n": 0, "min": math.nan, "median": math.nan, "max": math.nan}
    return {"n": len(clean), "min": clean[0], "median": statistics.median(clean), "max": clean[-1]}


def ms(seconds: list[float]) -> list[float]:
    """Seconds to milliseconds."""
    return [s * 1000 for s in seconds]


async def measure_p1(stack: load.Target, bare: load.Target) -> dict[str, Any]:
    """P1: median and p95 per run, stack and bare interleaved A/B/A/B, fresh sessions."""
    runs = []
    for _ in range(P1_RUNS):
        samples = await load.interleaved_latency([stack, bare], P1_PAIRS, P1_RUN_S)
        run: dict[str, Any] = {}
        for name, sample in samples.items():
            values = ms(sample.seconds) or [math.nan]
            run[name] = {
                "n": len(sample.seconds),
                "failures": sample.failures,
                "median_ms": statistics.median(values),
                "p95_ms": catalog_search.percentile(values, 0.95),
            }
        runs.append(run)
    result: dict[str, Any] = {"runs": runs, "pairs_per_run": P1_PAIRS}
    for stat in ("median_ms", "p95_ms"):
        result[stat] = {
            "wegweiser": spread([r["wegweiser"][stat] for r in runs]),
            "bare": spread([r["bare"][stat] for r in runs]),
            "ratio": spread([r["wegweiser"][stat] / r["bare"][stat] for r in runs]),
        }
    return result


async def measure_p2(stack: load.Target, bare: load.Target) -> dict[str, Any]:
    """P2: replies per second at P2_SESSIONS concurrent sessions, runs alternating A/B, B/A."""
    runs = []
    for number in range(P2_RUNS):
        order = (stack, bare) if number % 2 == 0 else (bare, stack)  # A/B, then B/A
        runs.append(
            {t.name: await load.throughput(t, P2_SESSIONS, P2_MAX, P2_RUN_S) for t in order}
        )
    rates = {name: [r[name]["replies_per_s"] for r in runs] for name in ("wegweiser", "bare")}
    ratios = [r["wegweiser"]["replies_per_s"] / r["bare"]["replies_per_s"] for r in runs]
    return {
        "runs": runs,
        "sessions": P2_SESSIONS,
        "replies_per_s": {**{k: spread(v) for k, v in rates.items()}, "ratio": spread(ratios)},
    }


async def measure_p3(stack: load.Target, bare: load.Target) -> dict[str, Any]:
    """P3: latency of turn 1 and turn P3_TURNS in the same session, turns interleaved A/B."""
    sessions = await load.long_sessions([stack, bare], P3_SESSIONS, P3_TURNS, P3_TOTAL_S)
    result: dict[str, Any] = {"turns": P3_TURNS, "per_turn_median_ms": {}}
    for name, runs in sessions.items():
        first = ms([run[0] for run in runs])
        last = ms([run[-1] for run in runs])
        result[name] = {
            "turn1_ms": spread(first),
            "turn50_ms": spread(last),
            "ratio": spread([b / a for a, b in zip(first, last, strict=True)]),
        }
        result["per_turn_median_ms"][name] = (
            [round(statistics.median(ms([run[i] for run in runs])), 2) for i in range(P3_TURNS)]
            if runs
            else []
        )
    return result


def measure_p4() -> dict[str, Any]:
    """P4: bench/catalog_search.py's measure() at every size."""
    gazetteer = Gazetteer.load()
    rows = [catalog_search.measure(size, gazetteer) for size in catalog_search.SIZES]
    return {"runs": catalog_search.RUNS, "queries": catalog_search.QUERIES, "sizes": rows}


async def measure_traffic(stack_url: str, bare_url: str) -> dict[str, Any]:
    """Warm both systems up, then P1, P2 and P3."""
    stack = load.stack_target(stack_url, STACK_TEXT, STACK_LOCALE)
    bare = load.bare_target(bare_url, BARE_TEXT)
    warm = await load.warm_up([stack, bare], WARM_UP, 120)
    if warm["wegweiser"] == 0:
        raise RuntimeError(f"the stack answered {STACK_TEXT!r} without offers")
    print("P1 reply latency …", flush=True)
    p1 = await measure_p1(stack, bare)
    print("P2 throughput …", flush=True)
    p2 = await measure_p2(stack, bare)
    print("P3 turn 50 against turn 1 …", flush=True)
    p3 = await measure_p3(stack, bare)
    return {"warm_up_good": warm, "p1": p1, "p2": p2, "p3": p3}


def on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit so that every started process gets stopped."""
    raise SystemExit(128 + signum)


def start_both(
    full: ws.FullModel,
    bare: bare_rasa.BareBot,
    workdir: Path,
    processes: dict[str, subprocess.Popen[bytes]],
) -> tuple[str, str, float, float]:
    """Start the bare bot, then the stack (one at a time); URLs and seconds until ready."""
    bare_port = ws.free_port()
    print("starting the bare bot …", flush=True)
    began = time.monotonic()
    processes["bare-rasa"] = bare_rasa.start(bare, bare_port, workdir / "bare-rasa.log")
    bare_url = f"http://127.0.0.1:{bare_port}"
    bare_rasa.wait_status(bare_url, processes["bare-rasa"])
    bare_ready = time.monotonic() - began
    print("starting the Wegweiser stack …", flush=True)
    stack = ws.start_stack(full.path, workdir)
    processes.update(stack.processes)
    return stack.url, bare_url, ws.wait_healthy(stack), bare_ready


def run() -> dict[str, Any]:
    """Prepare, start, measure and stop; the results as one JSON-able dict."""
    results: dict[str, Any] = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    print("preparing the full model and the bare rasa init bot …", flush=True)
    full = ws.full_model()
    bare = bare_rasa.prepare()
    results["training"] = {
        "full": {"model": str(full.path), "trained_now": full.trained_now, "s": full.train_s},
        "bare": {"model": str(bare.model), "trained_now": bare.trained_now, "s": bare.train_s},
    }
    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-bench-"))
    processes: dict[str, subprocess.Popen[bytes]] = {}
    failed = True
    try:
        stack_url, bare_url, *ready = start_both(full, bare, workdir / "run1", processes)
        startups = [ready]
        results.update(asyncio.run(measure_traffic(stack_url, bare_url)))
        rss = {name: ws.peak_rss_mb(p.pid) for name, p in processes.items()}
        stack_total = sum(v for k, v in rss.items() if k != "bare-rasa")
        results["peak_rss_mb"] = {
            **rss,
            "wegweiser_total": stack_total,
            "ratio": stack_total / rss["bare-rasa"],
        }
        for again in range(2, STARTUP_RUNS + 1):
            ws.stop(processes)
            processes.clear()
            _, _, *ready = start_both(full, bare, workdir / f"run{again}", processes)
            startups.append(ready)
        results["startup_s"] = {
            "runs": startups,
            "wegweiser_healthz": spread([s for s, _ in startups]),
            "bare_status": spread([b for _, b in startups]),
        }
        failed = False
    finally:
        ws.stop(processes)
        if failed:
            print(f"logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print("P4 catalog search …", flush=True)
    results["p4"] = measure_p4()
    return results


def main() -> None:
    """Entry point of `make bench`."""
    signal.signal(signal.SIGTERM, on_sigterm)
    began = time.monotonic()
    results = run()
    results["total_s"] = time.monotonic() - began
    print(report.table(results, GOALS))
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    (out / "run_all.json").write_text(json.dumps(report.plain(results), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
