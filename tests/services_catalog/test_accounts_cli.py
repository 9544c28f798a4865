"""`python -m services_catalog admin …` takes staff access back; output shows no secrets."""

from __future__ import annotations

import pytest

from services_catalog.accounts import Accounts
from services_catalog.settings import redacted_url
from services_catalog.storage import create_catalog_engine
from tests.services_catalog.command_line import command_line

PASSWORD = "correct horse battery"


def test_disable_role_and_password_from_the_command_line(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seeded_url
    run = command_line(monkeypatch, url)
    for name, role in (("ada", "admin"), ("eddie", "editor")):
        code, _, _ = run("admin", "create-user", "--username", name, "--role", role, stdin=PASSWORD)
        assert code == 0
    assert run("admin", "disable", "--username", "eddie")[0] == 0
    accounts = Accounts(create_catalog_engine(url))
    assert accounts.authenticate("eddie", PASSWORD) is None
    assert run("admin", "list-users")[1].splitlines() == [
        "ada\tadmin\tactive",
        "eddie\teditor\tdisabled",
    ]
    assert run("admin", "enable", "--username", "eddie")[0] == 0
    assert run("admin", "set-role", "--username", "eddie", "--role", "admin")[0] == 0
    new = "a different passphrase"
    assert run("admin", "set-password", "--username", "eddie", stdin=new)[0] == 0
    user = accounts.authenticate("eddie", new)
    assert user is not None and user.role == "admin"
    code, _, err = run("admin", "disable", "--username", "nobody")
    assert code == 1 and "no user" in err
    demote = ("admin", "set-role", "--role", "editor", "--username")
    assert run(*demote, "eddie")[0] == 0
    code, _, err = run(*demote, "ada")  # the last admin stays
    assert code == 1 and "last active admin" in err
    actions = [(c.actor, c.username, c.action) for c in accounts.changes()]
    assert ("command line", "eddie", "disabled") in actions
    assert ("command line", "eddie", "password set") in actions


def test_database_urls_are_printed_without_the_password() -> None:
    shown = redacted_url("postgresql://wegweiser:s3cret-pw@db.example:5432/catalog")
    assert "s3cret-pw" not in shown and shown.startswith("postgresql://wegweiser:***@db.example")
    assert redacted_url("sqlite:///var/catalog.sqlite3") == "sqlite:///var/catalog.sqlite3"
