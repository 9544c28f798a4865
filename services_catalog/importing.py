"""All-or-nothing import of offers from YAML, JSON (our export) and CSV files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from services_catalog.csv_format import rows_to_offers
from services_catalog.model import Offer
from services_catalog.storage import CatalogStore
from services_catalog.validation import Problem, validate_offers

SUFFIXES = (".yaml", ".yml", ".json", ".csv")


class ImportFailed(Exception):
    """An import that wrote nothing, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote (or, on a dry run, would write)."""

    offers: list[Offer]
    new: int
    changed: int
    dry_run: bool


def _file_problem(path: Path, message: str) -> Problem:
    return Problem("?", str(path), message)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def parse_text(text: str, fmt: str, origin: str = "<input>") -> tuple[list[Any], list[Problem]]:
    """Raw offers from text in one format ('yaml', 'json' or 'csv')."""
    try:
        if fmt == "csv":
            return rows_to_offers(list(csv.DictReader(io.StringIO(text)))), []
        data = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except (yaml.YAMLError, csv.Error, ValueError) as exc:
        return [], [Problem("?", origin, f"cannot be read as {fmt.upper()}: {_first_line(exc)}")]
    except RecursionError:
        return [], [Problem("?", origin, f"cannot be read as {fmt.upper()}: nested too deeply")]
    except (AttributeError, KeyError, IndexError, TypeError) as exc:  # PyYAML on bad explicit tags
        message = f"cannot be read as {fmt.upper()}: bad value ({type(exc).__name__})"
        return [], [Problem("?", origin, message)]
    if isinstance(data, dict) and isinstance(data.get("offers"), list):
        return list(data["offers"]), []
    if isinstance(data, list):
        return data, []
    return [], [Problem("?", origin, "expected a list of offers or a mapping with key 'offers'")]


def read_paths(paths: Iterable[Path]) -> tuple[list[Any], list[Problem]]:
    """Raw offers from files and directories (every *.yaml, *.yml, *.json, *.csv in them)."""
    raws: list[Any] = []
    problems: list[Problem] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            problems.append(_file_problem(path, "no such file or directory"))
    for file in files:
        fmt = {".yml": "yaml", ".yaml": "yaml"}.get(file.suffix, file.suffix.lstrip("."))
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(_file_problem(file, f"cannot be read: {exc}"))
            continue
        found, file_problems = parse_text(text, fmt, str(file))
        raws.extend(found)
        problems.extend(file_problems)
    return raws, problems


def import_raw(store: CatalogStore, raws: list[Any], dry_run: bool = False) -> ImportResult:
    """Validate every offer; write all of them in one transaction, or raise ImportFailed."""
    offers, problems = validate_offers(raws, store.gazetteer)
    if problems:
        raise ImportFailed(problems)
    existing = {offer.id for offer in store.offers(status=None)}
    new = sum(1 for offer in offers if offer.id not in existing)
    if not dry_run:
        store.upsert_many(offers)
    return ImportResult(offers, new, len(offers) - new, dry_run)


def import_paths(store: CatalogStore, paths: Iterable[Path], dry_run: bool = False) -> ImportResult:
    """Import files and directories all-or-nothing (see import_raw)."""
    raws, problems = read_paths(paths)
    if problems:
        raise ImportFailed(problems)
    return import_raw(store, raws, dry_run)


def seed_directory() -> Path:
    """The directory of the seed offers shipped with the package."""
    return Path(__file__).parent / "data" / "offers"


def ensure_seeded(store: CatalogStore) -> int:
    """Import the seed catalog into an empty database; returns how many offers were written."""
    if store.count() > 0:
        return 0
    return len(import_paths(store, [seed_directory()]).offers)
