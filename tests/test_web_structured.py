"""The web pages take what they show from structured values: a version's ``unreadable`` flag (not its
status label compared in a template) and the clerk's own 退回 note (not the status table's note parsed)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import nianbao.web
from nianbao.demo import BROKEN_OFFICE
from nianbao.inbox import Inbox, as_json
from test_web import County, county, db  # noqa: F401  (fixtures)
from web_helpers import BAD, broken_file, sample_files

TEMPLATES = Path(nianbao.web.__file__).parent / "templates"


def _card(page: str, name: str) -> str:
    return page.split(f'data-file="{name}"', 1)[1].split("</article>", 1)[0]


def test_an_unreadable_file_offers_no_marked_copy(county: County) -> None:  # noqa: F811
    good = sample_files()[0]
    page = county.upload_paths(BAD / "corrupt.xlsx", broken_file(), good).text
    bad, broken = _card(page, "corrupt.xlsx"), _card(page, broken_file().name)
    assert 'class="state error">无法读取' in bad and "下载标注了问题的副本" not in bad
    assert "下载标注了问题的副本" in broken  # a readable file with findings: its marked copy
    office = county.http.get("/offices/" + quote(BROKEN_OFFICE, safe="")).text
    assert "下载标注副本" in office


def test_the_returned_note_is_kept_as_the_clerk_wrote_it(county: County, db: str) -> None:  # noqa: F811
    county.upload_paths(broken_file())
    url = "/offices/" + quote(BROKEN_OFFICE, safe="")
    note = "退回意见：请核对表三"  # the clerk's words may begin as the label does
    page = county.http.get(url).text
    shown = dict(re.findall(r'name="(shown_version|shown_state)" value="([^"]*)"', page))
    form = {"note": note, "by": "王五", **shown}
    assert county.post(url + "/return", form).status_code == 303
    assert county.post(url + "/return", form).status_code == 303  # a double click: done once
    with Inbox.open(db) as inbox:
        (state,) = [s for s in inbox.status() if s.name == BROKEN_OFFICE]
        assert state.returned_note == note and state.note == f"退回意见：{note}"
        assert "returned_note" not in as_json(state)  # --json / .json keep their shape
        assert [e.action for e in inbox.log() if e.office == BROKEN_OFFICE].count("退回") == 1
    assert f"县里的意见：{note}" in county.http.get(url + "/notice").text


def test_no_template_compares_a_status_label() -> None:
    compared = {p.name: re.findall(r"status\s*[!=]=\s*'[^']*'", p.read_text(encoding="utf-8"))
                for p in TEMPLATES.glob("*.html")}
    assert {name: found for name, found in compared.items() if found} == {}
