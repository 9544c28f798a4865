"""The table `make bench` prints: each figure as median (min-max) over n runs, ratio and goal."""

from __future__ import annotations

import math
from typing import Any

HEAD = f"{'figure':<34}{'n':>3}  {'Wegweiser':<22}{'bare rasa init':<22}{'ratio':<20}goal"


def cell(spread: dict[str, float], digits: int = 1) -> str:
    """`median (min-max)` of a spread, or a dash when it is empty."""
    if not spread or math.isnan(spread["median"]):
        return "-"
    return f"{spread['median']:.{digits}f} ({spread['min']:.{digits}f}-{spread['max']:.{digits}f})"


def verdict(value: float, limit: float, at_most: bool) -> str:
    """`met` or `MISSED` for one goal."""
    if math.isnan(value):
        return "no data"
    return "met" if (value <= limit if at_most else value >= limit) else "MISSED"


def row(figure: str, n: int | str, a: str, b: str, ratio: str = "", goal: str = "") -> str:
    """One line of the table."""
    return f"{figure:<34}{n!s:>3}  {a:<22}{b:<22}{ratio:<20}{goal}"


def goal_text(symbol: str, limit: float, value: float, at_most: bool, unit: str = "x") -> str:
    """`<= 1.2x met` for one goal."""
    return f"{symbol} {limit:g}{unit} {verdict(value, limit, at_most)}"


def p1_rows(p1: dict[str, Any], goals: dict[str, float]) -> list[str]:
    """P1: median and p95 reply latency."""
    lines = []
    for stat, key, label in (("median_ms", "p1_median", "median"), ("p95_ms", "p1_p95", "p95")):
        figures = p1[stat]
        n = figures["ratio"]["n"]
        lines.append(
            row(
                f"P1 reply latency {label}, ms",
                n,
                cell(figures["wegweiser"]),
                cell(figures["bare"]),
                cell(figures["ratio"], 2),
                goal_text("<=", goals[key], figures["ratio"]["median"], True),
            )
        )
    return lines


def p2_rows(p2: dict[str, Any], goals: dict[str, float]) -> list[str]:
    """P2: replies per second under concurrent sessions."""
    rates = p2["replies_per_s"]
    failures = {k: sum(r[k]["failures"] for r in p2["runs"]) for k in ("wegweiser", "bare")}
    lines = [
        row(
            f"P2 replies/s, {p2['sessions']} sessions",
            rates["ratio"]["n"],
            cell(rates["wegweiser"]),
            cell(rates["bare"]),
            cell(rates["ratio"], 2),
            goal_text(">=", goals["p2_throughput"], rates["ratio"]["median"], False),
        )
    ]
    if any(failures.values()):
        lines.append(
            row(
                "  failed replies (all runs)", "", str(failures["wegweiser"]), str(failures["bare"])
            )
        )
    return lines


def p3_rows(p3: dict[str, Any], goals: dict[str, float]) -> list[str]:
    """P3: turn 1, turn 50 and their ratio per system."""
    ours, bare = p3["wegweiser"], p3["bare"]
    n = ours["ratio"]["n"]
    return [
        row("P3 turn 1, ms", n, cell(ours["turn1_ms"]), cell(bare["turn1_ms"])),
        row(f"P3 turn {p3['turns']}, ms", n, cell(ours["turn50_ms"]), cell(bare["turn50_ms"])),
        row(
            f"P3 turn {p3['turns']} / turn 1",
            n,
            cell(ours["ratio"], 2),
            cell(bare["ratio"], 2),
            "",
            "Wegweiser " + goal_text("<=", goals["p3_turn50"], ours["ratio"]["median"], True),
        ),
    ]


def p4_rows(p4: dict[str, Any], goals: dict[str, float]) -> list[str]:
    """P4: catalog search per size (no bare counterpart)."""
    lines = []
    sizes = p4["sizes"]
    for size in sizes:
        goal = ""
        if size is sizes[-1]:
            growth = size["p95_ms"]["median"] / sizes[0]["p95_ms"]["median"]
            factor = size["offers"] / sizes[0]["offers"]
            limit = goals["p4_p95_ms"]
            goal = goal_text("p95 <", limit, size["p95_ms"]["median"], True, " ms")
            goal += f"; p95 x{growth:.1f} for x{factor:.0f} offers"
        lines.append(
            row(
                f"P4 search {size['offers']:,} p50/p95 ms",
                p4["runs"],
                cell(size["p50_ms"], 3),
                cell(size["p95_ms"], 3),
                f"build {size['build_s']:.2f} s",
                goal,
            )
        )
    return lines


def p5_rows(results: dict[str, Any], goals: dict[str, float]) -> list[str]:
    """P5: peak RSS, start-up and training time (one run each)."""
    rss = results["peak_rss_mb"]
    parts = "/".join(f"{rss[k]:.0f}" for k in ("rasa", "actions", "gateway"))
    start = results["startup_s"]
    lines = [
        row("P5 peak RSS MiB rasa/actions/gw", 1, parts, f"{rss['bare-rasa']:.0f}"),
        row(
            "P5 peak RSS MiB, whole stack",
            1,
            f"{rss['wegweiser_total']:.0f}",
            f"{rss['bare-rasa']:.0f}",
            f"{rss['ratio']:.2f}",
            goal_text("<=", goals["p5_rss"], rss["ratio"], True),
        ),
        row(
            "P5 start -> /healthz | /status, s",
            start["wegweiser_healthz"]["n"],
            cell(start["wegweiser_healthz"]),
            cell(start["bare_status"]),
            f"{start['wegweiser_healthz']['median'] / start['bare_status']['median']:.2f}",
        ),
    ]
    training = results["training"]
    texts = []
    for key in ("full", "bare"):
        item = training[key]
        texts.append(f"{item['s']:.0f} s" if item["trained_now"] else "cached")
    lines.append(row("P5 training, s", 1, texts[0], texts[1]))
    return lines


def table(results: dict[str, Any], goals: dict[str, float]) -> str:
    """The whole table as text."""
    lines = [
        f"Wegweiser against a bare `rasa init` bot: {results['cores']} cores, "
        f"Python {results['python']}, {results['started']}; "
        "cells: median (min-max) over n runs",
        HEAD,
        "-" * len(HEAD),
        *p1_rows(results["p1"], goals),
        *p2_rows(results["p2"], goals),
        *p3_rows(results["p3"], goals),
        *p4_rows(results["p4"], goals),
        *p5_rows(results, goals),
    ]
    training = results["training"]
    for key, label in (("full", "full model"), ("bare", "bare bot")):
        if not training[key]["trained_now"]:
            lines.append(f"  {label}: cached {training[key]['model']} (not trained in this run)")
    lines.append(f"  whole benchmark: {results.get('total_s', math.nan):.0f} s")
    return "\n".join(lines)


def plain(value: Any) -> Any:
    """The results with NaN replaced by None, so that the JSON file is strict JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
