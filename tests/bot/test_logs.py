"""A secret that reaches a log line anyway is replaced by ***."""

from __future__ import annotations

import logging

from bot.logs import RedactSecrets


def test_secrets_in_a_log_line_are_replaced() -> None:
    record = logging.LogRecord(
        "telegram.ext",
        logging.ERROR,
        __file__,
        1,
        "failed: %s",
        ("POST /bot123:SECRETTOKEN/x",),
        None,
    )
    assert RedactSecrets(["123:SECRETTOKEN", "", "short"]).filter(record)
    assert record.getMessage() == "failed: POST /bot***/x"
