"""Names and texts from a workbook are shown as typed, never acted on: Markdown and HTML in the rendered
report, ANSI escape sequences and control characters in the terminal, in Word (which refuses them)."""

from __future__ import annotations

import sys
import warnings
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.form.sheets import INFO_SHEET, info_cell
from nianbao.publish.importer import import_source
from nianbao.publish.render import render_markdown

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import filled, set_cells

runner = CliRunner()
HOSTILE = "<script>alert(1)</script>[点此](javascript:alert(1))![x](javascript:1)县财政局"


def _workbook(tmp_path: Path, office: str, name: str = "r.xlsx") -> Path:
    report, data = filled(seed=3, category="县级部门")
    p = tmp_path / name
    p.write_bytes(set_cells(data, {(INFO_SHEET, info_cell(report.layout, "office")): office}))
    return p


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.found


def test_markdown_shows_an_office_name_and_text_as_typed() -> None:
    report, _ = filled(seed=3, office=HOSTILE)
    report = replace(report, texts={s.key: "1. 见<a href='javascript:x'>附件</a>，*重点*" for s in report.layout.text_sections})
    md = render_markdown(report, force=True)
    page = MarkdownIt("commonmark", {"html": True}).render(md)  # a viewer that lets raw HTML through
    tags = _tags(page)
    assert {t for t, _attrs in tags} <= {"h1", "h2", "h3", "p", "br", "table", "thead", "tbody", "tr", "th", "td",
                                        "strong"}  # br: the 落款's two lines
    assert not [a for _t, attrs in tags for a in attrs], "no tag of the page has an attribute"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[点此](javascript:alert(1))" in page  # shown, as typed
    again = import_source(md, "markdown")  # and read back as typed

    assert again.report is not None and again.report.texts["other"] == "1. 见<a href='javascript:x'>附件</a>，*重点*"


def test_render_with_control_characters_and_a_long_name(tmp_path: Path) -> None:
    for office in ("县\x01财政\x0b局\x1b[31m", "县" * 300 + "财政局"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # xlsxwriter: a 300-character name is too long for the footer
            p = _workbook(tmp_path, office)
        out = tmp_path / "报告.docx"
        res = runner.invoke(app, ["render", str(p), "-o", str(out), "--force"])
        assert res.exit_code == 0, res.output
        doc = docx.Document(str(out))
        title = doc.paragraphs[0].text
        assert title.endswith("政府信息公开工作年度报告") and "\x01" not in title and "\x1b" not in title
        assert len(doc.core_properties.title) <= 255


def test_the_terminal_never_gets_an_escape_sequence(tmp_path: Path) -> None:
    p = _workbook(tmp_path, "县\x1b[2J\x1b]0;被改的标题\x07财政局\u202e", "局\x1b[31m.xlsx")
    for args in (["check", str(p)], ["merge", str(p)]):
        res = runner.invoke(app, args, color=True)
        assert res.exit_code in (0, 1), res.output
        text = res.output + (res.stderr if res.stderr_bytes is not None else "")
        assert "\x07" not in text and "\u202e" not in text and "\x1b[2J" not in text and "\x1b]0" not in text
        assert "\\x1b[2J" in text  # shown as an escape the clerk can read
