"""Worker threads for the admin's slow work, so the gateway's event loop keeps serving chats.

Two single-thread pools: password hashing and checks (argon2 takes ~50 ms and several threads
of CPU on purpose) and building the pages that load every offer. One job at a time each, at a
lower CPU priority: a burst of logins or staff opening big pages cannot starve the loop of
CPU or of the GIL on a small machine; they wait for each other instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import aiohttp_jinja2
from aiohttp import web

T = TypeVar("T")


def _lower_priority() -> None:
    """Nice the worker thread (on Linux per thread): the event loop's thread goes first."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


_PASSWORDS = ThreadPoolExecutor(1, thread_name_prefix="admin-argon2", initializer=_lower_priority)
_PAGES = ThreadPoolExecutor(1, thread_name_prefix="admin-pages", initializer=_lower_priority)


async def password_work(function: Callable[..., T], *args: Any) -> T:
    """Hash or check a password off the event loop, one at a time."""
    return await asyncio.get_running_loop().run_in_executor(_PASSWORDS, function, *args)


async def page_work(function: Callable[..., T], *args: Any) -> T:
    """Load or compute a big page's data off the event loop, one page at a time."""
    return await asyncio.get_running_loop().run_in_executor(_PAGES, function, *args)


async def render_in_thread(
    name: str, request: web.Request, context: dict[str, Any]
) -> web.Response:
    """Render a template off the event loop (a page of thousands of offers takes a while)."""

    response: web.Response = await page_work(aiohttp_jinja2.render_template, name, request, context)
    return response
