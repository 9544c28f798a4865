"""`python -m bot.rasa_server run …`: `rasa run` with its HTTP API locked by RASA_AUTH_TOKEN.

The token is read from the environment and given to Rasa inside this process, so it never
shows on a command line (`ps` shows every user the arguments, not the environment).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Start Rasa with `--auth-token` from RASA_AUTH_TOKEN; refuse to start without it."""
    token = os.environ.get("RASA_AUTH_TOKEN", "")
    if not token:
        raise SystemExit("RASA_AUTH_TOKEN is required: it protects Rasa's HTTP API")
    sys.argv = ["rasa", *sys.argv[1:], "--auth-token", token]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
