"""PDF reports: made by LibreOffice from the documents ``nianbao render`` writes, from a Word table with
merged cells as an office types it, and from a web page's text; a scan (no text layer) is refused with
a clear message. Every cell is asserted."""

from __future__ import annotations

import io
import random
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lo import convert, needs_libreoffice
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.publish.importer import import_file, import_source
from nianbao.publish.render import render_docx
from shapes import Narrative, docx_shape, printed_of, read_cells

BAICHENG = Path(__file__).parent / "data" / "reference" / "baicheng-2021.txt"


#: the running header an office's Word document carries on every page
RUNNING_HEADER = "柏城街道办事处2021年政府信息公开工作年度报告"


def _with_running_header(docx: bytes, header: str) -> bytes:
    import docx as python_docx

    doc = python_docx.Document(io.BytesIO(docx))
    for section in doc.sections:
        for part in (section.header, section.even_page_header):  # (the render prints odd and even pages)
            part.is_linked_to_previous = False
            part.paragraphs[0].text = header
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def busy(fmt: str) -> Report:
    layout = get_layout(fmt)
    for s in range(3, 200):
        r = random_report(layout, random.Random(s), office="示例街道办事处", year=2023 if fmt == "2021" else 2020)
        if sum(1 for k, v in r.values.items() if k.startswith("t3.") and v) > 30:
            return r
    raise AssertionError("no busy report")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Report]]:
    """The PDFs LibreOffice makes, in one run: rendered reports of both formats, a Word document with
    merged cells, and the real baicheng page's text."""
    if convert is None:  # pragma: no cover
        pytest.skip("no LibreOffice")
    folder = tmp_path_factory.mktemp("pdf")
    made: dict[str, tuple[Path, Report]] = {}
    for fmt in ("2021", "2019"):
        report = busy(fmt)
        path = folder / f"rendered-{fmt}.docx"
        path.write_bytes(render_docx(report))
        made[f"rendered-{fmt}"] = (path, report)
    report = busy("2021")
    assert report.year is not None
    path = folder / "merged.docx"
    path.write_bytes(docx_shape(report.layout, printed_of(report.layout, report.values),
                                Narrative(report.office, report.year)))
    made["merged"] = (path, report)
    text = folder / "baicheng.txt"
    text.write_bytes(BAICHENG.read_bytes())
    from_text = import_file(BAICHENG).report
    assert from_text is not None
    made["baicheng"] = (text, from_text)
    path = folder / "paragraphs.docx"
    path.write_bytes(_with_running_header(render_docx(from_text), RUNNING_HEADER))
    made["paragraphs"] = (path, from_text)
    outs = convert([p for p, _r in made.values()], "pdf", folder / "out")
    return {name: (out, report) for (name, (_p, report)), out in zip(made.items(), outs, strict=True)}


@needs_libreoffice
@pytest.mark.parametrize("name", ["rendered-2021", "rendered-2019", "merged"])
def test_pdf_of_a_document_with_tables(pdfs: dict[str, tuple[Path, Report]], name: str) -> None:
    path, report = pdfs[name]
    result = import_file(path)
    assert result.report is not None, result.findings
    assert result.report.layout.format == report.layout.format
    got = read_cells(result)
    assert {k: got.get(k) for k in report.values} == dict(report.values)
    assert (result.office, result.year) == (report.office, report.year)
    assert [f.code for f in result.findings if f.is_error] == []
    assert result.extra["source"] == "pdf"


@needs_libreoffice
def test_the_word_table_has_the_official_merged_header(pdfs: dict[str, tuple[Path, Report]]) -> None:
    """The Word document the "merged" PDF is made from prints table 三 with the official two-level header:
    申请人情况 over the columns, 法人或其他组织 over its five, 自然人 and 总计 each over two rows."""
    import docx

    layout = pdfs["merged"][1].layout
    t3 = layout.table("t3")
    word = docx.Document(str(pdfs["merged"][0].parent.parent / "merged.docx"))
    table = next(t for t in word.tables if len(t.rows) == t3.n_rows and len(t.columns) == t3.n_cols)
    spans = {lb.text: lb for lb in t3.labels if lb.text in ("申请人情况", "法人或其他组织", "自然人", "总计")}
    assert set(spans) == {"申请人情况", "法人或其他组织", "自然人", "总计"}
    for text, lb in spans.items():
        first = table.cell(lb.row, lb.col)
        assert first.text == text
        covered = [table.cell(r, c) for r in range(lb.row, lb.last_row + 1) for c in range(lb.col, lb.last_col + 1)]
        assert all(c._tc is first._tc for c in covered), text  # one merged cell
    assert spans["法人或其他组织"].last_col - spans["法人或其他组织"].col == 4
    assert spans["自然人"].last_row - spans["自然人"].row == 1 and spans["总计"].last_row - spans["总计"].row == 1


@needs_libreoffice
def test_pdf_of_a_web_page_text(pdfs: dict[str, tuple[Path, Report]]) -> None:
    """No ruling lines: the tables are read from the text, as the .txt they were made from."""
    path, report = pdfs["baicheng"]
    result = import_file(path)
    assert result.report is not None
    assert dict(result.report.inputs) == dict(report.inputs)
    assert dict(result.report.stated) == dict(report.stated)
    assert (result.office, result.year) == ("柏城街道办事处", 2021)
    assert [f.code for f in result.findings if f.severity != "info"] == []


def _unspaced(text: str) -> str:
    """``text`` without the spaces a PDF's text layer puts between a figure and a Chinese character, its
    brackets as the document prints them (（四）, not (四))."""
    return unicodedata.normalize("NFKC", "".join(text.split(" ")))


@needs_libreoffice
def test_pdf_paragraphs_are_whole_across_lines_and_pages(pdfs: dict[str, tuple[Path, Report]]) -> None:
    """The real baicheng report typeset as a Word document (justified lines, first lines indented, a
    running header, page numbers — 1 —): every paragraph comes back whole, the one the page break
    splits (（五）监督保障) too, and neither the header nor a page number enters the text."""
    path, report = pdfs["paragraphs"]
    import pdfplumber

    with pdfplumber.open(path) as doc:
        pages = [p.extract_text() for p in doc.pages]
    assert len(pages) >= 3 and all(_unspaced(p).startswith(RUNNING_HEADER) for p in pages)
    assert [p.splitlines()[-1] for p in pages] == [f"— {n} —" for n in range(1, len(pages) + 1)]
    result = import_file(path)
    assert result.report is not None
    got = {k: _unspaced(v) for k, v in result.report.texts.items()}
    assert got == {k: _unspaced(v) for k, v in report.texts.items()}
    assert got["overview.supervision"].endswith("责任追究制度,确保政府信息公开工作顺利开展。")
    everything = _unspaced("".join(result.report.texts.values()) + "".join(result.extra["opening"]))
    assert RUNNING_HEADER not in everything and "—" not in everything


def _scan(pdf: Path) -> bytes:
    """``pdf``'s first page as a picture in a PDF: what a scanned report is."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        image = doc.pages[0].to_image(resolution=60).original
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PDF")
    return buf.getvalue()


@needs_libreoffice
def test_a_scanned_pdf_says_it_has_no_text_layer(pdfs: dict[str, tuple[Path, Report]], tmp_path: Path) -> None:
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(_scan(pdfs["rendered-2021"][0]))
    result = import_file(scan)
    assert result.report is None
    assert [f.code for f in result.findings] == ["IMPORT-PDF-NO-TEXT"]
    assert "没有文字层" in result.findings[0].message and "扫描件" in result.findings[0].message
    out = tmp_path / "out"
    cli = CliRunner().invoke(app, ["import", str(scan), "-o", str(out)])
    assert cli.exit_code == 1 and "没有文字层" in cli.output
    assert not out.exists() or list(out.iterdir()) == []


def test_a_damaged_pdf_is_unreadable_not_a_traceback() -> None:
    for data in (b"%PDF-1.7\n%broken", b"%PDF-1.4\n" + bytes(range(256)) * 20):
        result = import_source(data, "pdf", file="坏.pdf")
        assert result.report is None
        assert [f.code for f in result.findings] in (["IMPORT-UNREADABLE"], ["IMPORT-PDF-NO-TEXT"])
