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
