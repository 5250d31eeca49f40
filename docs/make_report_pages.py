"""Pictures of the published report's pages in docs/: an office's report and the county's, as a reader
sees them (the .docx rendered by nianbao, printed to PDF by LibreOffice, pages drawn by pdftoppm).

    python docs/make_report_pages.py        # needs LibreOffice (soffice) and poppler-utils (pdftoppm)

- docs/report-office-N.png: 柏城街道办事处 2021 (the real report's text, its own sub-headings of 一, and
  figures), with the opening paragraph and the 落款 (as ``render`` prints them by default).
- docs/report-county-N.png: the summary of the sample county (示例县, 2025, the offices that pass), titled
  as the 全县 summary, the offices it covers against the roster, the narrative drafted from the figures;
  with the phone and the 落款's date a county clerk gives it (``COUNTY_PHONE`` as typed into the summary's
  基本信息, ``COUNTY_DATE`` as render --date), not the day this script runs.
- docs/report-table3.png, docs/report-table4.png: the county report's pages where 表三 and 表四 begin, larger.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from nianbao.check.checkfile import check_file
from nianbao.demo import BAICHENG_SAMPLE, COUNTY, COUNTY_OFFICES
from nianbao.merge.core import merge_files
from nianbao.publish.render import Parts, render_report
from nianbao.read.roster import RosterEntry

DOCS = Path(__file__).resolve().parent
HERE = DOCS.parent / "samples"
RESOLUTION = 60  # dpi: small files, legible enough to see the layout
TABLE_RESOLUTION = 80  # dpi of the pages of the tables: their figures legible
#: what the county's clerk gives its report: the phone of its disclosure office, the day it is signed
COUNTY_PHONE, COUNTY_DATE = "0396-6200000", dt.date(2026, 1, 20)
#: the heading of the part whose page each table picture shows
TABLE_PAGES = {"report-table3": "三、收到和处理政府信息公开申请情况", "report-table4": "四、政府信息公开行政复议、行政诉讼情况"}


def pictures(pdf: bytes, stem: str) -> list[Path]:
    """The first two pages and the last of ``pdf`` as docs/{stem}-N.png (N the page's number)."""
    with tempfile.TemporaryDirectory(prefix="nianbao-pages-") as tmp:
        src = Path(tmp) / "report.pdf"
        src.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(src)], capture_output=True, text=True, check=True).stdout
        count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        for old in DOCS.glob(f"{stem}-*.png"):
            old.unlink()
        out = []
        for n in sorted({1, 2, count} & set(range(1, count + 1))):
            target = DOCS / f"{stem}-{n}"
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(n), "-l", str(n), "-singlefile",
                            str(src), str(target)], check=True)
            out.append(target.with_suffix(".png"))
        return out


def table_pictures(pdf: bytes) -> list[Path]:
    """The pages of ``pdf`` where 表三 and 表四 begin (found by their part headings) as docs/report-table*.png."""
    with tempfile.TemporaryDirectory(prefix="nianbao-pages-") as tmp:
        src = Path(tmp) / "report.pdf"
        src.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(src), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = ["".join(page.split()) for page in text.split("\f")]
        out = []
        for stem, heading in TABLE_PAGES.items():
            n = next(i for i, page in enumerate(pages, 1) if heading in page)
            target = DOCS / stem
            subprocess.run(["pdftoppm", "-png", "-r", str(TABLE_RESOLUTION), "-f", str(n), "-l", str(n), "-singlefile",
                            str(src), str(target)], check=True)
            out.append(target.with_suffix(".png"))
        return out


def main() -> None:
    office = check_file(HERE / BAICHENG_SAMPLE)
    assert office.report is not None
    pdf = render_report(office.report, "pdf", findings=office.findings)
    made = pictures(pdf, "report-office")
    books = sorted((HERE / COUNTY).glob("*.xlsx"))
    roster = [RosterEntry(name, category) for name, category, _state in COUNTY_OFFICES]
    merged = merge_files(books, roster=roster, name=COUNTY, exclude_errors=True, jobs=1)
    parts = Parts(expected=tuple(e.name for e in roster), date=COUNTY_DATE)
    summary = replace(merged.report, info={**merged.report.info, "phone": COUNTY_PHONE})
    county = render_report(summary, "pdf", findings=[], parts=parts)
    made += pictures(county, "report-county") + table_pictures(county)
    for path in made:
        print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
