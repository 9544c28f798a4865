"""`make load-floor`: the floor under `make load` — the same closed-loop load (500 concurrent
sessions, each sending its next message as soon as the answer arrives) on the bare
`rasa init` bot and on the Wegweiser stack, one after the other in one run.

In a closed loop, a reply waits behind the other sessions' messages: the mean latency is
sessions / replies per second (Little's law). p95 ≤ 5 s for 500 sessions therefore needs
about 100 replies/s. This bench shows how many replies per second Rasa 3.6 itself serves on
this machine (the bare bot: no custom NLU, no action server, in-memory tracker) next to the
full stack, so that the load goal can be judged against what the framework allows here.
Traffic goes to 127.0.0.1 only; every loop is bounded in count and time. Writes
bench/results/load_floor.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bare_rasa
import load
import wegweiser_stack as ws

RESULTS = Path(__file__).resolve().parent / "results" / "load_floor.json"
STACK_TEXT = "Ich suche einen Deutschkurs in Döbeln"  # need + place: answered with offers
BARE_TEXT = "hello"


def measure(target: load.Target, sessions: int, replies: int, seconds: float) -> dict[str, Any]:
    """Warm up, then the closed-loop load on one target."""
    asyncio.run(load.warm_up([target], 5, 60.0))
    began = time.monotonic()
    figures = asyncio.run(load.throughput(target, sessions, replies, seconds))
    print(
        f"{target.name:>9}: {figures['replies_per_s']:.1f} replies/s, "
        f"p50 {figures['latency_median_s']:.1f} s, p95 {figures['latency_p95_s']:.1f} s, "
        f"p99 {figures['latency_p99_s']:.1f} s, {figures['failures']} failed "
        f"({time.monotonic() - began:.0f} s)",
        flush=True,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--replies", type=int, default=5000, help="replies per target")
    parser.add_argument("--seconds", type=float, default=600.0, help="deadline per target")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 2000 or not 1 <= args.replies <= 20000:
        parser.error("--sessions 1..2000, --replies 1..20000")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    results: dict[str, Any] = {"cores": os.cpu_count(), "sessions": args.sessions}
    full = ws.full_model()
    bare = bare_rasa.prepare()
    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-floor-"))
    processes: dict[str, Any] = {}
    try:
        port = ws.free_port()
        processes["bare-rasa"] = bare_rasa.start(bare, port, workdir / "bare-rasa.log")
        bare_url = f"http://127.0.0.1:{port}"
        bare_rasa.wait_status(bare_url, processes["bare-rasa"])
        target = load.bare_target(bare_url, BARE_TEXT)
        results["bare"] = measure(target, args.sessions, args.replies, args.seconds)
        ws.stop(processes)
        processes.clear()
        stack = ws.start_stack(full.path, workdir / "stack")
        processes.update(stack.processes)
        ws.wait_healthy(stack)
        target = load.stack_target(stack.url, STACK_TEXT, "de-DE")
        results["wegweiser"] = measure(target, args.sessions, args.replies, args.seconds)
    finally:
        ws.stop(processes)
        shutil.rmtree(workdir, ignore_errors=True)
    bare_rate = results["bare"]["replies_per_s"]
    results["ratio_replies_per_s"] = results["wegweiser"]["replies_per_s"] / bare_rate
    results["replies_per_s_for_p95_5s"] = args.sessions / 5.0
    print(
        f"Wegweiser/bare: {results['ratio_replies_per_s']:.2f}× replies/s; "
        f"a closed loop of {args.sessions} sessions needs ~{args.sessions / 5:.0f} replies/s "
        "for a mean wait of 5 s"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
