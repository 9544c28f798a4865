"""Storage and import: schema version, all-or-nothing imports, CSV/JSON round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from services_catalog.exporting import export
from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import ImportFailed, import_paths, import_raw, parse_text
from services_catalog.schema import SCHEMA_VERSION
from services_catalog.storage import CatalogStore
from tests.fakes.offers import make_location, make_offer


def write_yaml(path: Path, offers: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"offers": offers}, allow_unicode=True), encoding="utf-8")
    return path


def test_schema_is_created_with_a_version(tmp_path: Path, gazetteer: Gazetteer) -> None:
    # a new database, not the `store` fixture's copy of one (opening that would migrate it)
    store = CatalogStore.open(f"sqlite:///{tmp_path / 'new.sqlite3'}", gazetteer)
    assert store.schema_version() == SCHEMA_VERSION
    store.create_schema()  # idempotent
    assert store.count() == 0


def test_import_writes_all_offers(store: CatalogStore, tmp_path: Path) -> None:
    file = write_yaml(tmp_path / "a.yaml", [make_offer(), make_offer(id="second-offer")])
    result = import_paths(store, [file])
    assert (len(result.offers), result.new, result.changed) == (2, 2, 0)
    assert sorted(o.id for o in store.offers()) == ["second-offer", "test-course-doebeln"]


def test_file_with_errors_changes_nothing_and_reports_every_error(
    store: CatalogStore, tmp_path: Path
) -> None:
    import_raw(store, [make_offer(name={"de": "Alt", "en": "Old"})])
    bad = write_yaml(
        tmp_path / "bad.yaml",
        [
            make_offer(name={"de": "Neu", "en": "New"}),  # valid, would change the stored offer
            make_offer(id="bad-one", category="nope"),
            make_offer(id="bad-two", languages=["qq"]),
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        import_paths(store, [bad])
    assert [(p.offer_id, p.field) for p in failed.value.problems] == [
        ("bad-one", "category"),
        ("bad-two", "languages"),
    ]
    stored = store.get("test-course-doebeln")
    assert stored is not None and stored.name["de"] == "Alt"
    assert store.count() == 1


def test_duplicate_ids_across_files_are_an_error(store: CatalogStore, tmp_path: Path) -> None:
    write_yaml(tmp_path / "one.yaml", [make_offer()])
    write_yaml(tmp_path / "two.yaml", [make_offer()])
    with pytest.raises(ImportFailed) as failed:
        import_paths(store, [tmp_path])
    assert [str(p) for p in failed.value.problems] == [
        "offer 'test-course-doebeln', field 'id': used by more than one offer"
    ]
    assert store.count() == 0


def test_unreadable_file_is_reported(store: CatalogStore, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("offers: [ {id: x", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_paths(store, [broken, tmp_path / "missing.yaml"])
    messages = [p.message for p in failed.value.problems]
    assert messages[0] == "no such file or directory"
    assert messages[1].startswith("cannot be read as YAML")


def test_dry_run_writes_nothing(store: CatalogStore) -> None:
    result = import_raw(store, [make_offer()], dry_run=True)
    assert result.new == 1 and result.dry_run
    assert store.count() == 0


def test_reimport_updates_version_and_change_token(store: CatalogStore) -> None:
    import_raw(store, [make_offer()])
    before = store.change_token()
    import_raw(store, [make_offer(cost="fee")])
    after = store.change_token()
    assert before != after and after[0] == 1
    stored = store.get("test-course-doebeln")
    assert stored is not None and stored.cost == "fee"


def test_csv_round_trip_keeps_every_field(store: CatalogStore, gazetteer: Gazetteer) -> None:
    offer = make_offer(
        locations=[
            make_location("doebeln", "Döbeln", address="Bahnhofstraße 1", postcode="04720"),
            make_location("freiberg", "Freiberg", lat=50.92, lon=13.34, appointment_only=True),
        ],
        service_area=["mittelsachsen"],
        languages=["de", "ar"],
        eligibility={"audiences": ["youth"], "min_age": 12, "max_age": 26, "note": {}},
    )
    import_raw(store, [offer])
    text = export(store.offers(), "csv", gazetteer)
    raws, problems = parse_text(text, "csv")
    assert problems == []
    assert raws[0]["locations"][1]["appointment_only"] is True
    again = CatalogStore.open("sqlite://", gazetteer)
    import_raw(again, raws)
    assert again.offers()[0].to_dict() == store.offers()[0].to_dict()


def test_json_export_matches_the_contract(store: CatalogStore, gazetteer: Gazetteer) -> None:
    import_raw(store, [make_offer(), make_offer(id="a-draft", status="draft")])
    exported = json.loads(export(store.offers(), "json", gazetteer))
    assert [o["id"] for o in exported] == ["test-course-doebeln"]  # drafts are not published
    offer = exported[0]
    for key in (
        "id",
        "category",
        "name",
        "provider",
        "locations",
        "service_area",
        "languages",
        "verified_on",
    ):
        assert key in offer
    assert set(offer["locations"][0]) >= {"town", "postcode", "lat", "lon", "opening_hours"}
    assert offer["name"]["de"] == "Deutschkurs Döbeln (Test)"


def test_yaml_export_imports_back_unchanged(store: CatalogStore, gazetteer: Gazetteer) -> None:
    import_raw(store, [make_offer(), make_offer(id="second", languages=["de", "uk"])])
    text = export(store.offers(), "yaml", gazetteer)
    raws, problems = parse_text(text, "yaml")
    assert problems == []
    again = CatalogStore.open("sqlite://", gazetteer)
    import_raw(again, raws)
    assert [o.to_dict() for o in again.offers()] == [o.to_dict() for o in store.offers()]
