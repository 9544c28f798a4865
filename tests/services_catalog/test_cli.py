"""The command line: `main` called in process with argv, as `python -m services_catalog …`
calls it; one test runs that entry point itself in a subprocess, standard input included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.fakes.offers import make_offer
from tests.services_catalog.command_line import Cli, command_line


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """The command line on an empty database (commands other than import seed it)."""
    return command_line(monkeypatch, f"sqlite:///{tmp_path / 'catalog.sqlite3'}")


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch, seeded_url: str) -> Cli:
    """The command line on a database already holding the seed catalog."""
    return command_line(monkeypatch, seeded_url)


def test_validate_seed_data(run: Cli) -> None:
    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert "offers valid" in done.stdout


def test_search_json_resolves_the_place_and_ranks(seeded: Cli) -> None:
    done = seeded("search", "--category", "language_course", "--near", "Doebeln", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["place"]["id"] == "doebeln"
    assert payload["offers"][0]["town"] == "Döbeln"
    assert payload["offers"][0]["distance_km"] < 1


def test_search_unknown_place_suggests(seeded: Cli) -> None:
    done = seeded("search", "--category", "health_care", "--near", "Freiburg", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["candidates"][0] == "Freiberg"


def test_keyword_search(seeded: Cli) -> None:
    done = seeded("search", "--text", "BABS", "--json")
    assert done.returncode == 0, done.stderr
    assert "babs" in json.loads(done.stdout)["offers"][0]["id"]


def test_import_with_errors_exits_1_and_writes_nothing(run: Cli, tmp_path: Path) -> None:
    assert run("init").returncode == 0
    before = json.loads(run("export", "--format", "json").stdout)
    assert before  # init seeded the empty database
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump({"offers": [make_offer(), make_offer(id="x-y", category="nope")]}),
        encoding="utf-8",
    )
    done = run("import", str(bad))
    assert done.returncode == 1
    assert "offer 'x-y', field 'category': unknown category 'nope'" in done.stderr
    after = json.loads(run("export", "--format", "json").stdout)
    assert after == before


def test_import_and_export_csv(run: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        yaml.safe_dump({"offers": [make_offer()]}, allow_unicode=True), encoding="utf-8"
    )
    done = run("import", str(good))
    assert done.returncode == 0, done.stderr
    assert "imported 1 offers (1 new, 0 changed)" in done.stdout
    out = tmp_path / "offers.csv"
    assert run("export", "--format", "csv", "--output", str(out)).returncode == 0
    assert "test-course-doebeln" in out.read_text(encoding="utf-8")


def test_hsds_export_validates_against_the_official_schema(
    seeded: Cli, hsds_service_validator: jsonschema.Draft7Validator
) -> None:
    done = seeded("export", "--format", "hsds")
    assert done.returncode == 0, done.stderr
    services = json.loads(done.stdout)
    assert len(services) >= 40
    for service in services:
        errors = sorted(hsds_service_validator.iter_errors(service), key=str)
        assert errors == [], (service["name"], [e.message for e in errors[:3]])


def test_stats(seeded: Cli) -> None:
    done = seeded("stats")
    assert done.returncode == 0, done.stderr
    assert "language_course" in done.stdout


def test_python_m_services_catalog_reads_stdin_and_exits_with_the_code(seeded_url: str) -> None:
    """The entry point as users run it: its own process, a password piped into it, and the
    exit code and message of a refusal (a success would exit 0 even if the code were lost)."""
    done = subprocess.run(
        [sys.executable, "-m", "services_catalog", "admin", "create-user", "--username", "ada"],
        input="short\n",
        capture_output=True,
        text=True,
        env={**os.environ, "CATALOG_DATABASE_URL": seeded_url},
        timeout=120,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "at least 10 characters" in done.stderr


def test_admin_create_user_reads_the_password_from_stdin(seeded: Cli) -> None:
    done = seeded("admin", "create-user", "--username", "bob", stdin="a long enough password\n")
    assert done.returncode == 0, done.stderr
    assert "created editor bob" in done.stdout
    done = seeded("admin", "create-user", "--username", "eve", "--role", "admin", stdin="short\n")
    assert done.returncode == 1 and "at least 10 characters" in done.stderr
    assert seeded("admin", "list-users").stdout.splitlines() == ["bob\teditor\tactive"]
