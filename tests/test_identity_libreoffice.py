"""What LibreOffice keeps of a template's locks, and the identity read when they are gone.

LibreOffice saves the very hidden identity sheet as merely hidden and drops the workbook-structure lock (so
the README does not promise them); a clerk can then unhide and rename ``_nianbao``. The reader finds it by
its content, so the workbook is still read as the template it is."""

from __future__ import annotations

import io
import random
import warnings
from pathlib import Path

import openpyxl
import pytest

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import ID_SHEET
from nianbao.template import build_workbook

pytestmark = [pytest.mark.libreoffice, needs_libreoffice]

HENAN = get_layout("2021", "henan")


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("src")
    report = random_report(HENAN, random.Random(8), office="县司法局")
    plain = src / "plain.xlsx"
    plain.write_bytes(build_workbook(HENAN, report=report))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(plain.read_bytes()))
    ws = wb[ID_SHEET]
    ws.sheet_state = "visible"  # unhidden and renamed, as a clerk could once LibreOffice dropped the locks
    ws.title = "Sheet9"
    renamed = src / "renamed.xlsx"
    wb.save(renamed)
    out = convert([plain, renamed], "xlsx", tmp_path_factory.mktemp("lo"))
    return {"plain": out[0], "renamed": out[1]}


def test_libreoffice_keeps_neither_the_structure_lock_nor_very_hidden(saved: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(saved["plain"])
    assert wb[ID_SHEET].sheet_state == "hidden"
    assert wb.security is None or not wb.security.lockStructure


def test_a_renamed_identity_sheet_is_found_by_its_content(saved: dict[str, Path]) -> None:
    result = check_file(saved["renamed"])
    assert "Sheet9" in openpyxl.load_workbook(saved["renamed"], read_only=True).sheetnames
    assert result.kind == "template"
    assert result.report is not None and (result.report.layout.format, result.report.layout.variant) == (
        "2021", "henan")
    assert not [f for f in result.findings if f.code == "TEMPLATE-NO-MARKS"]
    assert result.errors == 0 and result.report.office == "县司法局"
