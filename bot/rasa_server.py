"""`python -m bot.rasa_server run …`: `rasa run` with its HTTP API locked by RASA_AUTH_TOKEN.

The token is read from the environment and given to Rasa inside this process, so it never
shows on a command line (`ps` shows every user the arguments, not the environment). The
model is warmed up before the server listens (ready means ready).
"""

from __future__ import annotations

import os
import sys
from typing import Any

# Messages parsed once after the model is loaded, before the server listens (one per script):
# the first user after a (re)start then meets a warm model, not a cold one.
WARM_UP_TEXTS = ("Ich suche einen Deutschkurs in Döbeln", "أحتاج طبيب", "Мені потрібен лікар")


def warm_up_after_loading() -> None:
    """Make `rasa run` parse WARM_UP_TEXTS right after loading the model, before it serves."""
    import rasa.core.run

    from bot.i18n import translations
    from services_catalog.heap import freeze_startup_heap
    from services_catalog.languages import SUPPORTED_LANGUAGES

    load = rasa.core.run.load_agent_on_start

    async def load_and_warm_up(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        for text in WARM_UP_TEXTS:
            await agent.parse_message(text)
        for lang in SUPPORTED_LANGUAGES:  # the in-process NLG's catalogs (bot.nlg)
            translations(lang)
        if agent.tracker_store is not None:  # its database connection; reads, writes nothing
            await agent.tracker_store.retrieve("wegweiser-warm-up")
        freeze_startup_heap()  # the model and TensorFlow: no full collection walks them
        return agent

    rasa.core.run.load_agent_on_start = load_and_warm_up  # looked up when `run` starts


def main() -> None:
    """Start Rasa with `--auth-token` from RASA_AUTH_TOKEN; refuse to start without it."""
    token = os.environ.get("RASA_AUTH_TOKEN", "")
    if not token:
        raise SystemExit("RASA_AUTH_TOKEN is required: it protects Rasa's HTTP API")
    # One argument with "=": a token that starts with "-" (1 in 64 of token_urlsafe) would
    # otherwise be read by argparse as an option, and Rasa would refuse to start.
    sys.argv = ["rasa", *sys.argv[1:], f"--auth-token={token}"]
    from rasa.__main__ import main as rasa_main

    warm_up_after_loading()
    rasa_main()


if __name__ == "__main__":
    main()
