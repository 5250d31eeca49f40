"""``nianbao render`` of a published page: every kind of file ``nianbao import`` reads, by the same list of
suffixes (``publish.importer.PUBLISHED_SUFFIXES``), so a page that imports also renders."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.publish.importer import PUBLISHED_SUFFIXES, import_file
from nianbao.publish.render import render_report
from test_render import sample

TEXT_KINDS = {".txt": "md", ".text": "md", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
              ".xhtml": "html"}


@pytest.mark.parametrize("suffix", sorted(TEXT_KINDS))
def test_a_page_that_imports_also_renders(suffix: str, tmp_path: Path) -> None:
    report = sample()
    page = tmp_path / f"县财政局2025年报{suffix}"
    page.write_bytes(render_report(report, TEXT_KINDS[suffix]))
    imported = import_file(page)
    assert imported.report is not None and imported.report.values == report.values
    out = tmp_path / "重排.md"
    res = CliRunner().invoke(app, ["render", str(page), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert str(report.values["t3.new.total"]) in out.read_text(encoding="utf-8")


def test_every_text_kind_of_import_is_tried() -> None:
    assert {s for s in PUBLISHED_SUFFIXES if s not in (".docx", ".pdf")} == set(TEXT_KINDS)
