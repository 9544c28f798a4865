"""Two changes inside the Rasa server process, measured with py-spy (docs/HANDOVER.md):

1. Rasa validates every action server answer with `jsonschema.validate`, which checks the
   schema itself against its meta-schema on every call (about a third of Rasa's time per
   reply here). `install()` validates with one validator built once: the same checks, the
   same errors.
2. `SQLiteTrackerStore`: Rasa's SQL tracker store on SQLite in WAL mode with
   synchronous=NORMAL, so a reply does not wait for an fsync of the whole database.

Both are loaded by Rasa through endpoints.yml (the NLG class imports this module; the
tracker store is named as `type:`), so nothing changes for other Rasa users.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    from jsonschema import validators

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    from jsonschema import ValidationError

    error = next(iter(_action_response_validator().iter_errors(result)), None)
    if error is None:
        return True
    if isinstance(error, ValidationError):
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid."
        )
    raise error


def install() -> None:
    """Validate action server answers with a validator built once (idempotent), built now,
    at Rasa's start, rather than on the first user's turn (~20 ms)."""
    if RemoteAction._validate_action_result is not _validate_action_result:
        RemoteAction._validate_action_result = _validate_action_result
    _action_response_validator()


class SQLiteTrackerStore(SQLTrackerStore):  # type: ignore[misc]  # rasa has no type hints
    """Rasa's SQL tracker store, with SQLite in WAL mode and synchronous=NORMAL."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("dialect", "sqlite")
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":

            def pragmas(dbapi_connection: Any, _record: Any) -> None:
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA busy_timeout=30000")
                cursor.close()

            sa.event.listen(self.engine, "connect", pragmas)
            self.engine.dispose()  # connections opened before the listener get the pragmas too
