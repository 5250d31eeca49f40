"""An office's own upload link, ``/o/<token>``: its template, its upload, its verdicts; nothing else.

The token is the only key: a wrong or renewed token gets the same "无效链接" page as a made-up one, and
every page under it shows only the office the token belongs to.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from nianbao.inbox.types import OfficeStatus
from nianbao.web import outputs
from nianbao.web.base import form_of, render, with_inbox
from nianbao.web.responses import download
from nianbao.web.uploads import Verdict, receive
from nianbao.web.views import state_class
from nianbao.wording import web as words

__all__ = ["link_office", "routes", "upload_for_office"]

INVALID = words.LINK_INVALID
#: what the office is to do next, in each state of its report
NEXT_STEPS = {OfficeStatus.MISSING: words.LINK_NEXT_MISSING, OfficeStatus.SUBMITTED_OK: words.LINK_NEXT_OK,
              OfficeStatus.SUBMITTED_WARN: words.LINK_NEXT_WARN, OfficeStatus.SUBMITTED_ERROR: words.LINK_NEXT_ERROR,
              OfficeStatus.RETURNED: words.LINK_NEXT_RETURNED, OfficeStatus.ACCEPTED: words.LINK_NEXT_ACCEPTED}


def link_office(inbox: Any, guard: Any, token: str) -> Any:
    """The office of a link token (404 for a wrong, renewed or removed one)."""
    name = guard.office_of(token)
    state = inbox.office(name) if name else None
    if state is None:
        raise HTTPException(404, INVALID)
    return state


def _page_data(inbox: Any, guard: Any, token: str) -> tuple[Any, list[Any]]:
    state = link_office(inbox, guard, token)
    return state, list(reversed(inbox.history(state.name)))


def upload_for_office(inbox: Any, guard: Any, token: str, uploads: list[Any]) -> list[Verdict]:
    """Receive an office's files through its link: each file must be that office's own report."""
    state = link_office(inbox, guard, token)
    return receive(inbox, uploads, source=words.LINK_UPLOAD_SOURCE.format(name=state.name), by=state.name, office=state.name)


async def link_page(request: Request) -> Response:
    token = request.path_params["token"]
    state, history = await with_inbox(request, _page_data, request.app.state.guard, token)
    return _link_response(request, state, history, token, None, lambda sha: f"/o/{token}/marked/{sha}")


def _link_response(request: Request, state: Any, history: list[Any], token: str, verdicts: list[Verdict] | None,
                   marked: Any) -> Response:
    """The office's own page: its state (and, when the county sent it back, what to do), the deadline and
    whom to call, its upload form and its versions."""
    return render(request, "link.html", office=state, history=history, token=token, verdicts=verdicts,
                  state_class=state_class, action=f"/o/{token}/upload", marked_url=marked,
                  next_step=NEXT_STEPS.get(state.state, ""),
                  deadline=request.app.state.ledger.settings()["deadline"])


async def link_upload(request: Request) -> Response:
    token = request.path_params["token"]
    form = await form_of(request)
    uploads = form.uploads()
    guard = request.app.state.guard
    verdicts = await with_inbox(request, upload_for_office, guard, token, uploads)
    def marked(sha: str) -> str:
        return f"/o/{token}/marked/{sha}"

    if request.query_params.get("part"):
        return render(request, "verdicts.html", verdicts=verdicts, office_url=None, marked_url=marked)
    state, history = await with_inbox(request, _page_data, guard, token)
    return _link_response(request, state, history, token, verdicts, marked)


async def link_template(request: Request) -> Response:
    token = request.path_params["token"]
    year = request.app.state.ledger.settings()["year"]
    guard = request.app.state.guard
    name, data = await with_inbox(request, lambda inbox: outputs.template(link_office(inbox, guard, token), year))
    return download(data, name)


def _own_marked(inbox: Any, guard: Any, token: str, sha: str) -> Response:
    state = link_office(inbox, guard, token)
    if not any(v.sha256 == sha for v in inbox.history(state.name)):
        raise HTTPException(404, words.NOT_OWN_FILE)
    return outputs.file_response(inbox, sha, "marked")


async def link_marked(request: Request) -> Response:
    p = request.path_params
    return await with_inbox(request, _own_marked, request.app.state.guard, p["token"], p["sha"])


def routes() -> list[BaseRoute]:
    return [
        Route("/o/{token:str}", link_page),
        Route("/o/{token:str}/upload", link_upload, methods=["POST"]),
        Route("/o/{token:str}/template.xlsx", link_template),
        Route("/o/{token:str}/marked/{sha:str}", link_marked),
    ]
