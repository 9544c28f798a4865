"""`make journeys`: whole conversations through the public chat API of a running stack.

The conversations (`tests/journeys/conversations/*.yaml`, the tuned part, and
`tests/journeys/heldout/*.yaml`, run only at the end of a session) were written by people
who never saw the training data. Each is sent turn by turn in a session of its own;
every reply is judged by `evaluation.judge`. A conversation passes when every turn passes.
Text turns are sent without a locale (the reply language must follow the words alone);
a shared location carries the conversation's language as the locale, as real clients send.

    python -m evaluation.journeys [--heldout | --all] [--url URL] [--json var/journeys.json]

Without `--url` it starts a stack of its own (fresh catalog from the seed data, the
current model) on free loopback ports and stops it afterwards.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

from evaluation.judge import Catalog, Verdict, judge_turn
from services_catalog.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
TUNED = ROOT / "tests" / "journeys" / "conversations"
HELDOUT = ROOT / "tests" / "journeys" / "heldout"
GOAL_ALL = 0.95
GOAL_LANGUAGE = 0.90


@dataclass
class Outcome:
    """One conversation's result."""

    id: str
    lang: str
    tags: list[str]
    passed: bool
    failures: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def load_conversations(folders: Iterable[Path]) -> list[dict[str, Any]]:
    """Every conversation in the YAML files of these folders, in file order."""
    conversations: list[dict[str, Any]] = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for conversation in data.get("conversations") or []:
                conversation.setdefault("file", path.name)
                conversations.append(conversation)
    return conversations


def run_conversation(
    url: str, conversation: Mapping[str, Any], catalog: Catalog, http: requests.Session
) -> Outcome:
    """Send the turns in a fresh session and judge every reply."""
    session = "journey-" + secrets.token_urlsafe(12)
    lang = str(conversation["lang"])
    outcome = Outcome(str(conversation["id"]), lang, list(conversation.get("tags") or []), True)
    shown: list[dict[str, Any]] = []
    for number, turn in enumerate(conversation["turns"], start=1):
        lang = str(turn.get("lang") or lang)
        body: dict[str, Any] = {"session": session}
        if "location" in turn:
            # A shared location has no words to tell the language by; real clients send
            # their locale with it (the widget the browser's, Telegram the app's), so a
            # location turn carries the conversation's language. Text turns carry none:
            # their language is judged from the words alone.
            body["location"] = turn["location"]
            body["locale"] = lang
        else:
            body["text"] = str(turn["user"])
        try:
            response = http.post(f"{url}/api/chat", json=body, timeout=60)
            status = response.status_code
            answer = response.json() if response.content else {}
        except (requests.RequestException, ValueError) as exc:
            status, answer = 0, {"error": type(exc).__name__}
        session = str(answer.get("session") or session)
        messages = list(answer.get("messages") or [])
        verdict: Verdict = judge_turn(
            turn.get("expect") or {}, lang, messages, status, catalog, shown
        )
        if not verdict.passed:
            outcome.passed = False
            outcome.failures.extend(verdict.failures)
            outcome.details.extend(f"turn {number}: {detail}" for detail in verdict.details)
        offers = [offer for message in messages for offer in message.get("offers") or []]
        if offers:
            shown = offers
    return outcome


def run_all(
    url: str, conversations: list[dict[str, Any]], catalog: Catalog, workers: int = 4
) -> list[Outcome]:
    """Every conversation, a few at a time (like several people writing at once)."""
    with requests.Session() as http, ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda c: run_conversation(url, c, catalog, http), conversations))


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """Pass rates overall, per language and per failure class."""
    per_lang: dict[str, list[bool]] = defaultdict(list)
    for outcome in outcomes:
        per_lang[outcome.lang].append(outcome.passed)
    failures = Counter(kind for outcome in outcomes for kind in set(outcome.failures))
    total = len(outcomes)
    return {
        "conversations": total,
        "passed": sum(o.passed for o in outcomes),
        "rate": round(sum(o.passed for o in outcomes) / total, 4) if total else 0.0,
        "per_language": {
            lang: {"n": len(results), "rate": round(sum(results) / len(results), 4)}
            for lang, results in sorted(per_lang.items())
        },
        "failure_classes": dict(failures.most_common()),
    }


def meets_goal(result: Mapping[str, Any]) -> bool:
    """≥ 95 % of all conversations and ≥ 90 % in every language."""
    return bool(result["rate"] >= GOAL_ALL) and all(
        entry["rate"] >= GOAL_LANGUAGE for entry in result["per_language"].values()
    )


def table(result: Mapping[str, Any], title: str) -> str:
    """A plain-text table of a summary."""
    lines = [
        f"{title}: {result['passed']}/{result['conversations']} = {result['rate']:.1%}",
        "lang   n  pass",
    ]
    for lang, entry in result["per_language"].items():
        lines.append(f"{lang:<4} {entry['n']:>3}  {entry['rate']:.1%}")
    lines.append(
        "failure classes: " + ", ".join(f"{k} {v}" for k, v in result["failure_classes"].items())
    )
    return "\n".join(lines)


def export_catalog(env: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The catalog export (`python -m services_catalog export --format json`)."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "services_catalog", "export", "--format", "json"],
        cwd=ROOT,
        env=dict(env) if env is not None else None,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    offers: list[dict[str, Any]] = json.loads(done.stdout)
    return offers


def evaluate(url: str, folders: list[Path], env: Mapping[str, str] | None) -> dict[str, Any]:
    """Run and judge the conversations of these folders against the stack at `url`."""
    catalog = Catalog(export_catalog(env), Gazetteer.load())
    conversations = load_conversations(folders)
    outcomes = run_all(url, conversations, catalog)
    return {
        "summary": summary(outcomes),
        "failed": [
            {"id": o.id, "lang": o.lang, "failures": o.failures, "details": o.details}
            for o in outcomes
            if not o.passed
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Entry point of `make journeys`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--heldout", action="store_true", help="only the held-back part")
    which.add_argument("--all", action="store_true", help="tuned and held-back parts")
    parser.add_argument("--url", help="a running stack's gateway (default: start one)")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "journeys.json")
    args = parser.parse_args(argv)
    parts = {"tuned": [TUNED]} if not args.heldout else {}
    if args.heldout or args.all:
        parts["heldout"] = [HELDOUT]
    results: dict[str, Any] = {}
    if args.url:
        for name, folders in parts.items():
            results[name] = evaluate(args.url, folders, None)
    else:
        sys.path.insert(0, str(ROOT / "bench"))  # the bench scripts' own stack starter
        from wegweiser_stack import full_model, stack_env, start_stack, wait_healthy

        with tempfile.TemporaryDirectory(prefix="journeys-") as tmp:
            stack = start_stack(full_model().path, Path(tmp))
            try:
                wait_healthy(stack)
                env = stack_env(stack.settings, Path(tmp))
                for name, folders in parts.items():
                    results[name] = evaluate(stack.url, folders, env)
            finally:
                for process in stack.processes.values():
                    process.terminate()
                for process in stack.processes.values():
                    process.wait(30)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = True
    for name, result in results.items():
        print(table(result["summary"], name))
        ok = ok and meets_goal(result["summary"])
    print(f"details: {args.json}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
