"""`python -m bot.rasa_server`: Rasa gets the token however it is spelt."""

import argparse
import sys

import pytest
import rasa.__main__

from bot import rasa_server


@pytest.mark.parametrize("token", ["plain-token_123", "-starts-with-a-dash", "--double"])
def test_rasa_parses_the_auth_token_it_is_given(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    seen: dict[str, argparse.Namespace] = {}
    monkeypatch.setenv("RASA_AUTH_TOKEN", token)
    monkeypatch.setattr(
        sys, "argv", ["bot.rasa_server", "run", "--enable-api", "-m", "model.tar.gz"]
    )
    monkeypatch.setattr(rasa_server, "warm_up_after_loading", lambda: None)

    def parse_as_rasa_would() -> None:
        seen["args"] = rasa.__main__.create_argument_parser().parse_args(sys.argv[1:])

    monkeypatch.setattr(rasa.__main__, "main", parse_as_rasa_would)
    rasa_server.main()
    assert seen["args"].auth_token == token


def test_refuses_to_start_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    with pytest.raises(SystemExit):
        rasa_server.main()
