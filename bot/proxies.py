"""The client's address behind a reverse proxy: X-Forwarded-For counts only from trusted peers."""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web

from bot.settings import Network

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Middleware = Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]


def _trusted(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: Sequence[str], trusted: Sequence[Network]) -> str:
    """The client's address: the peer itself, unless the peer is a trusted proxy; then the
    nearest address in X-Forwarded-For that is not a trusted proxy (read from the right, as
    each proxy appends the address it saw; what is left of it the client could forge)."""
    if not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # garbage in the chain: fall back to the proxy, never to a made-up name
        if not _trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def forwarded_client(trusted: Sequence[Network]) -> Middleware:
    """A middleware that makes `request.remote` the client's address for every handler
    (the chat limits, the admin's login limiter) when a trusted proxy forwarded the request."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        peer = request.remote or ""
        if trusted and _trusted(peer, trusted):
            client = client_address(peer, request.headers.getall("X-Forwarded-For", []), trusted)
            if client != peer:
                request = request.clone(remote=client)
        return await handler(request)

    return middleware
