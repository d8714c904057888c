"""Compressed answers: brotli when the client ranks it at least as high as gzip, gzip when it prefers that, for
bodies of at least `minimum_size` bytes (PEERGRAPH_COMPRESS_MIN_BYTES).

The compressing is starlette-compress's (streaming, `Vary: Accept-Encoding`, only compressible content types).
Its choice goes by the server's order, not by the client's q-values; so here the request's `Accept-Encoding` is
read first (RFC 9110 weights, `*` included) and only the encoding the client prefers is passed on to it. zstd is
left off: browsers that send it send brotli too, and one fewer codec is one fewer to test.

Measured on the sample's 5,103-author WorkDetail (565,440 bytes of JSON; CPU time, best of 15, on this 2-core VM):
brotli quality 4 87,041 bytes in 5.6-8.0 ms, quality 5 83,422 in 15-18 ms; gzip level 6 85,876 in 9-11 ms,
level 9 (Starlette's GZipMiddleware's) 84,226 in 26-29 ms. So brotli 4 and gzip 6: the same size for a third of
what gzip 9 cost.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send
from starlette_compress import CompressMiddleware

BROTLI_QUALITY = 4
GZIP_LEVEL = 6


def preferred_encoding(accept_encoding: str) -> str | None:
    """ "br" or "gzip", whichever `accept_encoding` weighs more ("br" on a tie), or None when it accepts neither."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        name = coding.strip().lower()
        if name:
            weights[name] = weight
    anything = weights.get("*", 0.0)
    brotli = weights.get("br", anything)
    gzip = weights.get("gzip", weights.get("x-gzip", anything))
    if brotli > 0 and brotli >= gzip:
        return "br"
    return "gzip" if gzip > 0 else None


class Compression:
    """ASGI middleware: the answer in the encoding the client prefers, when it is big enough to be worth it."""

    def __init__(self, app: ASGIApp, minimum_size: int) -> None:
        self.app = app
        self.compress = CompressMiddleware(
            app, minimum_size=minimum_size, zstd=False, brotli_quality=BROTLI_QUALITY, gzip_level=GZIP_LEVEL
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = list(scope["headers"])
        offered = b",".join(value for name, value in headers if name == b"accept-encoding").decode("latin-1")
        chosen = preferred_encoding(offered)
        kept = [(name, value) for name, value in headers if name != b"accept-encoding"]
        if chosen is not None:
            kept.append((b"accept-encoding", chosen.encode()))
        await self.compress({**scope, "headers": kept}, receive, send)
