"""The ASGI application: its configuration, the middleware (body limit, security headers, trusted hosts)
and the routes of ``county``, ``links`` and ``api``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nianbao.web import api, county, links
from nianbao.web.base import Ledger, bare_error, http_error, refused, server_error
from nianbao.web.security import LOCAL_HOSTS, Guard, is_local
from nianbao.web.uploads import MAX_FILE_BYTES, MAX_REQUEST_BYTES
from nianbao.wording import web as words

__all__ = ["WebConfig", "create_app"]


@dataclass(frozen=True)
class WebConfig:
    """Where the ledger is and how the server is reached. ``host`` decides whether the county's pages
    need a password (any address but this machine's)."""

    db: str = "nianbao.sqlite3"
    host: str = "127.0.0.1"
    port: int = 8000
    max_request_bytes: int = MAX_REQUEST_BYTES

    @property
    def local(self) -> bool:
        return is_local(self.host)


# -- middleware --------------------------------------------------------------------------------------
class LimitBody:
    """Refuse a request body over the limit before it fills the disk (Content-Length, or counted)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, _too_large_text(self.limit))
            return message

        await self.app(scope, counted, send)


def _too_large_text(limit: int) -> str:
    return words.REQUEST_TOO_LARGE.format(value=limit // (1024 * 1024), file_mb=MAX_FILE_BYTES // (1024 * 1024))


def _too_large(limit: int) -> Response:
    return bare_error(_too_large_text(limit), 413)


class LocalHostsOnly:
    """Bound to this machine, answer only requests addressed to it by a local name: no other site reaches
    the pages through a name of its own that points here (DNS rebinding). Others get a Chinese page that
    says how to open the page, and nothing of the county."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and _host_name(Headers(scope=scope).get("host", "")) not in self.allowed:
            port = (scope.get("server") or ("", 8000))[1]
            await bare_error(words.ERROR_FOREIGN_HOST.format(port=port), 400)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` gives ``::1``)."""
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class SecurityHeaders:
    """No framing, no sniffing, no referrer (an office link's token must not leak to other sites)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"content-security-policy",
                             b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                             b"frame-ancestors 'none'; form-action 'self'")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(config: WebConfig | None = None) -> Starlette:
    """The application over the ledger at ``config.db``. Beyond this machine the county's pages need the
    password (``Guard.set_password``; ``nianbao serve`` asks for it on first start)."""
    from nianbao.inbox import InboxError

    config = config or WebConfig()
    ledger = Ledger(config.db)
    routes: list[BaseRoute] = [*county.routes(), *links.routes(), *api.routes(),
                               Mount("/static", StaticFiles(packages=[("nianbao.web", "static")]), name="static")]
    middleware = [Middleware(SecurityHeaders), Middleware(LimitBody, limit=config.max_request_bytes)]
    if config.local:  # no other site may reach this server through a name that points here (DNS rebinding)
        middleware.insert(1, Middleware(LocalHostsOnly, allowed=LOCAL_HOSTS))
    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        ledger.close()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error, InboxError: refused,
                                                                    Exception: server_error},
                    lifespan=lifespan)
    app.state.config = config
    app.state.ledger = ledger
    app.state.summaries = {}  # the last summary made (web.outputs.summary), kept while the inbox is unchanged
    app.state.guard = Guard(ledger, needs_password=not config.local)
    return app
