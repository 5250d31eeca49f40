"""What the re-review of issue 11's defects found still failing, run as a clerk meets it:

- an office name with control characters (pasted from Word: a vertical tab) made nianbao write XML no
  program can open (the 填报单位 line's cached result, the footer), so ``check --annotate`` said the
  file was damaged and gave no copy (defect 12);
- a 400-digit number typed into a cell: ``check --annotate`` gave the office no annotated copy, the one
  file that needed it (defect 6);
- ``import`` of a folder dropped a FIFO and a link to a device without a word (defects 7, 11).
"""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.parsers import expat

import pytest

from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

BAD = Path(__file__).parent / "data" / "bad"
sys.path.insert(0, str(BAD.parent))

from make_bad import rewrite, sheet_parts  # noqa: E402

L21 = get_layout("2021")


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _nianbao(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "nianbao", *args], capture_output=True, text=True, timeout=300,
                          env=_env(), errors="replace")
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    return proc


def _workbook(office: str, seed: int) -> bytes:
    return build_workbook(L21, report=random_report(L21, random.Random(seed), office=office, category="乡镇人民政府"))


def test_a_name_with_control_characters_gives_xml_every_program_opens() -> None:
    data = _workbook("柏城\x0b街道\x07办事处\x00", 1)
    zf = zipfile.ZipFile(io.BytesIO(data))
    for name in zf.namelist():
        if name.endswith((".xml", ".rels")):
            expat.ParserCreate().Parse(zf.read(name), True)  # raises on a control character


def _annotated(tmp_path: Path, name: str, data: bytes) -> tuple[Path, str]:
    src = tmp_path / "收件"
    src.mkdir()
    (src / name).write_bytes(data)
    proc = _nianbao("check", str(src), "--annotate", str(tmp_path / "标注"), "--annotate-all")
    copies = sorted((tmp_path / "标注").glob("*问题标注*.xlsx"))
    assert len(copies) == 1, proc.stdout[-2000:]
    return copies[0], proc.stdout


def test_annotating_a_report_whose_name_holds_control_characters(tmp_path: Path) -> None:
    copy, said = _annotated(tmp_path, "柏城街道.xlsx", _workbook("柏城\x0b街道\x07办事处", 2))
    assert "未标注" not in said
    from openpyxl import load_workbook

    assert load_workbook(copy)["基本信息"]["B2"].value.startswith("柏城")


def test_annotating_a_400_digit_number_shows_it_as_typed(tmp_path: Path) -> None:
    good = _workbook("柏城街道办事处", 3)
    part = sheet_parts(good)["表三"]
    digits = "9" * 400
    data = rewrite(good, {part: lambda b: re.sub(rb'(<c r="F6"[^>/]*>)<v>[^<]*</v>', rb"\g<1><v>" + digits.encode() + b"</v>",
                                                 b, count=1)})
    copy, said = _annotated(tmp_path, "四百位.xlsx", data)
    assert "未标注" not in said and "VALUE-HUGE" in said
    import json

    checked = json.loads(_nianbao("check", "--json", str(tmp_path / "收件")).stdout)["files"][0]["findings"]
    huge = next(f["message"] for f in checked if f["code"] == "VALUE-HUGE")
    assert "超出计算范围的数字" in huge and "inf" not in huge  # not Python's word for it
    from openpyxl import load_workbook

    wb = load_workbook(copy)
    assert str(wb["表三"]["F6"].value) == digits  # the office sees what it typed, marked
    assert wb["表三"]["F6"].comment is not None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_importing_a_folder_accounts_for_a_fifo_and_a_device_link(tmp_path: Path) -> None:
    src = tmp_path / "已发布"
    src.mkdir()
    os.mkfifo(src / "管道.txt")
    (src / "零.txt").symlink_to("/dev/zero")
    (src / "正文.txt").write_text("柏城街道办事处2025年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    proc = _nianbao("import", str(src), "-o", str(tmp_path / "工作簿"))
    assert proc.returncode in (0, 1)
    lines = proc.stdout
    assert "管道.txt" in lines and "命名管道" in lines
    assert "零.txt" in lines and "设备文件" in lines
    assert "共 3 份" in lines


def test_every_remedy_is_said_with_its_values() -> None:
    """怎么改 said "改为数字 {expected}" and "改回“{expected}”" to the clerk, the placeholders unfilled (the
    console, --json, the annotated copy, the summary's 问题 sheet, the inbox)."""
    import string

    from nianbao.form.findings import CATALOGUE, make

    with_fields = [c for c, s in CATALOGUE.items() if any(n for _t, n, _f, _c in string.Formatter().parse(s.fix))]
    assert with_fields  # READ-FORMULA, READ-SHEET-COPY...
    for code in with_fields:
        names = {n for _t, n, _f, _c in string.Formatter().parse(CATALOGUE[code].template + CATALOGUE[code].fix) if n}
        values = {n: f"〔{n}〕" for n in names}
        std = {k: values.pop(k) for k in ("file", "sheet", "cell", "expected", "actual") if k in values}
        f = make(code, **std, **values)
        assert "{" not in f.remedy and "}" not in f.remedy, (code, f.remedy)
        assert f.at(f.sheet or "表三", "B2").remedy == f.remedy


def test_check_says_the_sheet_to_keep_and_the_number_to_type(tmp_path: Path) -> None:
    from make_bad import Formula, set_cells

    data = set_cells(_workbook("柏城街道办事处", 4), {("表三", "E6"): Formula("3+4", None)})
    (tmp_path / "公式.xlsx").write_bytes(data)
    import json

    got = json.loads(_nianbao("check", "--json", str(tmp_path / "公式.xlsx")).stdout)["files"][0]["findings"]
    formula = next(f for f in got if f["code"] == "READ-FORMULA")
    assert "改为数字 7" in formula["remedy"]
