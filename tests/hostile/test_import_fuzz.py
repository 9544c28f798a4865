"""Fuzzed YAML, JSON and CSV imports: only ImportFailed is raised, and a failure writes nothing."""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services_catalog.csv_format import COLUMNS, offer_to_rows
from services_catalog.exporting import export
from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import ImportFailed, ImportResult, import_raw, parse_text
from services_catalog.storage import CatalogStore
from services_catalog.validation import Problem, validate_offer
from tests.fakes.offers import make_location, make_offer

# 200 examples per test (300 before; the unit tests must stay well under a minute). Checked
# when it was lowered, 10 seeds each: every run still found each of four bugs put into the
# importer once (a crash on a bad date, a crash on a non-text list item, a dry run that
# writes, a failed import that writes its valid offers).
FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KEPT = make_offer(
    id="kept-offer",
    category="migration_counselling",
    name={"de": "Beratung (bleibt)", "en": "Counselling (stays)"},
    locations=[make_location("freiberg", "Freiberg", opening_hours="Mo 10:00-12:00")],
    contact={"phone": "+49 3731 1234567", "email": "a@b.de", "website": "", "booking_url": ""},
)
ODD_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [
        "",
        " ",
        "de",
        "xx",
        "Döbeln",
        "doebeln",
        "nowhere",
        "mittelsachsen",
        "Mo-Fr 09:00-16:00",
        "24/7",
        "Mo-Fr 25:00-26:00",
        "week 54",
        "PH off; PH off; Mo-Su",
        "+49 3431 1234",
        "110",
        "116 016",
        "0",
        "http://",
        "https://example.org/a b",
        "2999-01-01",
        "2024-02-30",
        "<script>alert(1)</script>",
        "'; DROP TABLE offers; --",
        "\u202e\x00\x1b",
        -1,
        121,
        2**63,
        50.9,
        13.3,
        1e308,
        float("nan"),
        float("inf"),
        True,
        None,
        [],
        {},
    ]
)
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | ODD_VALUES
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
YAML_TOKENS = st.sampled_from(
    [
        "offers:",
        "\n- ",
        "\n  ",
        "id: ",
        "name: {de: ",
        "locations: [",
        ": ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        "&a ",
        "*a",
        "<<: *a",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!timestamp 2001-12-14",
        "!!python/object/apply:os.system ['true']",
        "!!str ",
        "!!float ",
        "!!bool ",
        "!!int ",
        "!!timestamp ",
        "? ",
        "|\n  ",
        ">-\n  ",
        "'",
        '"',
        '"\\x00"',
        '"\\u202e"',
        "#",
        "---\n",
        "\n...\n",
        "%YAML 1.1\n",
        "~",
        ".nan",
        ".inf",
        "0x1F",
        "0o17",
        "1e999",
        "2024-02-30",
        "yes",
        "\t",
        "\ufeff",
    ]
)
RANDOM_YAML = st.lists(YAML_TOKENS | st.text(max_size=6), max_size=40).map("".join)
CSV_TOKENS = st.sampled_from([",", '"', '""', "\n", "\r\n", "\r", ";", " ", "\x00", "\ufeff"])
RANDOM_CSV = st.lists(CSV_TOKENS | st.text(max_size=8), max_size=60).map("".join)


def snapshot(store: CatalogStore) -> tuple[str, list[dict[str, Any]], tuple[int, int, str]]:
    """Everything an import could change: the JSON export, every offer, the change token."""
    offers = store.offers(status=None)
    return (
        export(offers, "json", store.gazetteer),
        [offer.to_dict() for offer in offers],
        store.change_token(),
    )


class FreshStore:
    """An in-memory catalog holding one offer that a failed import must leave alone, put back
    into exactly that state before each example (a new catalog per example spent half of the
    fuzzing's time creating the schema)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.store = CatalogStore.open("sqlite://", gazetteer)  # one connection per thread
        import_raw(self.store, [KEPT])
        self.template = sqlite3.connect(":memory:")
        with self.store.engine.connect() as conn:
            conn.connection.driver_connection.backup(self.template)
        self.before = snapshot(self.store)  # what each example starts from

    def __call__(self) -> CatalogStore:
        """The catalog, its database overwritten with the copy taken at the start."""
        with self.store.engine.connect() as conn:
            self.template.backup(conn.connection.driver_connection)
        return self.store


@pytest.fixture(scope="module")
def fresh_store(gazetteer: Gazetteer) -> Iterator[FreshStore]:
    fresh = FreshStore(gazetteer)
    yield fresh
    fresh.store.engine.dispose()
    fresh.template.close()


def import_text(store: CatalogStore, text: str, fmt: str, dry_run: bool) -> ImportResult:
    """What `python -m services_catalog import` does with one file's text."""
    raws, problems = parse_text(text, fmt, f"fuzz.{fmt}")
    if problems:
        raise ImportFailed(problems)
    return import_raw(store, raws, dry_run=dry_run)


def check_import(fresh_store: FreshStore, text: str, fmt: str, dry_run: bool = False) -> None:
    """Import the text: ImportFailed leaves the store as it was; success stores every offer."""
    store, before = fresh_store(), fresh_store.before
    try:
        result = import_text(store, text, fmt, dry_run)
    except ImportFailed as failed:
        assert failed.problems
        for problem in failed.problems:  # clear, and in proportion to what was read
            assert isinstance(problem, Problem) and str(problem)
            assert len(str(problem)) <= 1000 + 10 * len(text), str(problem)[:300]
        assert snapshot(store) == before
        return
    after = snapshot(store)
    if dry_run:
        assert after == before
        return
    stored = {doc["id"]: doc for doc in after[1]}
    assert "kept-offer" in stored
    for offer in result.offers:  # what was written can be read back, unchanged
        assert offer.id in stored, offer.id
        written = {key: v for key, v in stored[offer.id].items() if key != "updated_at"}
        assert written == {key: v for key, v in offer.to_dict().items() if key != "updated_at"}


def leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a raw offer (dict keys and list indexes), subtrees included."""
    paths = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            paths.extend(leaf_paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            paths.extend(leaf_paths(inner, (*prefix, index)))
    return paths


SEED = make_offer(
    locations=[
        make_location("doebeln", "Döbeln", postcode="04720", address="Bahnhofstraße 1"),
        make_location("freiberg", "Freiberg", lat=50.92, lon=13.34, appointment_only=True),
    ],
    contact={
        "phone": "+49 3431 7120",
        "email": "kurs@example.org",
        "website": "",
        "booking_url": "",
    },
    eligibility={"audiences": ["youth"], "min_age": 12, "max_age": 26, "note": {"de": "Jung"}},
    service_area=["mittelsachsen"],
    languages=["de", "ar", "uk"],
)
SEED_PATHS = leaf_paths(SEED)


@st.composite
def mutated_offer(draw: st.DrawFn) -> dict[str, Any]:
    """The valid seed offer with one to four fields replaced, removed or added."""
    offer = copy.deepcopy(SEED)
    offer["id"] = draw(st.sampled_from(["test-course-doebeln", "kept-offer", "another-one"]))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(SEED_PATHS))
        parent: Any = offer
        for key in path[:-1]:
            ok = isinstance(parent, dict) and key in parent
            ok = ok or (isinstance(parent, list) and isinstance(key, int) and key < len(parent))
            parent = parent[key] if ok else None
        key = path[-1]
        if isinstance(parent, list) and not (isinstance(key, int) and key < len(parent)):
            continue  # an earlier mutation shortened this list or put a list where a dict was
        if not isinstance(parent, dict | list):
            continue  # an earlier mutation removed or replaced this path
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[key] = draw(ODD_VALUES | JSON_VALUES)
        elif action == "delete" and (isinstance(parent, list) or key in parent):
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(JSON_VALUES)
        else:
            parent.append(draw(JSON_VALUES))
    return offer


def as_csv(gazetteer: Gazetteer, cells: dict[str, str]) -> str:
    """The valid seed offer as the CSV import reads it, with some cells overwritten."""
    cells = {k.replace("\0", ""): v.replace("\0", "") for k, v in cells.items()}  # unwritable
    offer, problems = validate_offer(SEED, gazetteer)
    assert offer is not None, problems
    buffer = io.StringIO()
    columns = [*COLUMNS, *(key for key in cells if key not in COLUMNS)]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in offer_to_rows(offer.to_dict()):
        writer.writerow({**row, **cells})
    return buffer.getvalue()


@st.composite
def text_mutation(draw: st.DrawFn, text: str) -> str:
    """The text with up to three chunks inserted, deleted or replaced at random places."""
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        chunk = draw(st.text(max_size=6) | YAML_TOKENS | CSV_TOKENS)
        text = text[:start] + chunk + text[end:]
    return text


@FUZZ
@given(
    text=RANDOM_YAML
    | st.builds(lambda v: yaml.safe_dump(v, allow_unicode=True), JSON_VALUES)
    | st.builds(
        lambda offers: yaml.safe_dump({"offers": offers}, allow_unicode=True),
        st.lists(
            st.dictionaries(st.sampled_from(sorted(SEED)) | st.text(max_size=6), JSON_VALUES),
            max_size=3,
        ),
    ),
    dry_run=st.booleans(),
)
def test_random_yaml_never_crashes_or_half_writes(
    fresh_store: FreshStore, text: str, dry_run: bool
) -> None:
    """Random YAML texts: only ImportFailed, and a failure writes nothing."""
    check_import(fresh_store, text, "yaml", dry_run)


CELLS = st.dictionaries(
    st.sampled_from(COLUMNS) | st.text(max_size=6),
    ODD_VALUES.map(str) | st.text(max_size=12) | CSV_TOKENS,
    max_size=4,
)


@FUZZ
@given(data=st.data(), dry_run=st.booleans())
def test_random_csv_never_crashes_or_half_writes(
    gazetteer: Gazetteer, fresh_store: FreshStore, data: st.DataObject, dry_run: bool
) -> None:
    """Random CSV texts: only ImportFailed, and a failure writes nothing."""
    text = data.draw(
        RANDOM_CSV
        | st.builds(
            lambda header, body: ",".join(header) + "\n" + body,
            st.lists(st.sampled_from(COLUMNS), max_size=12),
            RANDOM_CSV,
        )
        | CELLS.map(lambda cells: as_csv(gazetteer, cells))
    )
    check_import(fresh_store, text, "csv", dry_run)


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(["yaml", "json", "csv"]))
def test_mutated_seed_offers_never_crash_or_half_write(
    gazetteer: Gazetteer, fresh_store: FreshStore, data: st.DataObject, fmt: str
) -> None:
    """A valid offer, mutated and then garbled as text: same guarantees."""
    if fmt == "csv":
        text = as_csv(gazetteer, data.draw(CELLS))
    else:
        offers = data.draw(st.lists(mutated_offer(), min_size=1, max_size=3))
        if data.draw(st.booleans()):
            offers.append(make_offer(id="a-valid-neighbour"))  # written only with the others
        if fmt == "yaml":
            text = yaml.safe_dump({"offers": offers}, allow_unicode=True)
        else:
            text = json.dumps(offers, ensure_ascii=data.draw(st.booleans()))
    text = data.draw(text_mutation(text))
    check_import(fresh_store, text, fmt)


def alias_bomb(levels: int) -> str:
    """YAML whose offer id is an alias of 10 aliases of 10 … (10**levels strings in all)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    lines.append(f"offers:\n- id: *a{levels - 1}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        # A lone surrogate written as an escape is legal YAML and JSON text.
        (
            yaml.safe_dump({"offers": [make_offer()]}, allow_unicode=True).replace(
                "provider: Testanbieter", 'provider: "Test\\ud800anbieter"'
            ),
            "yaml",
        ),
        (json.dumps([make_offer(provider="Test\ud800anbieter")]), "json"),
        # Nesting deeper than Python's recursion limit.
        ("[" * 5000 + "]" * 5000, "yaml"),
        ("offers: " + "[" * 5000 + "]" * 5000, "yaml"),
        ("[" * 5000 + "]" * 5000, "json"),
        # Explicit YAML tags whose constructors fail with other errors than YAMLError.
        ("offers:\n- verified_on: !!timestamp 2024-01-01x", "yaml"),
        ("offers:\n- synthetic: !!bool maybe", "yaml"),
        ("offers:\n- eligibility: {min_age: !!int }", "yaml"),
        ("offers:\n- locations: [{lat: !!float _, lon: 13.3}]", "yaml"),
        # Aliases that multiply (a "billion laughs" of 352 bytes): a 5 MB problem message.
        (alias_bomb(6), "yaml"),
    ],
    ids=[
        "surrogate-yaml",
        "surrogate-json",
        "deep-yaml",
        "deep-offers-yaml",
        "deep-json",
        "bad-timestamp-tag",
        "bad-bool-tag",
        "empty-int-tag",
        "bad-float-tag",
        "alias-bomb",
    ],
)
def test_pathological_files_are_import_failed(fresh_store: FreshStore, text: str, fmt: str) -> None:
    """Surrogate escapes, deep nesting, bad tags, alias bombs: ImportFailed."""
    check_import(fresh_store, text, fmt)
