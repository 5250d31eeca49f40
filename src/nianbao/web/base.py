"""What every page shares: the ledger the requests take turns on, page rendering, forms read whole with
their CSRF token checked, the county's login, and error pages."""

from __future__ import annotations

import datetime as _dt
import secrets
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from nianbao.web.security import API_HEADER, CSRF_COOKIE, SESSION_COOKIE, Guard
from nianbao.web.uploads import MAX_FILE_BYTES, MAX_FILES, Upload
from nianbao.wording import web as words

__all__ = ["Ledger", "Posted", "bare_error", "county_page", "error_text", "form_of", "http_error", "read_form", "refused",
           "render", "server_error", "with_inbox"]

Handler = Callable[[Request], Awaitable[Response]]


#: what the county sets on the dashboard: its name, the report year, the deadline, whom offices call
SETTINGS = ("county", "year", "deadline", "contact")


class Ledger:
    """One open inbox for the whole server; requests take turns (SQLite has one writer at a time)."""

    def __init__(self, db: str) -> None:
        from nianbao.inbox import Inbox

        self.inbox = Inbox.open(db=db)
        self._lock = threading.RLock()
        self._settings: dict[str, str] = {}
        self.load_settings()

    @contextmanager
    def use(self) -> Iterator[Any]:
        with self._lock:
            yield self.inbox

    def settings(self) -> dict[str, str]:
        """The settings every page shows (kept here: a page must not wait for the ledger to say them)."""
        return dict(self._settings)

    def load_settings(self) -> None:
        with self._lock:
            self._settings = {k: self.inbox.get_setting(k) or "" for k in SETTINGS}

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._lock:
            return self.inbox.get_setting(key, default)

    def settings_under(self, prefix: str) -> dict[str, str]:
        with self._lock:
            return self.inbox.settings_under(prefix)

    def set_setting(self, key: str, value: Any, *, secret: bool = False) -> None:
        with self._lock:
            self.inbox.set_setting(key, value, secret=secret)

    def set_secrets(self, values: dict[str, str], **logged: Any) -> None:
        with self._lock:
            self.inbox.set_secrets(values, **logged)

    def close(self) -> None:
        with self._lock:
            self.inbox.close()


# -- rendering --------------------------------------------------------------------------------------
_ENV = jinja2.Environment(loader=jinja2.PackageLoader("nianbao.web", "templates"),
                          autoescape=jinja2.select_autoescape(("html",), default=True),
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _when(value: Any) -> str:
    """A time as a clerk reads it: 2027-01-12 09:30 (local time)."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


_ENV.filters["when"] = _when


def csrf_nonce(request: Request) -> str:
    nonce = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_nonce", "")
    if not nonce:
        nonce = secrets.token_urlsafe(16)
    request.state.csrf_nonce = nonce
    return nonce


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: the template with the CSRF token of this browser, the county's name and the navigation."""
    guard: Guard = request.app.state.guard
    nonce = csrf_nonce(request)
    shown = request.app.state.ledger.settings()
    html = _ENV.get_template(template).render(
        csrf=guard.csrf_token(nonce), county=shown["county"], year=shown["year"], contact=shown["contact"],
        path=request.url.path,
        needs_password=guard.needs_password, api_header=API_HEADER, **context)
    response = HTMLResponse(html, status_code=status_code)
    _set_csrf_cookie(request, response, nonce)
    return response


def _set_csrf_cookie(request: Request, response: Response, nonce: str) -> None:
    if request.cookies.get(CSRF_COOKIE) != nonce:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", path="/")


async def with_inbox(request: Request, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(inbox, *args, **kwargs)`` in a worker thread, holding the ledger (the event loop never waits)."""
    ledger: Ledger = request.app.state.ledger

    def call() -> Any:
        with ledger.use() as inbox:
            return fn(inbox, *args, **kwargs)

    return await run_in_threadpool(call)


# -- forms and access --------------------------------------------------------------------------------
@dataclass
class Posted:
    """A posted form, read whole and closed: its text fields and its files (each read up to the limit;
    ``data`` None for a file over it)."""

    fields: dict[str, str]
    files: dict[str, list[Upload]]

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self.fields

    def uploads(self, key: str = "files") -> list[Upload]:
        return self.files.get(key, [])


async def read_form(request: Request) -> Posted:
    """The form of a request, files read within ``MAX_FILE_BYTES`` each, the temporary files closed."""
    fields: dict[str, str] = {}
    files: dict[str, list[Upload]] = {}
    async with request.form(max_files=MAX_FILES, max_fields=200, max_part_size=1024 * 1024) as form:
        for key, value in form.multi_items():
            if isinstance(value, str):
                fields.setdefault(key, value)
            elif value.filename:
                data = await value.read(MAX_FILE_BYTES + 1)
                files.setdefault(key, []).append(Upload(value.filename, data if len(data) <= MAX_FILE_BYTES else None))
    return Posted(fields, files)


async def form_of(request: Request) -> Posted:
    """The posted form, after its CSRF token was checked (403 otherwise)."""
    nonce = request.cookies.get(CSRF_COOKIE)
    form = await read_form(request)
    token = form.get("csrf") or request.headers.get(API_HEADER)
    if not request.app.state.guard.csrf_ok(nonce, token):
        raise HTTPException(403, words.CSRF_FAILED)
    return form


def county_page(handler: Handler) -> Handler:
    """A county page: open on this machine; elsewhere after login."""
    async def wrapped(request: Request) -> Response:
        guard: Guard = request.app.state.guard
        if not guard.session_ok(request.cookies.get(SESSION_COOKIE)):
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": words.API_LOGIN_NEEDED}, status_code=401)
            return RedirectResponse("/login?next=" + request.url.path, status_code=303)
        return await handler(request)

    wrapped.__name__ = handler.__name__
    wrapped.__doc__ = handler.__doc__
    return wrapped


#: what a clerk is told for an HTTP error the framework raised itself (its detail is then the English
#: reason phrase, "Not Found"); any other status gets ``ERROR_OTHER``
_ERROR_TEXTS = {400: words.ERROR_BAD_REQUEST, 401: words.ERROR_NOT_LOGGED_IN, 403: words.ERROR_FORBIDDEN,
                404: words.ERROR_NOT_FOUND, 405: words.ERROR_METHOD_NOT_ALLOWED, 413: words.ERROR_TOO_LARGE,
                500: words.ERROR_SERVER}


def error_text(status: int, detail: Any = None) -> str:
    """What an error page says: the Chinese detail a handler gave, else the Chinese text of the status."""
    detail = str(detail or "")
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    if detail and detail != phrase:
        return detail
    return _ERROR_TEXTS.get(status, words.ERROR_OTHER.format(status=status))


async def http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = error_text(status, getattr(exc, "detail", ""))
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": detail}, status_code=status)
    try:
        # the county's pages lead back to the dashboard; an office's link page has no other page to go to
        home = "" if request.url.path.startswith("/o/") else "/"
        return render(request, "error.html", status_code=status, message=detail, home=home)
    except Exception:  # the ledger itself is unavailable: still a page, not a traceback
        return bare_error(detail, status)


def bare_error(message: str, status: int) -> HTMLResponse:
    """An error page that shows nothing of the county (no name, no form token): for a request refused
    before it reached the pages (a foreign host name, a body over the limit)."""
    html = _ENV.get_template("error.html").render(csrf="", county="", year="", contact="", path="", home="",
                                                  needs_password=False, api_header=API_HEADER, message=message)
    return HTMLResponse(html, status_code=status)


async def server_error(request: Request, exc: Exception) -> Response:
    """A bug or a failure nobody foresaw: a Chinese page saying what to do (the traceback goes to the log)."""
    return await http_error(request, HTTPException(500, words.ERROR_SERVER))


async def refused(request: Request, exc: Exception) -> Response:
    """The ledger refused (``InboxError``, a Chinese message): a page saying so, never a traceback."""
    return await http_error(request, HTTPException(400, str(exc)))


