"""Printing the summary (issue 10 item 10): each sheet prints as a clerk would hand it over. Measured with
LibreOffice's PDF export and poppler's pdfinfo/pdftotext: a 25-office summary printed 82 pages before (明细
at 100 % cut into strips of six figures, 68 pages), the official tables with their input shading."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lo import convert, needs_libreoffice
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.form.sheets import DETAIL_SHEET, FILES_SHEET, STATUS_SHEET, SUMMARY_ISSUES_SHEET
from nianbao.merge.core import merge_results
from nianbao.merge.reading import ReadItem
from nianbao.merge.summary import write_summary
from nianbao.read.roster import RosterEntry

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is not installed")


def _summary(path: Path, n: int = 25) -> Path:
    layout = get_layout("2021")
    rng = random.Random(5)
    rs = [random_report(layout, rng, office=f"西平县第{i:02d}局", county="西平县") for i in range(n)]
    items = [ReadItem(FileResult(path=f"/收件/{r.office}.xlsx", report=r, kind="template"), str(i), 1.7e9)
             for i, r in enumerate(rs)]
    roster = [RosterEntry(r.office) for r in rs] + [RosterEntry("西平县审计局")]
    return write_summary(path, merge_results(items, roster=roster, name="西平县"))


def _pages_by_sheet(pdf: Path) -> dict[str, list[str]]:
    """The text of each printed page, by sheet (the sheet name leads the summary sheets' footers)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    out: dict[str, list[str]] = {}
    for p in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        footer = [line.split() for line in text.splitlines() if "页，共" in line]
        out.setdefault(footer[-1][0] if footer and footer[-1] else "?", []).append(text)
    assert sum(map(len, out.values())) == pages
    return out


def _defined_names(path: Path) -> dict[str, list[str]]:
    """The workbook's defined names (print areas, print titles): name -> their references."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode()
    out: dict[str, list[str]] = {}
    for name, ref in re.findall(r'<definedName name="([^"]+)"[^>]*>([^<]+)</definedName>', xml):
        out.setdefault(name, []).append(ref)
    return out


def test_each_sheet_has_its_print_setup(tmp_path: Path) -> None:
    path = _summary(tmp_path / "汇总.xlsx", n=3)
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if n.startswith("xl/worksheets/sheet")),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        sheets = [z.read(n).decode() for n in names]
    assert all('orientation="landscape"' in x for x in sheets[-6:-1])  # 状态, 明细, 文件, 问题, 图表
    defined = _defined_names(path)
    for name in (STATUS_SHEET, DETAIL_SHEET, FILES_SHEET, SUMMARY_ISSUES_SHEET):
        assert any(ref.startswith(f"{name}!$A$1:") for ref in defined["_xlnm.Print_Area"]), name
        assert any(ref.startswith(f"{name}!") for ref in defined["_xlnm.Print_Titles"]), name  # headers repeated
    assert f"{DETAIL_SHEET}!$A:$B,{DETAIL_SHEET}!$2:$5" in defined["_xlnm.Print_Titles"]  # 序号, 单位名称 too
    # the official tables print plain: the input shading guides the office filling in, not the reader
    assert sum('blackAndWhite="1"' in x for x in sheets) >= 5


@needs_libreoffice
@needs_poppler
@pytest.mark.libreoffice
@pytest.mark.slow
def test_a_25_office_summary_prints_on_a_sane_number_of_pages(tmp_path: Path) -> None:
    (pdf,) = convert([_summary(tmp_path / "汇总.xlsx")], "pdf", tmp_path / "pdf")
    pages = _pages_by_sheet(pdf)
    count = {k: len(v) for k, v in pages.items()}
    # 状态, 文件 and 问题 one page wide (and here one page long): no column cut off or on a page of its own
    assert count[STATUS_SHEET] == count[FILES_SHEET] == count[SUMMARY_ISSUES_SHEET] == 1, count
    assert "收到时间" in pages[STATUS_SHEET][0] and "收到时间" in pages[FILES_SHEET][0]  # the last columns
    # 明细: about twelve figures a page at 60 %, the office names and the header rows on every page
    assert 10 <= count[DETAIL_SHEET] <= 22, count
    assert all("单位名称" in t and "西平县第24局" in t and "序号" in t for t in pages[DETAIL_SHEET])
    assert sum(count.values()) <= 35, count  # was 82
