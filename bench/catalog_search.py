"""Times nearest-offer search over 1k, 10k and 100k synthetic offers (p50/p95, index build).

Run: `make bench` (or `.venv/bin/python bench/catalog_search.py`). Prints a table and writes
JSON to bench/results/catalog_search.json. Goal: p95 < 5 ms at 100k; cost growing clearly
slower than the number of offers.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services_catalog.gazetteer import Gazetteer
from services_catalog.model import CATEGORIES
from services_catalog.search import Query, SearchIndex
from services_catalog.synthetic import synthetic_offers

SIZES = (1_000, 10_000, 100_000)
QUERIES = 2_000
RUNS = 3


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(size: int, gazetteer: Gazetteer) -> dict[str, object]:
    """Build an index of `size` offers and time QUERIES random queries, RUNS times."""
    offers = synthetic_offers(size, gazetteer)
    started = time.perf_counter()
    index = SearchIndex(offers, gazetteer)
    build_s = time.perf_counter() - started
    towns = [p for p in gazetteer if p.has_point]
    rng = random.Random(size)
    at = datetime(2026, 11, 20, 10, 0)
    runs = []
    for _ in range(RUNS):
        timings = []
        for _ in range(QUERIES):
            query = Query(
                rng.choice(CATEGORIES),
                place=rng.choice(towns),
                languages=(rng.choice(("ar", "uk", "pl", "de")),),
                age=rng.choice((None, 19, 40)),
                at=at,
            )
            began = time.perf_counter()
            index.nearest(query)
            timings.append((time.perf_counter() - began) * 1000)
        runs.append({"p50_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95)})
    p95s = sorted(run["p95_ms"] for run in runs)
    p50s = sorted(run["p50_ms"] for run in runs)
    return {
        "offers": size,
        "build_s": round(build_s, 3),
        "p50_ms": {"min": p50s[0], "median": p50s[len(p50s) // 2], "max": p50s[-1]},
        "p95_ms": {"min": p95s[0], "median": p95s[len(p95s) // 2], "max": p95s[-1]},
    }


def main() -> None:
    """Measure every size, print the table, write the JSON."""
    gazetteer = Gazetteer.load()
    rows = [measure(size, gazetteer) for size in SIZES]
    print(
        f"catalog search: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{RUNS} runs x {QUERIES} queries"
    )
    print(f"{'offers':>8} {'build s':>8} {'p50 ms (min/med/max)':>24} {'p95 ms (min/med/max)':>24}")
    for row in rows:
        p50, p95 = row["p50_ms"], row["p95_ms"]
        assert isinstance(p50, dict) and isinstance(p95, dict)
        print(
            f"{row['offers']:>8} {row['build_s']:>8} "
            f"{p50['min']:7.3f}/{p50['median']:7.3f}/{p50['max']:7.3f} "
            f"{p95['min']:7.3f}/{p95['median']:7.3f}/{p95['max']:7.3f}"
        )
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    payload = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "runs": RUNS,
        "queries": QUERIES,
        "sizes": rows,
    }
    (out / "catalog_search.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
