"""Temporary files: removed by the process that made them when it can, and, when it was killed outright,
by the next run (they carry nianbao's prefix and are stale after an hour)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from nianbao.files import STALE_AFTER, TEMP_PREFIX, write_bytes_atomic

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _ours(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if TEMP_PREFIX in p.name)


def test_a_write_killed_outright_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    code = ("import sys, time; from pathlib import Path; from nianbao.files import write_atomic;"
            "write_atomic(Path(sys.argv[1]), lambda p: (p.write_bytes(b'half'), print('writing', flush=True),"
            " time.sleep(60)))")
    with subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "全县汇总.xlsx")], stdout=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    [left] = _ours(tmp_path)  # what kill -9 leaves: named as nianbao's, beside the output
    assert left.name.startswith(f".{TEMP_PREFIX}全县汇总.") and left.name.endswith(".xlsx.tmp")
    assert not (tmp_path / "全县汇总.xlsx").exists()
    fresh = tmp_path / f".{TEMP_PREFIX}另一个.abc.xlsx.tmp"  # another run's, still writing
    fresh.write_bytes(b"")
    theirs = tmp_path / ".其他程序.xlsx.tmp"
    theirs.write_bytes(b"")
    old = time.time() - STALE_AFTER - 60
    os.utime(left, (old, old))
    os.utime(theirs, (old, old))
    write_bytes_atomic(tmp_path / "全县汇总.xlsx", b"done")
    assert _ours(tmp_path) == [fresh] and theirs.exists()
    assert (tmp_path / "全县汇总.xlsx").read_bytes() == b"done"


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    from nianbao.files import write_atomic

    def fail(p: Path) -> None:
        p.write_bytes(b"half")
        raise KeyboardInterrupt  # Ctrl+C half-way

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "a.xlsx", fail)
    assert list(tmp_path.iterdir()) == []


def test_the_detail_sheet_file_is_removed_when_the_summary_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.merge import summary
    from nianbao.merge.core import merge_files

    result = merge_files(sorted((SAMPLES / "示例县").glob("*.xlsx")), jobs=1)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / f"{TEMP_PREFIX}detail.old.tmp"  # left by a merge killed last week
    stale.write_bytes(b"")
    old = time.time() - STALE_AFTER - 60
    os.utime(stale, (old, old))

    def broken(*_args: object) -> None:
        raise RuntimeError("half-way")

    monkeypatch.setattr(summary, "_write_files", broken)  # after 明细 was streamed to its temporary file
    with pytest.raises(RuntimeError):
        summary.build_summary(result)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert summary.build_summary(result)[:2] == b"PK"
