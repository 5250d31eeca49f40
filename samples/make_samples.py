"""Write the sample workbooks in this folder. Deterministic: running it twice gives the same data.

    python samples/make_samples.py                 # the workbooks made by nianbao
    python samples/make_samples.py --libreoffice   # also the copies saved by LibreOffice (needs soffice)

- 柏城街道办事处-2021年报.xlsx: the real published report tests/data/reference/baicheng-2021.txt
  (西平县, Henan, 2021; every figure 0) entered into a Henan-variant 2021 template, 正文 from its text.
- 示例县/: six offices of a fictional county, 2025, consistent non-zero figures; 县自然资源局 breaks
  T3-BALANCE (自然人's 一、本年新收 is 3 too high).
- 示例县-LibreOffice/: three of those workbooks opened, recalculated and saved by LibreOffice as .xlsx,
  .ods and .xls (files saved by a real spreadsheet program).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from nianbao.demo import BAICHENG_SAMPLE, COUNTY, COUNTY_YEAR, sample_filename, write_county_samples
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.spec import Kind, Number
from nianbao.template import write_workbook

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "tests" / "data" / "reference" / "baicheng-2021.txt"
LIBREOFFICE_DIR = f"{COUNTY}-LibreOffice"
#: county workbooks saved again by LibreOffice: (office, format)
LIBREOFFICE_COPIES = (("县教育局", "xlsx"), ("东湖街道办事处", "ods"), ("城关镇人民政府", "xls"))

_SUBHEADING = re.compile(r"^[（(]([一二三四五])[)）]")
_OVERVIEW_KEYS = {"一": "overview.active", "二": "overview.request", "三": "overview.management",
                  "四": "overview.platform", "五": "overview.supervision"}


def split_sections(text: str) -> dict[str, str]:
    """The narrative of a published report, by 正文 section key: the five parts of 一、总体情况 (by their
    sub-headings, each kept as the first line of its text: the document prints the office's own), 五 and 六.
    The tables (二 to 四) are left out; the part headings are dropped, the text kept as published."""
    sections: dict[str, list[str]] = {}
    current: str | None = "overview.active"
    for line in text.splitlines():
        line = line.strip()
        if not line or line == "一、总体情况":
            continue
        if line.startswith("二、主动公开政府信息情况"):
            current = None
        elif line.startswith("五、存在的主要问题及改进情况"):
            current = "problems"
        elif line.startswith("六、其他需要报告的事项"):
            current = "other"
        elif current is not None and current.startswith("overview.") and (m := _SUBHEADING.match(line)):
            current = _OVERVIEW_KEYS[m.group(1)]
            sections.setdefault(current, []).append(line)  # the office's own sub-heading, as the text's first line
        elif current is not None:
            sections.setdefault(current, []).append(line)
    return {key: "\n".join(lines) for key, lines in sections.items()}


def baicheng_report(reference: Path = REFERENCE) -> Report:
    layout = get_layout("2021", "henan")
    zeros: dict[str, Number] = {s.key: Decimal(0) if s.kind is Kind.AMOUNT else 0 for s in layout.inputs}
    info = {"office": "柏城街道办事处", "category": "街道办事处", "county": "西平县", "year": "2021"}
    return Report(layout, inputs=zeros, info=info, texts=split_sections(reference.read_text(encoding="utf-8")))


def make_samples(out_dir: Path = HERE, *, reference: Path = REFERENCE, libreoffice: bool = False) -> list[Path]:
    """Write every sample into ``out_dir``; returns the paths written."""
    out_dir = Path(out_dir)
    report = baicheng_report(reference)
    written = [write_workbook(out_dir / BAICHENG_SAMPLE, report.layout, report=report, office=report.office)]
    county_dir = out_dir / COUNTY
    if county_dir.exists():
        shutil.rmtree(county_dir)
    written += write_county_samples(county_dir)
    if libreoffice:
        written += save_with_libreoffice(county_dir, out_dir / LIBREOFFICE_DIR)
    return written


_RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def save_with_libreoffice(county_dir: Path, out_dir: Path) -> list[Path]:
    """Open some county workbooks in LibreOffice (recalculating) and save them as .xlsx/.ods/.xls."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("没有找到 LibreOffice（soffice），无法生成 LibreOffice 保存的示例。")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_RECALC, encoding="utf-8")
        for fmt in sorted({f for _o, f in LIBREOFFICE_COPIES}):
            files = [county_dir / sample_filename(o, COUNTY_YEAR) for o, f in LIBREOFFICE_COPIES if f == fmt]
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", fmt, "--outdir", str(out_dir), *map(str, files)],
                           check=True, capture_output=True, timeout=300)
            for f in files:
                out = out_dir / f"{f.stem}.{fmt}"
                if not out.exists():
                    raise SystemExit(f"LibreOffice 没有生成 {out.name}。")
                written.append(out)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="生成 samples/ 中的示例工作簿")
    parser.add_argument("--libreoffice", action="store_true", help="同时生成 LibreOffice 保存的副本")
    args = parser.parse_args()
    for path in make_samples(libreoffice=args.libreoffice):
        print(f"已生成 {path.relative_to(HERE)}")


if __name__ == "__main__":
    main()
