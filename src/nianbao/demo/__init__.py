"""The demo: templates and filled samples written to a folder (grows as capabilities land).

The fictional county's sample workbooks are made here, so that ``nianbao demo`` works from an installed
package; ``samples/make_samples.py`` writes the same workbooks into the repository's ``samples/``.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from nianbao.demo.synth import random_report
from nianbao.files import write_bytes_atomic
from nianbao.form.common import COUNTY_DEPARTMENT, COUNTY_GOVERNMENT, SUBDISTRICT, TOWNSHIP
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.spec import LayoutSpec
from nianbao.template import RELEASED, office_filename, write_released_templates, write_workbook
from nianbao.wording import demo as words

COUNTY = words.COUNTY
COUNTY_YEAR = 2025
#: the fictional county's offices: (name, category, seed of its random figures)
COUNTY_OFFICES: tuple[tuple[str, str, int], ...] = (
    (words.GOVERNMENT_OFFICE, COUNTY_GOVERNMENT, 101),
    (words.EDUCATION_BUREAU, COUNTY_DEPARTMENT, 102),
    (words.NATURAL_RESOURCES_BUREAU, COUNTY_DEPARTMENT, 103),
    (words.MARKET_REGULATION_BUREAU, COUNTY_DEPARTMENT, 104),
    (words.CHENGGUAN_TOWN, TOWNSHIP, 105),
    (words.DONGHU_SUBDISTRICT, SUBDISTRICT, 106),
)
#: the office whose 表三 breaks T3-BALANCE: 自然人's 一、本年新收 is BROKEN_BY too high
BROKEN_OFFICE, BROKEN_BY = words.NATURAL_RESOURCES_BUREAU, 3
#: the cell the broken office got wrong: table 三 一、本年新收, 自然人 (the role's first column)
BROKEN_KEY = get_layout("2021").role("new")[0]

#: where the repository keeps its samples (present in a source checkout, absent from a wheel)
REPO_SAMPLES = Path(__file__).resolve().parents[3] / "samples"
BAICHENG_SAMPLE = words.BAICHENG_SAMPLE


def sample_filename(office: str, year: int) -> str:
    """The file name of an office's workbook, as ``nianbao template --roster`` names it."""
    return office_filename(office, year)


def _narrative(report: Report) -> dict[str, str]:
    """Short texts for 正文 whose figures agree with the tables (so N-TEXT has something to compare)."""
    v = report.values
    layout = report.layout
    new, forward = (v[layout.role(name)[0]] for name in ("new_total", "carry_forward_total"))
    normative = layout.role("issued")[-1]  # 本年制发 of 行政规范性文件, the last row of the role
    management, platform, supervision, problems = words.NARRATIVE_WORK[report.office]
    return {
        "overview.active": words.NARRATIVE_OVERVIEW_ACTIVE.format(office=report.office, year=report.year, normative=v[normative]),
        "overview.request": words.NARRATIVE_OVERVIEW_REQUEST.format(new=new, done=v[layout.role('result_total')[0]], forward=forward),
        "overview.management": management,
        "overview.platform": platform,
        "overview.supervision": supervision,
        "problems": problems,
        **_other_items(report),
    }


def _other_items(report: Report) -> dict[str, str]:
    """六's four items: the fee as table 三 has it (notices the applicants did not pay), "无。" for the others."""
    key = report.layout.role_cell("fee_unpaid_total")
    unpaid = report.values[key] if key else 0
    fee = words.NARRATIVE_FEE_NOTICES.format(n=unpaid) if unpaid else words.NARRATIVE_OTHER
    return {"other.fee": fee, "other.points": words.NARRATIVE_NONE, "other.proposals": words.NARRATIVE_NONE,
            "other.innovation": words.NARRATIVE_NONE}


def county_reports(layout: LayoutSpec | None = None) -> list[Report]:
    """The fictional county's reports: non-zero, consistent figures, except ``BROKEN_OFFICE``."""
    layout = layout or get_layout("2021")
    reports = []
    for office, category, seed in COUNTY_OFFICES:
        report = random_report(layout, random.Random(seed), office=office, category=category, county=COUNTY,
                               year=COUNTY_YEAR, scale=20, rules_made=False)
        inputs = dict(report.inputs)
        person_new, person_disclosed = layout.role("new")[0], layout.role("disclosed")[0]  # 自然人
        if int(inputs[person_new]) == 0:  # every sample office received applications
            inputs[person_new] = 2
            inputs[person_disclosed] = int(inputs[person_disclosed]) + 2
        if office == BROKEN_OFFICE:
            inputs[BROKEN_KEY] = int(inputs[BROKEN_KEY]) + BROKEN_BY
        filled = Report(layout, inputs=inputs, info=report.info)
        reports.append(replace(filled, texts=_narrative(filled)))
    return reports


def corrected_report(layout: LayoutSpec | None = None) -> Report:
    """``BROKEN_OFFICE``'s report as the office resends it: 表三 put right (and its 正文 with it)."""
    broken = next(r for r in county_reports(layout) if r.office == BROKEN_OFFICE)
    inputs = dict(broken.inputs)
    inputs[BROKEN_KEY] = int(inputs[BROKEN_KEY]) - BROKEN_BY
    fixed = replace(broken, inputs=inputs)
    return replace(fixed, texts=_narrative(fixed))


def write_county_samples(out_dir: Path) -> list[Path]:
    """Write the fictional county's filled workbooks into ``out_dir``, one per office."""
    return [write_workbook(Path(out_dir) / sample_filename(r.office, COUNTY_YEAR), r.layout, report=r)
            for r in county_reports()]


def _check_step(out_dir: Path, files: list[Path]) -> Iterator[str]:
    """Check the county's workbooks as the county office would, and annotate the wrong ones."""
    from nianbao.check.annotate import annotate_file
    from nianbao.check.checkfile import check_paths

    run = check_paths(files)
    yield words.CHECKED_N_WORKBOOKS.format(n_results=len(run.results))
    for r in run.results:
        yield words.OFFICE_CHECK_LINE.format(office=r.office, status=r.status, errors=r.errors, warnings=r.warnings)
        for f in r.findings:
            if f.is_error:
                yield f"    {f.sheet}!{f.cell} {f.message}"
        if r.errors:
            done = annotate_file(r, out_dir / words.SENDBACK_DIR)
            if done.output is not None:
                yield words.WROTE_ANNOTATED_COPY.format(output=done.output)


def run_demo(out_dir: Path) -> Iterator[str]:
    """Run the demo into ``out_dir``; yields one Chinese line per step for the terminal."""
    out_dir = Path(out_dir)
    yield words.OUTPUT_DIR_LINE.format(out_dir=out_dir)

    names = {name: (fmt, variant) for fmt, variant, name in RELEASED}
    for path in write_released_templates(out_dir / words.TEMPLATES_DIR):
        layout = get_layout(*names[path.name])
        yield words.WROTE_BLANK_TEMPLATE.format(path=path, name=layout.name)

    county = write_county_samples(out_dir / COUNTY)
    yield (words.WROTE_SAMPLE_WORKBOOKS.format(county=COUNTY, n_offices=len(county), year=COUNTY_YEAR, folder=out_dir / COUNTY, broken_office=BROKEN_OFFICE))

    yield from _check_step(out_dir, county)

    baicheng = REPO_SAMPLES / BAICHENG_SAMPLE
    if baicheng.exists():
        target = out_dir / words.REAL_SAMPLE_DIR / BAICHENG_SAMPLE
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(baicheng, target)
        yield words.COPIED_REAL_SAMPLE.format(target=target)
    # merge the sample county (nianbao.merge.core): the summary workbook and the status table
    from nianbao.merge.core import merge_files
    from nianbao.merge.summary import status_lines, write_summary
    from nianbao.read.roster import RosterEntry

    merged = merge_files(county, roster=[RosterEntry(o, c) for o, c, _s in COUNTY_OFFICES], name=COUNTY, jobs=1)
    summary = write_summary(out_dir / words.SUMMARY_FILENAME.format(county=COUNTY, year=COUNTY_YEAR), merged, force=True)
    yield words.MERGED_COUNTY.format(county=COUNTY, n_rows=len(merged.rows), summary=summary)
    yield from status_lines(merged)

    from nianbao.check.checkfile import check_file
    from nianbao.publish.render import render_report

    good = check_file(county[1])
    if good.report is not None:
        doc = write_bytes_atomic(out_dir / words.PUBLISHED_DIR / words.REPORT_DOCX_FILENAME.format(office=good.office, year=COUNTY_YEAR),
                                 render_report(good.report, "docx", findings=good.findings))
        yield words.WROTE_PUBLISHED_REPORT.format(office=good.office, doc=doc)
    yield from _inbox_step(out_dir, county)
    yield from _serve_step(out_dir)
    yield words.DONE_OPEN_FILES


def _serve_step(out_dir: Path) -> Iterator[str]:
    """How to open the county's web page on the demo's inbox."""
    from nianbao.demo.inbox import DEMO_DB

    yield (words.SEE_INBOX_IN_BROWSER.format(db=out_dir / DEMO_DB))


def _inbox_step(out_dir: Path, county: list[Path]) -> Iterator[str]:
    """The county's inbox: the files received, the wrong one sent back, its correction received."""
    from nianbao.demo.inbox import RESENT_DIR, fill_inbox

    fixed = corrected_report()
    resent = write_workbook(out_dir / RESENT_DIR / sample_filename(BROKEN_OFFICE, COUNTY_YEAR), fixed.layout,
                            report=fixed)
    yield from fill_inbox(out_dir, COUNTY, COUNTY_OFFICES, county, BROKEN_OFFICE, resent)
