"""The county's pages: 看板 (dashboard), 上传, 单位 (one office), 汇总, and the login beyond this machine."""

from __future__ import annotations

import datetime as _dt
from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from nianbao.inbox import STATES
from nianbao.inbox.types import OfficeStatus
from nianbao.web import outputs, views
from nianbao.web.base import SETTINGS, county_page, form_of, render, with_inbox
from nianbao.web.responses import download
from nianbao.web.security import SESSION_COOKIE, SESSION_SECONDS, is_local, reachable_address
from nianbao.web.uploads import receive
from nianbao.wording import web as words

__all__ = ["office_url", "routes"]


def office_url(name: str, tail: str = "") -> str:
    return "/offices/" + quote(name, safe="") + tail


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _office_or_404(inbox: Any, name: str) -> Any:
    state = inbox.office(name)
    if state is None:
        raise HTTPException(404, words.NO_SUCH_OFFICE.format(name=name))
    return state


# -- 看板 --------------------------------------------------------------------------------------------
@county_page
async def dashboard(request: Request) -> Response:
    q = request.query_params
    guard = request.app.state.guard
    states, links = await with_inbox(request, lambda inbox: _with_links(inbox.status(), guard))
    deadline = request.app.state.ledger.settings()["deadline"]

    shown = views.board(states, state=q.get("state", ""), query=q.get("q", ""), sort=q.get("sort", "roster"))
    return render(request, "dashboard.html", board=shown, states=STATES, deadline=deadline,
                  days_left=views.days_left(deadline), sorts=views.SORTS, state=q.get("state", ""),
                  query=q.get("q", ""), sort=q.get("sort", "roster"), links=links, office_url=office_url,
                  state_class=views.state_class, missing_text=_missing_text(shown.missing))


def _with_links(states: list[Any], guard: Any) -> tuple[list[Any], dict[str, bool]]:
    linked = guard.linked()
    return states, {s.name: s.name in linked for s in states}


def _missing_text(missing: list[Any]) -> str:
    return "\n".join("\t".join(x for x in (s.name, s.contact or "", s.phone or "") if x) for s in missing)


@county_page
async def settings(request: Request) -> Response:
    form = await form_of(request)
    values = {k: form.get(k).strip() for k in SETTINGS}
    if values["deadline"]:
        try:
            _dt.date.fromisoformat(values["deadline"])
        except ValueError:
            raise HTTPException(400, words.DEADLINE_NOT_A_DATE.format(values=values['deadline'])) from None
    if values["year"] and not (values["year"].isdigit() and len(values["year"]) == 4):
        raise HTTPException(400, words.YEAR_NOT_FOUR_DIGITS.format(values=values['year']))
    ledger = request.app.state.ledger

    def save(inbox: Any) -> None:
        for key, value in values.items():
            if _changed(form, key, value):
                inbox.set_setting(key, value)
        ledger.load_settings()

    await with_inbox(request, save)
    return _back("/")


def _changed(form: Any, key: str, value: str) -> bool:
    """Whether the form changes a setting: a field the clerk edited (the page says what it showed in
    ``shown_<key>``), so a form left open in a second tab does not put back what was changed in the first."""
    if key not in form:
        return False
    shown = "shown_" + key
    return shown not in form or form.get(shown).strip() != value


@county_page
async def roster(request: Request) -> Response:
    form = await form_of(request)
    chosen = form.uploads("roster")
    if not chosen:
        raise HTTPException(400, words.ROSTER_FILE_NOT_CHOSEN)
    upload = chosen[0]
    data = upload.data
    if data is None:
        raise HTTPException(413, words.ROSTER_FILE_TOO_LARGE)
    from nianbao.read.roster import RosterError

    try:
        await with_inbox(request, lambda inbox: inbox.import_roster(upload.name, data))
    except (RosterError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from None
    return _back("/")


@county_page
async def missing_list(request: Request) -> Response:
    missing = views.board(await with_inbox(request, lambda inbox: inbox.status())).missing
    county = request.app.state.ledger.settings()["county"]
    name = words.MISSING_LIST_OF_COUNTY.format(county=county) if county else words.MISSING_LIST_TITLE
    if request.path_params["kind"] == "xlsx":
        return download(views.missing_xlsx(missing, f"{name}（{_dt.date.today().isoformat()}）"), name + ".xlsx")
    return download(views.missing_csv(missing), name + ".csv")


# -- 上传 --------------------------------------------------------------------------------------------
@county_page
async def upload_page(request: Request) -> Response:
    return render(request, "upload.html", verdicts=None, action="/upload", office_url=office_url,
                  marked_url=lambda sha: f"/files/{sha}/marked")


@county_page
async def upload(request: Request) -> Response:
    form = await form_of(request)
    uploads = form.uploads()
    by = form.get("by").strip()
    verdicts = await with_inbox(request, receive, uploads, source=words.COUNTY_UPLOAD_SOURCE, by=by)
    template = "verdicts.html" if request.query_params.get("part") else "upload.html"
    return render(request, template, verdicts=verdicts, action="/upload", office_url=office_url,
                  marked_url=lambda sha: f"/files/{sha}/marked")


# -- 单位 --------------------------------------------------------------------------------------------
@county_page
async def office_page(request: Request) -> Response:
    return await _office_response(request, request.path_params["name"])


async def _office_response(request: Request, name: str, changed: str = "", status_code: int = 200) -> Response:
    """The office's page (``changed``: why the action just asked for was not done, shown at the top)."""
    guard = request.app.state.guard
    state, history, log, token = await with_inbox(
        request, lambda inbox: (_office_or_404(inbox, name), inbox.history(name), inbox.log(name), guard.link_of(name)))
    return render(request, "office.html", status_code=status_code, office=state, history=list(reversed(history)), log=log,
                  link=_link(request, token) if token else "", local_only=request.app.state.config.local,
                  office_url=office_url, state_class=views.state_class, changed=changed,
                  marked_url=lambda sha: f"/files/{sha}/marked")


def _link(request: Request, token: str) -> str:
    """The office's link as the office must open it: beyond this machine, with the address other computers
    reach this server at, also when the clerk opened the page as 127.0.0.1."""
    base = request.base_url
    config = request.app.state.config
    if not config.local and is_local(base.hostname or ""):
        base = base.replace(hostname=reachable_address(config.host))
    return f"{base}o/{token}"


@county_page
async def office_action(request: Request) -> Response:
    name, action = request.path_params["name"], request.path_params["action"]
    if action not in ("return", "accept", "link"):
        raise HTTPException(404, words.NO_SUCH_ACTION)
    form = await form_of(request)
    note = form.get("note").strip()
    by = form.get("by").strip()
    if action == "return" and not note:
        raise HTTPException(400, words.RETURN_NEEDS_NOTE)
    guard = request.app.state.guard

    def act(inbox: Any) -> str:
        state = _office_or_404(inbox, name)
        if action != "link" and _done_already(form, state, action, note):
            return ""  # a double click, or the same in another tab: done once, said once
        if action != "link" and _seen_otherwise(form, state):
            return words.OFFICE_CHANGED_SINCE_SHOWN.format(
                name=name, version=state.version or 0, state=state.state,
                action=words.ACTION_RETURN if action == "return" else words.ACTION_ACCEPT)
        if action == "return":
            inbox.return_office(name, note, by=by)
        elif action == "accept":
            inbox.accept(name, by=by)
        else:
            guard.new_link(name, by=by)
        return ""

    changed = await with_inbox(request, act)
    if changed:
        return await _office_response(request, name, changed=changed, status_code=409)
    return _back(office_url(name) + ("#link" if action == "link" else ""))


def _done_already(form: Any, state: Any, action: str, note: str) -> bool:
    """Whether the office is already as the action would leave the version the clerk saw."""
    if form.get("shown_version") != str(state.version or 0):
        return False
    if action == "accept":
        return bool(state.state == OfficeStatus.ACCEPTED)
    return bool(state.state == OfficeStatus.RETURNED and state.returned_note == note)


def _seen_otherwise(form: Any, state: Any) -> bool:
    """Whether the page the clerk acted on showed the office otherwise than it is now (another version
    came in, or another tab returned or accepted it meanwhile): then the action is not done."""
    if "shown_version" not in form:
        return False  # a script posting without what it saw
    return form.get("shown_version") != str(state.version or 0) or form.get("shown_state") != str(state.state)


@county_page
async def notice(request: Request) -> Response:
    name = request.path_params["name"]
    settings = request.app.state.ledger.settings()

    def make(inbox: Any) -> str:
        state = _office_or_404(inbox, name)
        if not state.version:  # nothing received: no notice to send back ("你单位报送的 0 个文件经检查有问题")
            raise HTTPException(409, words.NOTICE_NOTHING_RECEIVED.format(name=name))
        return str(outputs.notice_for(inbox, state, settings["county"], settings["contact"]))

    text = await with_inbox(request, make)
    if request.query_params.get("download"):
        return download(text.encode("utf-8-sig"), words.NOTICE_FILE_NAME.format(name=name))
    return render(request, "notice.html", office=name, text=text, office_url=office_url)


@county_page
async def file_download(request: Request) -> Response:
    sha, kind = request.path_params["sha"], request.path_params["kind"]
    if kind not in ("original", "marked"):
        raise HTTPException(404, words.NO_SUCH_FILE_KIND)
    return await with_inbox(request, outputs.file_response, sha, kind)


# -- 汇总 --------------------------------------------------------------------------------------------
@county_page
async def summary_page(request: Request) -> Response:
    states = await with_inbox(request, lambda inbox: inbox.status())
    current = [s for s in states if s.version and s.state != OfficeStatus.MISSING]  # a blank template is no report
    # errors whatever the review (an office 已确认 with errors is still summed with them), then 已退回
    flagged = {words.SUMMARY_WITH_ERRORS: [s.name for s in current if s.errors],
               words.SUMMARY_RETURNED: [s.name for s in current if s.state == OfficeStatus.RETURNED]}
    return render(request, "summary.html", current=current, kinds=outputs.SUMMARY_KINDS, offices=states,
                  flagged={label: names for label, names in flagged.items() if names},
                  template_url=lambda n: "/templates/office/" + quote(n, safe=""))


@county_page
async def summary_file(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in outputs.SUMMARY_KINDS:
        raise HTTPException(404, words.NO_SUCH_SUMMARY_KIND)
    name, data = await with_inbox(request, outputs.summary, kind, words.SUMMARY_MADE_BY_WEB, request.app.state.summaries)
    return download(data, name)


@county_page
async def template_file(request: Request) -> Response:
    office = request.path_params.get("name", "")
    year = request.app.state.ledger.settings()["year"]

    def make(inbox: Any) -> tuple[str, bytes]:
        if request.url.path.endswith("/all.zip"):
            return outputs.all_templates(inbox.status(), year)
        return outputs.template(_office_or_404(inbox, office) if office else None, year)

    name, data = await with_inbox(request, make)
    return download(data, name)


# -- login (only beyond this machine) ---------------------------------------------------------------
async def login_page(request: Request) -> Response:
    return render(request, "login.html", failed=False, next=_safe_next(request.query_params.get("next", "/")))


async def login(request: Request) -> Response:
    form = await form_of(request)
    guard = request.app.state.guard
    target = _safe_next(form.get("next", "/"))
    if not guard.check_password(form.get("password")):
        return render(request, "login.html", status_code=403, failed=True, next=target)
    response = _back(target)
    response.set_cookie(SESSION_COOKIE, guard.session_cookie(), max_age=SESSION_SECONDS, httponly=True,
                        samesite="strict", path="/")
    return response


async def logout(request: Request) -> Response:
    await form_of(request)
    response = _back("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _safe_next(target: str) -> str:
    """Only a path of this site (never //other.site or a URL)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def routes() -> list[BaseRoute]:
    return [
        Route("/", dashboard),
        Route("/settings", settings, methods=["POST"]),
        Route("/roster", roster, methods=["POST"]),
        Route("/missing.{kind:str}", missing_list),
        Route("/upload", upload_page, methods=["GET"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/offices/{name:path}/notice", notice),
        Route("/offices/{name:path}/{action:str}", office_action, methods=["POST"]),
        Route("/offices/{name:path}", office_page),
        Route("/files/{sha:str}/{kind:str}", file_download),
        Route("/summary", summary_page),
        Route("/summary/{kind:str}", summary_file),
        Route("/templates/blank.xlsx", template_file),
        Route("/templates/all.zip", template_file),
        Route("/templates/office/{name:path}", template_file),
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
    ]
