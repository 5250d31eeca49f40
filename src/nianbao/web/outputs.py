"""The files the pages hand out: an office's original and marked copy, its 退回修改通知, the county's
summary (workbook, report .docx, CSV, JSON) over the current versions, and the templates."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import Response

from nianbao.form.finding_tags import INBOX_OTHER_YEAR
from nianbao.web.responses import download
from nianbao.wording import web as words

__all__ = ["SUMMARY_KINDS", "all_templates", "file_response", "marked_copy", "notice_for", "summary", "template"]

#: what the 汇总 page offers: kind -> (label, file name suffix)
SUMMARY_KINDS = {
    "xlsx": (words.SUMMARY_XLSX_LABEL, words.SUMMARY_XLSX_NAME),
    "docx": (words.COUNTY_REPORT_DOCX_LABEL, words.COUNTY_REPORT_DOCX_NAME),
    "csv": (words.DETAILS_CSV_LABEL, words.DETAILS_CSV_NAME),
    "status.csv": (words.STATUS_CSV_LABEL, words.STATUS_CSV_NAME),
    "json": (words.SUMMARY_JSON_LABEL, words.SUMMARY_JSON_NAME),
}
_SHA = re.compile(r"^[0-9a-f]{64}$")


def _version_of(inbox: Any, sha: str) -> tuple[str, bytes, Any]:
    """The original name, bytes and version of a stored file (404 for anything that is not a stored sha256;
    the version None for a file that is no office's version)."""
    if not _SHA.match(sha):
        raise HTTPException(404, words.NOT_OWN_FILE)
    try:
        data = inbox.file_bytes(sha)
    except (LookupError, ValueError):  # InboxError: no such file
        data = None
    if data is None:
        raise HTTPException(404, words.NOT_OWN_FILE)
    version = _stored_version(inbox, sha)
    return (str(version.name) if version is not None else f"{sha[:12]}.xlsx"), data, version


def _stored_version(inbox: Any, sha: str) -> Any:
    """The version (of any office) whose file is ``sha``, or None."""
    for state in inbox.status():
        if not state.version:
            continue
        for v in inbox.history(state.name):
            if v.sha256 == sha:
                return v
    return None


def _inbox_findings(version: Any) -> list[dict[str, Any]]:
    """What the inbox itself found of a stored version (another year than the county collects), which
    reading the file again does not find: for its marked copy."""
    return [f for f in (version.findings if version is not None else []) if f.get("code") == INBOX_OTHER_YEAR]


def marked_copy(name: str, data: bytes, extra: Sequence[dict[str, Any]] = ()) -> tuple[str, bytes | None, str]:
    """The marked copy of a stored file (``check --annotate``): its name, bytes (None when none can be
    made) and a note in Chinese; ``extra``: findings the inbox keeps of it besides the reader's (as kept),
    marked too. Works in a temporary folder; nothing of it stays."""
    from dataclasses import replace

    from nianbao.check.annotate import annotate_file
    from nianbao.check.checkfile import check_file
    from nianbao.form.findings import make

    with tempfile.TemporaryDirectory(prefix="nianbao-web-") as tmp:
        source = Path(tmp) / "in" / Path(name).name
        source.parent.mkdir()
        source.write_bytes(data)
        result = check_file(source)
        more = tuple(make(str(f["code"]), file=str(source), sheet=f.get("sheet") or "", cell=f.get("cell") or "",
                          expected=f.get("expected"), actual=f.get("actual"), **f.get("params", {})) for f in extra)
        done = annotate_file(replace(result, findings=(*more, *result.findings)) if more else result, Path(tmp) / "out")
        if done.output is None:
            return name, None, done.note
        out = Path(done.output)
        return out.name, out.read_bytes(), done.note


def file_response(inbox: Any, sha: str, kind: str) -> Response:
    name, data, version = _version_of(inbox, sha)
    if kind == "original":
        return download(data, name)
    marked_name, marked, note = marked_copy(name, data, _inbox_findings(version))
    if marked is None:
        raise HTTPException(409, f"{name}：{note}")
    return download(marked, marked_name)


def notice_for(inbox: Any, state: Any, county: str, contact: str = "") -> str:
    """The 退回修改通知 of an office (``check --annotate``'s, ``sendback.office_notice``): its current
    version's problems at their cells with how to fix each, the last 退回 note, the deadline and whom to call."""
    from nianbao.check.sendback import NoticeFile, office_notice
    from nianbao.form.result import STATUS_UNREADABLE

    history = inbox.history(state.name)
    current = next((v for v in reversed(history) if v.number == state.version), history[-1] if history else None)
    note = state.returned_note
    files = []
    if current is not None:
        unreadable = current.status == STATUS_UNREADABLE
        marked = "" if unreadable or not current.findings else words.MARKED_COPY_NAME.format(stem=Path(current.name).stem)
        files.append(NoticeFile(current.name, current.findings, unreadable=unreadable, marked=marked))
    who = contact or (words.COUNTY_DISCLOSURE_OFFICE.format(county=county) if county else "")
    lines = office_notice(state.name, files, contact=who, note=note, deadline=inbox.get_setting("deadline") or "")
    return "\n".join(lines) + "\n"


# -- the summary ------------------------------------------------------------------------------------
def _merged(inbox: Any, folder: Path, by: str) -> Any:
    """``Inbox.merge`` (what ``nianbao merge`` gives over the current versions, with the ledger's roster,
    recorded in its log) with every output written into ``folder``."""
    from nianbao.merge.job import MergeRefused

    try:
        return inbox.merge(folder / words.SUMMARY_XLSX_NAME, csv_out=folder / words.DETAILS_CSV_NAME, json_out=folder / words.SUMMARY_JSON_NAME, jobs=1,
                           by=by)
    except MergeRefused as exc:
        raise HTTPException(409, str(exc)) from None


@dataclass
class Summary:
    """The county's summary files made by one merge, and what they were made from (``Inbox.summary_key``)."""

    key: str
    files: dict[str, bytes]
    report: Any


def summary(inbox: Any, kind: str, by: str = words.SUMMARY_MADE_BY_WEB, cache: dict[str, Summary] | None = None) -> tuple[str, bytes]:
    """One of ``SUMMARY_KINDS`` over the current versions: (file name, bytes). Made once for each state of
    the inbox (``cache`` keeps the last, by ``Inbox.summary_key``): a second download of the same summary
    does not merge again, a new version, roster or county name does."""
    county = inbox.get_setting("county") or words.COUNTY_NAME_UNSET
    year = inbox.get_setting("year") or ""
    stem = words.COUNTY_YEAR_STEM.format(county=county, year=year) if year else county
    key = inbox.summary_key()
    made = (cache or {}).get("last")
    if made is None or made.key != key:
        made = _made(inbox, key, by)
        if cache is not None:
            cache["last"] = made
    if kind == "docx":
        if "docx" not in made.files:
            from nianbao.publish.render import render_report

            made.files["docx"] = render_report(made.report, "docx", force=True)
        return words.COUNTY_REPORT_FILE_NAME.format(stem=stem), made.files["docx"]
    return f"{stem}{SUMMARY_KINDS[kind][1]}", made.files[kind]


def _made(inbox: Any, key: str, by: str) -> Summary:
    with tempfile.TemporaryDirectory(prefix="nianbao-web-") as tmp:
        run = _merged(inbox, Path(tmp), by)
        files = {kind: (Path(tmp) / source).read_bytes() for kind, source in
                 {"xlsx": words.SUMMARY_XLSX_NAME, "csv": words.DETAILS_CSV_NAME, "status.csv": words.DETAILS_STATUS_CSV_NAME, "json": words.SUMMARY_JSON_NAME}.items()}
    return Summary(key, files, run.result.report)


# -- templates --------------------------------------------------------------------------------------
def _layout(year: str) -> tuple[int, Any]:
    from nianbao.template import TemplateRefused, template_layout

    try:
        return template_layout(int(year) if year.isdigit() else None)
    except TemplateRefused as exc:
        raise HTTPException(400, str(exc)) from None


def template(state: Any, year: str) -> tuple[str, bytes]:
    """The blank template (``state`` None) or one office's, with its name and category filled."""
    from nianbao.template import build_workbook, office_filename

    the_year, layout = _layout(year)
    if state is None:
        return words.BLANK_TEMPLATE_NAME.format(the_year=the_year), build_workbook(layout, year=the_year)
    data = build_workbook(layout, office=state.name, category=state.category or None, year=the_year)
    return office_filename(state.name, the_year), data


def all_templates(states: Sequence[Any], year: str) -> tuple[str, bytes]:
    """Every roster office's template in one .zip (names in UTF-8, as Windows 10 and WPS read them)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for s in states:
            if s.on_roster:
                name, data = template(s, year)
                zf.writestr(name, data)
    the_year, _layout_spec = _layout(year)
    return words.ALL_TEMPLATES_ZIP_NAME.format(the_year=the_year), buf.getvalue()
