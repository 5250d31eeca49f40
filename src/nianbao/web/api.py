"""The JSON API under ``/api/``, for scripts and tests: the same library calls as the pages.

Writes need the header ``X-Requested-With`` (any value): a form on another site cannot send it, and a
script from another site would have to ask first (no CORS is granted). Office links use their token.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from nianbao.web import outputs
from nianbao.web.base import county_page, read_form, with_inbox
from nianbao.web.links import link_office, upload_for_office
from nianbao.web.responses import download
from nianbao.web.uploads import Verdict, receive
from nianbao.wording import web as words

__all__ = ["WRITE_HEADER", "plain", "routes"]

WRITE_HEADER = "X-Requested-With"


def plain(value: Any) -> Any:
    """Dataclasses, tuples and times as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    return value


def _json(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(plain(data), status_code=status_code)


async def _files_of(request: Request) -> list[Any]:
    if not request.headers.get(WRITE_HEADER):
        raise HTTPException(403, words.API_WRITE_NEEDS_HEADER.format(WRITE_HEADER=WRITE_HEADER))
    uploads = (await read_form(request)).uploads()
    if not uploads:
        raise HTTPException(400, words.API_NO_FILES)
    return uploads


def _run(verdicts: list[Verdict]) -> dict[str, Any]:
    """Like ``nianbao check --json``: files, refused, and a summary by status."""
    counts: dict[str, int] = {}
    for v in verdicts:
        if v.received is not None:
            counts[v.received.status] = counts.get(v.received.status, 0) + 1
    refused = [{"path": v.name, "reason": v.refused} for v in verdicts if v.refused]
    return {"files": [v.to_dict() for v in verdicts if v.received is not None], "skipped": refused,
            "summary": {"files": sum(counts.values()), "skipped": len(refused), "by_status": counts}}


@county_page
async def post_files(request: Request) -> Response:
    uploads = await _files_of(request)
    verdicts = await with_inbox(request, receive, uploads, source=words.API_UPLOAD_SOURCE, by=request.headers.get("X-By", ""))
    return _json(_run(verdicts))


@county_page
async def status(request: Request) -> Response:
    return _json(await with_inbox(request, lambda inbox: inbox.status()))


def _history(inbox: Any, name: str) -> Any:
    if inbox.office(name) is None:
        raise HTTPException(404, words.API_NO_SUCH_OFFICE.format(name=name))
    return {"office": inbox.office(name), "versions": inbox.history(name), "log": inbox.log(name)}


@county_page
async def history(request: Request) -> Response:
    return _json(await with_inbox(request, _history, request.path_params["office"]))


@county_page
async def summary_xlsx(request: Request) -> Response:
    name, data = await with_inbox(request, outputs.summary, "xlsx", words.SUMMARY_MADE_BY_WEB, request.app.state.summaries)
    return download(data, name)


async def link_files(request: Request) -> Response:
    uploads = await _files_of(request)
    verdicts = await with_inbox(request, upload_for_office, request.app.state.guard, request.path_params["token"],
                                uploads)
    return _json(_run(verdicts))


def _own(inbox: Any, guard: Any, token: str) -> Any:
    state = link_office(inbox, guard, token)
    return {"office": state, "versions": inbox.history(state.name)}


async def link_status(request: Request) -> Response:
    return _json(await with_inbox(request, _own, request.app.state.guard, request.path_params["token"]))


def routes() -> list[BaseRoute]:
    return [
        Route("/api/files", post_files, methods=["POST"]),
        Route("/api/status", status),
        Route("/api/offices/{office:path}/history", history),
        Route("/api/summary.xlsx", summary_xlsx),
        Route("/api/o/{token:str}/files", link_files, methods=["POST"]),
        Route("/api/o/{token:str}/status", link_status),
    ]
