"""Command line: validate | import | export | search | coverage | stats | init."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from services_catalog.accounts import COMMAND_LINE, ROLES, AccountError, Accounts
from services_catalog.catalog import Catalog
from services_catalog.coverage import coverage, coverage_json, coverage_table
from services_catalog.coverage_map import coverage_svg
from services_catalog.exporting import FORMATS, export
from services_catalog.gazetteer import Gazetteer
from services_catalog.hours import TIMEZONE
from services_catalog.importing import ImportFailed, import_paths, read_paths, seed_directory
from services_catalog.model import CATEGORIES
from services_catalog.records import Records
from services_catalog.search import Query, Result
from services_catalog.settings import CatalogSettings, redacted_url
from services_catalog.validation import validate_offers


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m services_catalog", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check offer files without writing anything")
    validate.add_argument(
        "paths", nargs="*", type=Path, help="files or directories (default: seed data)"
    )
    imp = sub.add_parser("import", help="import offer files all-or-nothing")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    exp = sub.add_parser("export", help="write every published offer")
    exp.add_argument("--format", choices=FORMATS, default="json")
    exp.add_argument("--output", type=Path, help="file to write (default: standard output)")
    search = sub.add_parser("search", help="nearest offers of a category, or keyword search")
    search.add_argument("--category", choices=CATEGORIES)
    search.add_argument("--near", help="place: town, postcode, any script")
    search.add_argument("--text", help="keyword search over names, providers, tags")
    search.add_argument("--lang", action="append", default=[], help="language the user speaks")
    search.add_argument("--age", type=int)
    search.add_argument("--limit", type=int, default=5)
    search.add_argument("--open-now", action="store_true", help="only offers open now")
    search.add_argument("--json", action="store_true", help="print JSON")
    cover = sub.add_parser(
        "coverage", help="best offer per municipality of the district and category"
    )
    cover.add_argument("--category", choices=CATEGORIES, help="only this category")
    cover.add_argument("--format", choices=("table", "json", "svg"), default="table")
    sub.add_parser("stats", help="counts by category and status")
    admin = sub.add_parser("admin", help="staff accounts of the admin")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    create = admin_sub.add_parser(
        "create-user", help="create a user; the password is read from standard input"
    )
    create.add_argument("--username", required=True)
    create.add_argument("--role", choices=ROLES, default="editor")
    role = admin_sub.add_parser("set-role", help="give a user another role")
    role.add_argument("--username", required=True)
    role.add_argument("--role", choices=ROLES, required=True)
    for name, what in (
        ("disable", "disable a user (their sessions end on their next request)"),
        ("enable", "enable a disabled user again"),
    ):
        admin_sub.add_parser(name, help=what).add_argument("--username", required=True)
    password = admin_sub.add_parser(
        "set-password", help="a new password from standard input (the user's sessions end)"
    )
    password.add_argument("--username", required=True)
    admin_sub.add_parser("list-users", help="every user with role and status")
    sub.add_parser("init", help="create the database and import the seed data if it is empty")
    return parser


def _admin(args: argparse.Namespace, accounts: Accounts, out: TextIO, err: TextIO) -> int:
    """The `admin` commands; every change lands in the account log."""
    command = args.admin_command
    try:
        if command == "list-users":
            for user in accounts.all():
                status = "disabled" if user.disabled else "active"
                print(f"{user.username}\t{user.role}\t{status}", file=out)
            return 0
        if command == "create-user":
            password = sys.stdin.readline().rstrip("\n")
            user = accounts.create(args.username, password, args.role)
            print(f"created {user.role} {user.username}", file=out)
        elif command == "set-role":
            accounts.set_role(args.username, args.role, COMMAND_LINE)
            print(f"{args.username} is now {args.role}", file=out)
        elif command in ("disable", "enable"):
            accounts.set_disabled(args.username, command == "disable", COMMAND_LINE)
            print(f"{args.username} is {command}d", file=out)
        elif command == "set-password":
            accounts.set_password(args.username, sys.stdin.readline().rstrip("\n"), COMMAND_LINE)
            print(f"new password set for {args.username}; their sessions have ended", file=out)
    except AccountError as problem:
        print(f"error: {problem}", file=err)
        return 1
    return 0


def _print_problems(problems: Sequence[object], out: TextIO) -> None:
    for problem in problems:
        print(f"error: {problem}", file=out)
    print(f"{len(problems)} problem(s); nothing was written.", file=out)


def _result_json(result: Result, lang: str) -> dict[str, Any]:
    offer = result.offer
    return {
        "id": offer.id,
        "category": offer.category,
        "name": offer.name_in(lang),
        "provider": offer.provider,
        "town": result.location.town if result.location else None,
        "distance_km": round(result.distance_km, 2) if result.distance_km is not None else None,
        "reasons": list(result.reasons),
        "open_now": result.open_now,
        "languages": list(offer.languages),
        "verified_on": offer.verified_on,
    }


def _search(args: argparse.Namespace, catalog: Catalog, out: TextIO, err: TextIO) -> int:
    lang = args.lang[0] if args.lang else "de"
    if args.text:
        hits = catalog.index.keyword(args.text, limit=args.limit)
        rows = [
            {"id": o.id, "name": o.name_in(lang), "provider": o.provider, "score": s}
            for o, s in hits
        ]
        if args.json:
            print(
                json.dumps({"query": args.text, "offers": rows}, ensure_ascii=False, indent=2),
                file=out,
            )
        else:
            for row in rows:
                print(f"{row['score']:5.1f}  {row['id']}  {row['name']}", file=out)
        return 0
    if not args.category or not args.near:
        print("error: search needs --category and --near, or --text", file=err)
        return 2
    match = catalog.gazetteer.resolve(args.near)
    if match.place is None:
        candidates = [p.name for p in match.candidates]
        missing: dict[str, Any] = {"place": None, "candidates": candidates, "offers": []}
        if args.json:
            print(json.dumps(missing, ensure_ascii=False, indent=2), file=out)
        else:
            hint = f" Did you mean {', '.join(candidates)}?" if candidates else ""
            print(f"Place not found: {args.near!r}.{hint}", file=out)
        return 1
    now = datetime.now(TIMEZONE)
    page = catalog.nearest(
        Query(
            args.category,
            place=match.place,
            languages=tuple(args.lang),
            age=args.age,
            at=now,
            only_open=args.open_now,
            limit=args.limit,
        )
    )
    place = match.place
    payload: dict[str, Any] = {
        "place": {
            "id": place.id,
            "name": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "matched": match.matched,
            "method": match.method,
        },
        "offers": [_result_json(r, lang) for r in page.results],
        "has_more": page.has_more,
    }
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        print(f"{place.name} ({match.method}):", file=out)
        for row in payload["offers"]:
            km = f"{row['distance_km']:.1f} km" if row["distance_km"] is not None else "-"
            print(f"  {km:>9}  {row['id']}  [{', '.join(row['reasons'])}]", file=out)
    return 0


def _coverage(args: argparse.Namespace, catalog: Catalog, out: TextIO, err: TextIO) -> int:
    if args.format == "svg" and not args.category:
        print("error: the svg map shows one category: give --category", file=err)
        return 2
    cells = coverage(catalog.index, [args.category] if args.category else CATEGORIES)
    if args.format == "json":
        print(json.dumps(coverage_json(cells), ensure_ascii=False, indent=2), file=out)
    elif args.format == "svg":
        demand = {
            row.place_id: row.count
            for row in Records(catalog.store.engine).demand_counts()
            if row.category == args.category
        }
        title = f"Coverage of {args.category} in the district"
        out.write(coverage_svg(cells, catalog.gazetteer, title, demand))
    else:
        out.write(coverage_table(cells))
    return 0


def main(
    argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Run one command; returns the exit code (0 ok, 1 problems found, 2 usage)."""
    args = _parser().parse_args(argv)
    settings = CatalogSettings.from_env()
    if args.command == "validate":
        raws, problems = read_paths(args.paths or [seed_directory()])
        offers, more = validate_offers(raws, Gazetteer.load(settings.places_file))
        if problems or more:
            _print_problems([*problems, *more], err)
            return 1
        print(f"{len(offers)} offers valid.", file=out)
        return 0
    catalog = Catalog.open(settings, seed=args.command != "import")
    if args.command == "import":
        try:
            result = import_paths(catalog.store, args.paths, dry_run=args.dry_run)
        except ImportFailed as failed:
            _print_problems(failed.problems, err)
            return 1
        verb = "would import" if result.dry_run else "imported"
        print(
            f"{verb} {len(result.offers)} offers ({result.new} new, {result.changed} changed).",
            file=out,
        )
        return 0
    if args.command == "export":
        text = export(catalog.store.offers(), args.format, catalog.gazetteer)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            out.write(text)
        return 0
    if args.command == "search":
        return _search(args, catalog, out, err)
    if args.command == "coverage":
        return _coverage(args, catalog, out, err)
    if args.command == "admin":
        return _admin(args, Accounts(catalog.store.engine), out, err)
    offers = catalog.store.offers(status=None)
    if args.command == "stats":
        print(
            f"{len(offers)} offers; by status: {dict(Counter(o.status for o in offers))}", file=out
        )
        for category, count in sorted(
            Counter(o.category for o in offers if o.status == "published").items()
        ):
            print(f"  {category:28} {count}", file=out)
        unverified = sum(1 for o in offers if not o.verified_on)
        print(f"  not yet verified: {unverified}", file=out)
        return 0
    where = redacted_url(settings.database_url)
    print(f"catalog ready: {len(offers)} offers in {where}", file=out)
    return 0
