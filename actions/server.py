"""`python -m actions.server`: rasa-sdk's action server, warmed up before it answers /health.

rasa-sdk's /health says "ok" as soon as the web server listens; the language detector and
the catalog's search index would then load on the first user's message (seconds on a busy
machine). Here they load first, so "ready" means ready: the gateway's /healthz turns 200
only when the first reply is as fast as the hundredth. Arguments are rasa-sdk's own.
"""

from __future__ import annotations

import logging
import time

from rasa_sdk import utils
from rasa_sdk.__main__ import main_from_args
from rasa_sdk.endpoint import create_argument_parser

from actions import language, language_names, own_language_model
from actions.base import default_catalog
from services_catalog.heap import freeze_startup_heap
from services_catalog.search import Query

log = logging.getLogger(__name__)

# One sentence per script and language family the detector tells apart, so that every
# language model lingua needs is loaded (it loads them lazily, per candidate language).
WARM_UP_TEXTS = (
    "Ich suche einen Deutschkurs in Döbeln",
    "I am looking for a doctor in Freiberg",
    "أبحث عن دورة لغة ألمانية",
    "دنبال کلاس زبان آلمانی هستم",
    "Мені потрібна консультація щодо визнання диплома",
    "Мне нужна консультация по визнанию диплома",
    "Almanca kursu arıyorum",
    "Szukam kursu języka niemieckiego",
    "Hledám kurz němčiny",
    "Caut un curs de germană",
    "Tôi tìm lớp học tiếng Đức",
    "Je cherche un cours d'allemand",
)


def warm_up() -> float:
    """Load the language detectors (lingua and our own examples' model), the catalog and its
    search index; returns seconds taken."""
    started = time.perf_counter()
    own_language_model.load()
    for text in WARM_UP_TEXTS:
        language.detect(text)
    language_names.named_language("auf Deutsch bitte")
    catalog = default_catalog()
    catalog.refresh()
    catalog.gazetteer.without_places(WARM_UP_TEXTS[0])
    place = catalog.gazetteer.resolve("Döbeln").place
    if place is not None:
        catalog.nearest(
            Query(category="language_course", place=place, lat=place.lat, lon=place.lon)
        )
    return time.perf_counter() - started


def main() -> None:
    """Warm up, then run rasa-sdk's server with the command line's arguments."""
    args = create_argument_parser().parse_args()
    utils.configure_colored_logging(args.loglevel)  # as rasa-sdk does, before it starts
    log.info("warming up the action server (language detector, catalog index)")
    log.info("action server warmed up in %.1f s", warm_up())
    freeze_startup_heap()  # the catalog index and detectors: no full collection walks them
    main_from_args(args)


if __name__ == "__main__":
    main()
