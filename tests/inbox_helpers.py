"""Helpers of the inbox tests: a database per test (SQLite, and PostgreSQL when NIANBAO_TEST_PG names one),
the sample county's files, a corrected resend, and many distinct workbooks made quickly."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import zipfile
from pathlib import Path

import pytest

from nianbao.demo import COUNTY, COUNTY_OFFICES, corrected_report, county_reports, sample_filename
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook, write_workbook

PG_ENV = "NIANBAO_TEST_PG"
PG_URL = os.environ.get(PG_ENV, "")
#: every ledger test runs on SQLite and, where a server is given, on PostgreSQL
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason=f"{PG_ENV} not set (a postgresql:// URL of an empty test database); CI sets it"))]


def fresh_pg() -> str:
    """The test PostgreSQL database, emptied."""

    from nianbao.inbox import schema

    engine = schema.make_engine(PG_URL)
    with engine.begin() as conn:
        schema.metadata.drop_all(conn)
    engine.dispose()
    return PG_URL


def db_for(backend: str, tmp: Path) -> str:
    return fresh_pg() if backend == "postgresql" else str(tmp / "nianbao.sqlite3")


def roster_csv(aliases: dict[str, str] | None = None) -> bytes:
    """The sample county's 名单 as CSV bytes, with contacts, the 别名 given and an office that sends nothing."""
    aliases = aliases or {}
    lines = ["单位名称,单位类别,联系人,联系电话,别名"]
    for i, (office, category, _seed) in enumerate(COUNTY_OFFICES):
        lines.append(f"{office},{category},联系人{i},0396-{1000 + i},{aliases.get(office, '')}")
    lines.append("县水利局,县直部门,赵六,0396-2000,")
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_county(folder: Path) -> list[Path]:
    """The sample county's six workbooks (one, 县自然资源局, with a 表三 error)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_workbook(folder / sample_filename(r.office, 2025), r.layout, report=r) for r in county_reports()]


def corrected() -> tuple[Report, bytes]:
    """The broken office's report as it resends it, 表三 put right, and the workbook's bytes."""
    fixed = corrected_report()
    return fixed, build_workbook(fixed.layout, report=fixed)


def make_many(folder: Path, n: int, *, prefix: str = "单位") -> list[Path]:
    """``n`` distinct workbooks of ``n`` offices: a few built from random reports, copied with another office
    name and other figures patched into the XML (as benchmarks/merge.py makes them)."""
    folder.mkdir(parents=True, exist_ok=True)
    layout = get_layout("2021")
    rng = random.Random(20260115)
    bases = []
    for b in range(4):
        office = f"基准单位{b:02d}占位"
        bases.append((office, build_workbook(layout, report=random_report(layout, rng, office=office, county=COUNTY))))
    out = []
    for i in range(n):
        office, data = bases[i % len(bases)]
        src = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "xl/sharedStrings.xml":
                    body = body.replace(office.encode(), f"{prefix}{i:04d}".encode())
                dst.writestr(info, body)
        path = folder / f"{prefix}{i:04d}.xlsx"
        path.write_bytes(buf.getvalue())
        out.append(path)
    return out


def fingerprint(paths: list[Path]) -> dict[str, tuple[str, int]]:
    """sha256 and mtime (ns) of every file under ``paths``, to show inputs are not modified."""
    out = {}
    for p in paths:
        for f in ([p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())):
            out[str(f)] = (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns)
    return out


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["BACKENDS", "COUNTY", "PG_URL", "corrected", "db_for", "fingerprint", "make_many", "re", "roster_csv",
           "sha", "write_county"]
