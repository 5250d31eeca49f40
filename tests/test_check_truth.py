"""What check says about a file must be true (issue 10, found by an acceptance review)."""

from __future__ import annotations

from pathlib import Path

from nianbao.check.checkfile import check_file

SAVED = Path(__file__).parent / "data" / "saved"


def test_a_total_summing_an_inserted_row_is_not_called_stale() -> None:
    """LibreOffice recalculated the file: the totals are current, they include the inserted row. Saying
    "公式结果没有更新, 按 Ctrl+Alt+F9" would send the clerk after the wrong cause."""
    result = check_file(SAVED / "rows-inserted-with-figure.xlsx")
    codes = [f.code for f in result.findings]
    assert "STRUCT-ROWS" in codes
    assert "TOTAL-STALE" not in codes
    inserted = [f for f in result.findings if f.code == "TOTAL-WITH-INSERTED"]
    assert inserted and all("插入或删除了行、列" in f.message and "Ctrl+Alt+F9" not in f.remedy for f in inserted)


def test_an_ods_saved_with_a_password_is_said_to_be_encrypted_not_damaged() -> None:
    """LibreOffice encrypts each part of an .ods saved with a password (the manifest says so); it was called
    damaged (FILE-CORRUPT 表格内容不完整或有格式错误, "open it in Excel or WPS", which cannot), and is
    FILE-ENCRYPTED, whose remedy says how to save it without the password in LibreOffice too."""
    found = check_file(SAVED / "password-1234.ods").findings
    assert [f.code for f in found] == ["FILE-ENCRYPTED"]
    assert "password-1234.ods" in found[0].message and "LibreOffice" in found[0].remedy
