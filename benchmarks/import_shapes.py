"""How many cells an import reads right, per shape a published report takes: for the sample workbooks
(samples/) and the real reports of tests/data/reference, each printed as web text (cells separated by
spaces, blank cells gone), with ``|``, with tabs, run together, as HTML, as Word, and (with --pdf) as a
PDF that LibreOffice makes from the Word file.

    python benchmarks/import_shapes.py [--blank RATE] [--pdf] [--seed N]

Prints, per shape (for the samples, the references and all), cells read right / cells visible (a cell printed with a number), and the cells that
hold a number the page printed elsewhere (must be 0). --blank prints that share of the cells blank (empty, "/" or "—"). The
real baicheng page is also imported as it is. Run it with another checkout's ``src`` on PYTHONPATH to
compare (the score is computed by this script, not by the importer).
"""

from __future__ import annotations

import argparse
import functools
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from nianbao.check.checkfile import check_file  # noqa: E402
from nianbao.form.registry import get_layout  # noqa: E402
from nianbao.form.spec import LayoutSpec, Number  # noqa: E402
from nianbao.publish.importer import import_file, import_source  # noqa: E402
from publish_helpers import load_peer, peer_values  # noqa: E402
from shapes import Narrative, Score, blanked, docx_shape, html_shape, score, text_shape  # noqa: E402

TEXT_SHAPES = ("spaces", "pipes", "tabs", "run")
SHAPES = (*TEXT_SHAPES, "html", "docx")


def cases() -> list[tuple[str, LayoutSpec, dict[str, Number], Narrative]]:
    """(name, layout, the figures as printed, narrative) of every sample and reference report."""
    out: list[tuple[str, LayoutSpec, dict[str, Number], Narrative]] = []
    for path in sorted((ROOT / "samples").rglob("*.xlsx")):
        result = check_file(path)
        if result.report is not None and result.report.year is not None:
            r = result.report
            out.append((f"samples/{path.parent.name}/{path.name}", r.layout, dict(r.values),
                        Narrative(r.office, r.year)))
    for path in sorted((ROOT / "tests" / "data" / "reference").glob("*.json")):
        out.append((f"reference/{path.name}", get_layout("2021"), peer_values(load_peer(path)),
                    Narrative("金湖县人民政府", 2023)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--blank", type=float, default=0.0, help="share of cells left blank (0-1)")
    ap.add_argument("--pdf", action="store_true", help="also PDFs made by LibreOffice from the Word files")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    totals: dict[str, dict[str, list[int]]] = {}  # group (samples, reference, all) -> shape -> counts
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="nianbao-shapes-"))
    docx_files: list[tuple[Path, LayoutSpec, dict[str, str], str]] = []

    def add(group: str, shape: str, s: Score) -> None:
        for g in (group, "all"):
            t = totals.setdefault(g, {}).setdefault(shape, [0, 0, 0])
            t[0] += s.right
            t[1] += s.visible
            t[2] += len(s.wrong)

    for n, (name, layout, numbers, story) in enumerate(cases()):
        group = name.split("/", 1)[0]
        add_to = functools.partial(add, group)
        printed = blanked(layout, numbers, rng, args.blank)
        for shape in TEXT_SHAPES:
            add_to(shape, score(layout, printed, import_source(text_shape(layout, printed, story, shape), "text")))
        add_to("html", score(layout, printed, import_source(html_shape(layout, printed, story), "html")))
        data = docx_shape(layout, printed, story)
        add_to("docx", score(layout, printed, import_source(data, "docx")))
        path = work / f"{n}.docx"
        path.write_bytes(data)
        docx_files.append((path, layout, printed, group))
    if args.pdf and shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
                        *[str(p) for p, _l, _p, _g in docx_files]], check=False, capture_output=True, timeout=600)
        for path, layout, printed, group in docx_files:
            pdf = path.with_suffix(".pdf")
            if pdf.exists():
                add(group, "pdf", score(layout, printed, import_file(pdf)))
    shutil.rmtree(work, ignore_errors=True)
    print(f"{len(docx_files)} reports (samples and references), {args.blank:.0%} of cells blank")
    for group, shapes in sorted(totals.items(), key=lambda g: g[0] == "all"):
        print(f"\n{group}: {'shape':8} {'right/visible':>15} {'share':>7} {'wrong column':>13}")
        for shape, (right, visible, wrong) in shapes.items():
            print(f"{'':{len(group) + 2}}{shape:8} {right:>7}/{visible:<7} {right / max(visible, 1):>7.1%} {wrong:>13}")
    page = import_file(ROOT / "tests" / "data" / "reference" / "baicheng-2021.txt")
    cells = page.report.layout.cells if page.report else {}
    read = sum(1 for k in cells if page.report and (k in page.report.inputs or k in page.report.stated))
    print(f"baicheng-2021.txt as published (web text): {read}/{len(cells)} cells read")


if __name__ == "__main__":
    main()
