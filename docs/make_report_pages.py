"""Pictures of the published report's pages in docs/: an office's report and the county's, as a reader
sees them (the .docx rendered by nianbao, printed to PDF by LibreOffice, pages drawn by pdftoppm).

    python docs/make_report_pages.py        # needs LibreOffice (soffice) and poppler-utils (pdftoppm)

- docs/report-office-N.png: 柏城街道办事处 2021 (the real report's text and figures), with the opening
  paragraph and the 落款.
- docs/report-county-N.png: the summary of the sample county (示例县, 2025, the offices that pass), titled
  as the 全县 summary, the offices it covers against the roster, the narrative drafted from the figures.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from nianbao.check.checkfile import check_file
from nianbao.demo import BAICHENG_SAMPLE, COUNTY, COUNTY_OFFICES
from nianbao.merge.core import merge_files
from nianbao.publish.render import Parts, render_report
from nianbao.read.roster import RosterEntry

DOCS = Path(__file__).resolve().parent
HERE = DOCS.parent / "samples"
RESOLUTION = 60  # dpi: small files, legible enough to see the layout


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


def main() -> None:
    office = check_file(HERE / BAICHENG_SAMPLE)
    assert office.report is not None
    pdf = render_report(office.report, "pdf", findings=office.findings, parts=Parts(opening=True, signature=True))
    made = pictures(pdf, "report-office")
    books = sorted((HERE / COUNTY).glob("*.xlsx"))
    roster = [RosterEntry(name, category) for name, category, _state in COUNTY_OFFICES]
    merged = merge_files(books, roster=roster, name=COUNTY, exclude_errors=True, jobs=1)
    parts = Parts(opening=True, expected=tuple(e.name for e in roster))
    made += pictures(render_report(merged.report, "pdf", findings=[], parts=parts), "report-county")
    for path in made:
        print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
