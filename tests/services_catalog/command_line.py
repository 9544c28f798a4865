"""The catalog's command line run in process: `main` with argv, as `python -m services_catalog`
calls it, on a given database, with standard input, output and error of its own."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import NamedTuple

import pytest

from services_catalog.cli import main


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., Done]


def command_line(monkeypatch: pytest.MonkeyPatch, url: str) -> Cli:
    """`python -m services_catalog ARGV` (stdin: the text read as standard input) on `url`."""
    monkeypatch.setenv("CATALOG_DATABASE_URL", url)

    def run(*argv: str, stdin: str = "") -> Done:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), out=out, err=err)
        return Done(code, out.getvalue(), err.getvalue())

    return run
