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
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.spec import LayoutSpec
from nianbao.template import RELEASED, safe_filename, write_released_templates, write_workbook

COUNTY = "示例县"
COUNTY_YEAR = 2025
#: the fictional county's offices: (name, category, seed of its random figures)
COUNTY_OFFICES: tuple[tuple[str, str, int], ...] = (
    ("县政府办公室", "县级人民政府本级", 101),
    ("县教育局", "县直部门", 102),
    ("县自然资源局", "县直部门", 103),
    ("县市场监督管理局", "县直部门", 104),
    ("城关镇人民政府", "乡镇人民政府", 105),
    ("东湖街道办事处", "街道办事处", 106),
)
#: the office whose 表三 breaks T3-BALANCE: 自然人's 一、本年新收 is BROKEN_BY too high
BROKEN_OFFICE, BROKEN_BY = "县自然资源局", 3
#: the cell the broken office got wrong: table 三 一、本年新收, 自然人 (the role's first column)
BROKEN_KEY = get_layout("2021").role("new")[0]

#: where the repository keeps its samples (present in a source checkout, absent from a wheel)
REPO_SAMPLES = Path(__file__).resolve().parents[3] / "samples"
BAICHENG_SAMPLE = "柏城街道办事处-2021年报.xlsx"


def sample_filename(office: str, year: int) -> str:
    """The file name of an office's workbook, as ``nianbao template --roster`` names it."""
    return f"{safe_filename(office)}-{year}年报.xlsx"


def _narrative(report: Report) -> dict[str, str]:
    """Short texts for 正文 whose figures agree with the tables (so N-TEXT has something to compare)."""
    v = report.values
    layout = report.layout
    new, forward = (v[layout.role(name)[0]] for name in ("new_total", "carry_forward_total"))
    normative = layout.role("issued")[-1]  # 本年制发 of 行政规范性文件, the last row of the role
    return {
        "overview.active": f"{report.office}{report.year}年通过政府门户网站主动公开政府信息，"
                           f"制发行政规范性文件 {v[normative]} 件。",
        "overview.request": f"全年共受理政府信息公开申请 {new} 件，办结 {v[layout.role('result_total')[0]]} 件，"
                            f"结转下年度继续办理 {forward} 件。",
        "overview.management": "严格执行政府信息公开审查制度，做到先审查、后公开。",
        "overview.platform": "依托县政府门户网站政府信息公开专栏发布信息。",
        "overview.supervision": "将政务公开纳入年度考核，组织业务培训一次。",
        "problems": "信息更新还不够及时。下一步将加强审核，及时更新。",
        "other": "本年度未收取信息处理费。",
    }


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
    yield f"已检查 {len(run.results)} 个工作簿（nianbao check）："
    for r in run.results:
        yield f"  {r.office}：{r.status}（错误 {r.errors} 处，警告 {r.warnings} 处）"
        for f in r.findings:
            if f.is_error:
                yield f"    {f.sheet}!{f.cell} {f.message}"
        if r.errors:
            done = annotate_file(r, out_dir / "退回修改")
            if done.output is not None:
                yield f"    已生成标注了问题的副本（退回单位修改用）：{done.output}"


def run_demo(out_dir: Path) -> Iterator[str]:
    """Run the demo into ``out_dir``; yields one Chinese line per step for the terminal."""
    out_dir = Path(out_dir)
    yield f"演示输出目录：{out_dir}"

    names = {name: (fmt, variant) for fmt, variant, name in RELEASED}
    for path in write_released_templates(out_dir / "模板"):
        layout = get_layout(*names[path.name])
        yield f"已生成空白模板：{path}（{layout.name}）"

    county = write_county_samples(out_dir / COUNTY)
    yield (f"已生成{COUNTY} {len(county)} 个单位填好的示例工作簿（{COUNTY_YEAR} 年度），写入 {out_dir / COUNTY}；"
           f"其中“{BROKEN_OFFICE}”表三故意填错一处（一 + 二 ≠ （七）总计 + 四），用于演示校验")

    yield from _check_step(out_dir, county)

    baicheng = REPO_SAMPLES / BAICHENG_SAMPLE
    if baicheng.exists():
        target = out_dir / "真实年报示例" / BAICHENG_SAMPLE
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(baicheng, target)
        yield f"已复制真实年报示例（西平县柏城街道办事处 2021 年度，河南格式）：{target}"
    # merge the sample county (nianbao.merge.core): the summary workbook and the status table
    from nianbao.merge.core import merge_files
    from nianbao.merge.summary import status_lines, write_summary
    from nianbao.read.roster import RosterEntry

    merged = merge_files(county, roster=[RosterEntry(o, c) for o, c, _s in COUNTY_OFFICES], name=COUNTY, jobs=1)
    summary = write_summary(out_dir / f"{COUNTY}{COUNTY_YEAR}年度汇总.xlsx", merged, force=True)
    yield f"已汇总{COUNTY} {len(merged.rows)} 个单位的报告：{summary}（“状态”表列出提交情况，“明细”表列出各单位数字）"
    yield from status_lines(merged)

    from nianbao.check.checkfile import check_file
    from nianbao.publish.render import render_report

    good = check_file(county[1])
    if good.report is not None:
        doc = write_bytes_atomic(out_dir / "发布稿" / f"{good.office}{COUNTY_YEAR}年政府信息公开工作年度报告.docx",
                                 render_report(good.report, "docx", findings=good.findings))
        yield f"已生成“{good.office}”对外发布的年度报告文档：{doc}"
    yield from _inbox_step(out_dir, county)
    yield from _serve_step(out_dir)
    yield "完成。用 Excel、WPS 或 LibreOffice 打开上述文件查看；“校验”表显示各项勾稽关系是否满足。"


def _serve_step(out_dir: Path) -> Iterator[str]:
    """How to open the county's web page on the demo's inbox."""
    from nianbao.demo.inbox import DEMO_DB

    yield (f"在浏览器中查看收件箱（看板、各单位的版本和改动、汇总下载）：nianbao serve --db {out_dir / DEMO_DB}"
           "，然后打开 http://127.0.0.1:8000/")


def _inbox_step(out_dir: Path, county: list[Path]) -> Iterator[str]:
    """The county's inbox: the files received, the wrong one sent back, its correction received."""
    from nianbao.demo.inbox import RESENT_DIR, fill_inbox

    fixed = corrected_report()
    resent = write_workbook(out_dir / RESENT_DIR / sample_filename(BROKEN_OFFICE, COUNTY_YEAR), fixed.layout,
                            report=fixed)
    yield from fill_inbox(out_dir, COUNTY, COUNTY_OFFICES, county, BROKEN_OFFICE, resent)
