"""The figures of the chat API load test: what each request did, percentiles, the report."""

from __future__ import annotations

import os
import platform
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """One request: how long it took and what went wrong, if anything."""

    session: str
    turn: int
    lang: str
    latency_ms: float
    status: int | None
    sent: str = ""
    problem: str = ""
    lost: bool = False


@dataclass
class Report:
    """The figures of one run."""

    sessions: int
    turns: int
    requests_planned: int
    requests_done: int
    not_run: int
    errors: int
    lost: int
    wall_s: float
    throughput_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    ok_replies: int
    ok_p50_ms: float
    ok_p95_ms: float
    ok_p99_ms: float
    problems: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    machine: str = ""


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarize(outcomes: list[Outcome], sessions: int, turns: int, wall: float) -> Report:
    """The figures of a run from what each request did."""
    answered = [o.latency_ms for o in outcomes if not o.lost]
    ok = [o.latency_ms for o in outcomes if o.status == 200 and not o.lost]
    problems = Counter(o.problem.split(":")[0] for o in outcomes if o.problem)
    return Report(
        sessions=sessions,
        turns=turns,
        requests_planned=sessions * turns,
        requests_done=len(outcomes),
        not_run=sessions * turns - len(outcomes),
        errors=sum(1 for o in outcomes if o.problem and not o.lost),
        lost=sum(1 for o in outcomes if o.lost),
        wall_s=round(wall, 2),
        throughput_per_s=round(len(answered) / wall, 1) if wall else 0.0,
        p50_ms=round(percentile(answered, 0.50), 1),
        p95_ms=round(percentile(answered, 0.95), 1),
        p99_ms=round(percentile(answered, 0.99), 1),
        max_ms=round(max(answered, default=float("nan")), 1),
        ok_replies=len(ok),
        ok_p50_ms=round(percentile(ok, 0.50), 1),
        ok_p95_ms=round(percentile(ok, 0.95), 1),
        ok_p99_ms=round(percentile(ok, 0.99), 1),
        problems=dict(problems.most_common()),
        examples=[
            f"{o.lang} turn {o.turn + 1} {o.sent}: {o.problem}" for o in outcomes if o.problem
        ][:10],
        machine=f"{os.cpu_count()} cores, Python {platform.python_version()}",
    )


def print_report(report: Report, url: str) -> None:
    """The figures as a short table."""
    print(f"chat API load: {url}, {report.machine}")
    print(
        f"  {report.sessions} concurrent sessions x {report.turns} turns = "
        f"{report.requests_planned} requests; done {report.requests_done}, "
        f"not run (deadline) {report.not_run}"
    )
    print(
        f"  latency ms, every answered request: p50 {report.p50_ms}  p95 {report.p95_ms}  "
        f"p99 {report.p99_ms}  max {report.max_ms}"
    )
    print(
        f"  latency ms, the {report.ok_replies} replies with status 200: p50 {report.ok_p50_ms}  "
        f"p95 {report.ok_p95_ms}  p99 {report.ok_p99_ms}"
    )
    print(
        f"  errors {report.errors}  lost {report.lost}  wall {report.wall_s} s  "
        f"throughput {report.throughput_per_s} replies/s"
    )
    for problem, count in report.problems.items():
        print(f"    {count:6d} x {problem}")
    for example in report.examples:
        print(f"    e.g. {example}")
