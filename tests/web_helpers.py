"""What the web tests share: the sample county's roster and files, a corrected resend, the CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

from nianbao.demo import BROKEN_OFFICE, COUNTY, COUNTY_OFFICES, corrected_report
from nianbao.template import build_workbook

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / COUNTY
BAD = REPO / "tests" / "data" / "bad"
#: on the roster, never reports: the 未提交名单 has it
SILENT_OFFICE = ("县财政局", "县直部门", "李四", "0396-7654321")


def roster_csv(extra: tuple[tuple[str, str, str, str], ...] = ()) -> bytes:
    rows = ["单位名称,单位类别,所属县,联系人,联系电话"]
    for i, (name, category, _seed) in enumerate(COUNTY_OFFICES, start=1):
        rows.append(f"{name},{category},{COUNTY},联系人{i},0396-100000{i}")
    for name, category, contact, phone in (SILENT_OFFICE, *extra):
        rows.append(f"{name},{category},{COUNTY},{contact},{phone}")
    return ("\n".join(rows) + "\n").encode("utf-8")


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.xlsx"))


def broken_file() -> Path:
    return SAMPLES / f"{BROKEN_OFFICE}-2025年报.xlsx"


def corrected_bytes() -> bytes:
    """县自然资源局's report with its T3-BALANCE error put right, as the office would resend it."""
    fixed = corrected_report()
    return build_workbook(fixed.layout, report=fixed)


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert m, "no CSRF token on the page"
    return m.group(1)
