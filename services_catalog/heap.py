"""The garbage collector and a long-running server process."""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Move everything loaded at startup (catalog, translations, models) out of the garbage
    collector's sight, and return how many objects that is. It lives as long as the process,
    yet every full collection, triggered by any burst of allocations in any thread (a staff
    member opening the offer list), walked all of it with the GIL held: ~50 ms during which
    the event loop answered nobody (bench/loop_lag.py). Call once, when startup is done."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
