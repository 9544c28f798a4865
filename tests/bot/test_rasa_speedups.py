"""The Rasa speed-ups keep Rasa's behaviour: invalid action answers are still refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.rasa_speedups import SQLiteTrackerStore, install


def test_cached_validator_accepts_and_refuses_like_rasa() -> None:
    install()
    action = RemoteAction("action_find_offers", None)
    answer = {"events": [], "responses": [{"response": "utter_greet"}]}
    assert action._validate_action_result(answer)
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list", "responses": []})


def test_sqlite_tracker_store_runs_in_wal_mode(tmp_path: Path) -> None:
    store = SQLiteTrackerStore(db=str(tmp_path / "tracker.sqlite3"))
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA synchronous")).scalar() == 1  # NORMAL
