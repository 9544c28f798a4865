"""The command line, run as users run it: `python -m services_catalog …` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from tests.fakes.offers import make_offer


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CATALOG_DATABASE_URL": f"sqlite:///{tmp_path / 'catalog.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "services_catalog", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_validate_seed_data(tmp_path: Path) -> None:
    done = run(tmp_path, "validate")
    assert done.returncode == 0, done.stderr
    assert "offers valid" in done.stdout


def test_search_json_resolves_the_place_and_ranks(tmp_path: Path) -> None:
    done = run(tmp_path, "search", "--category", "language_course", "--near", "Doebeln", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["place"]["id"] == "doebeln"
    assert payload["offers"][0]["town"] == "Döbeln"
    assert payload["offers"][0]["distance_km"] < 1


def test_search_unknown_place_suggests(tmp_path: Path) -> None:
    done = run(tmp_path, "search", "--category", "health_care", "--near", "Freiburg", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["candidates"][0] == "Freiberg"


def test_keyword_search(tmp_path: Path) -> None:
    done = run(tmp_path, "search", "--text", "BABS", "--json")
    assert done.returncode == 0, done.stderr
    assert "babs" in json.loads(done.stdout)["offers"][0]["id"]


def test_import_with_errors_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    assert run(tmp_path, "init").returncode == 0
    before = json.loads(run(tmp_path, "export", "--format", "json").stdout)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump({"offers": [make_offer(), make_offer(id="x-y", category="nope")]}),
        encoding="utf-8",
    )
    done = run(tmp_path, "import", str(bad))
    assert done.returncode == 1
    assert "offer 'x-y', field 'category': unknown category 'nope'" in done.stderr
    after = json.loads(run(tmp_path, "export", "--format", "json").stdout)
    assert after == before


def test_import_and_export_csv(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        yaml.safe_dump({"offers": [make_offer()]}, allow_unicode=True), encoding="utf-8"
    )
    done = run(tmp_path, "import", str(good))
    assert done.returncode == 0, done.stderr
    assert "imported 1 offers (1 new, 0 changed)" in done.stdout
    out = tmp_path / "offers.csv"
    assert run(tmp_path, "export", "--format", "csv", "--output", str(out)).returncode == 0
    assert "test-course-doebeln" in out.read_text(encoding="utf-8")


def test_hsds_export_validates_against_the_official_schema(
    tmp_path: Path, hsds_service_validator: jsonschema.Draft7Validator
) -> None:
    done = run(tmp_path, "export", "--format", "hsds")
    assert done.returncode == 0, done.stderr
    services = json.loads(done.stdout)
    assert len(services) >= 40
    for service in services:
        errors = sorted(hsds_service_validator.iter_errors(service), key=str)
        assert errors == [], (service["name"], [e.message for e in errors[:3]])


def test_stats(tmp_path: Path) -> None:
    done = run(tmp_path, "stats")
    assert done.returncode == 0, done.stderr
    assert "language_course" in done.stdout


def test_admin_create_user_reads_the_password_from_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "CATALOG_DATABASE_URL": f"sqlite:///{tmp_path / 'catalog.sqlite3'}"}
    command = [
        sys.executable,
        "-m",
        "services_catalog",
        "admin",
        "create-user",
        "--username",
        "ada",
        "--role",
        "admin",
    ]
    done = subprocess.run(
        command,
        input="a long enough password\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "created admin ada" in done.stdout
    short = subprocess.run(
        [*command[:-4], "--username", "bob"],
        input="short\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
