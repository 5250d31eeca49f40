"""The worker pool of check and merge (``check.pool``): several files a round trip, the same answers as one
at a time and as a serial run, and a dying worker still costs only its own item."""

from __future__ import annotations

import faulthandler
import os
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file, check_paths
from nianbao.check.pool import BATCH, batch_size, run_pooled
from nianbao.read.isolate import Crash, run_isolated
from nianbao.read.paths import collect_paths

ROOT = Path(__file__).parent.parent
FOLDERS = [ROOT / "samples", ROOT / "tests" / "data" / "saved", ROOT / "tests" / "data" / "bad"]


def _answer(item: str) -> str:
    """Worker: an item's answer; "abort" kills the worker as a native library's abort does, "raise" raises."""
    if item.startswith("abort"):
        faulthandler.disable()
        os.abort()
    if item.startswith("raise"):
        raise ValueError(item)
    return item.upper()


def test_batches_only_when_there_are_many() -> None:
    assert batch_size(10, 2) == 1  # few files: one a round trip, spread over the workers
    assert batch_size(40, 2) == 5
    assert batch_size(10_000, 2) == BATCH


@pytest.mark.parametrize("batch", [1, 3, 8])
def test_pooled_answers_are_those_of_one_at_a_time(batch: int) -> None:
    items = [f"item{i}" for i in range(30)]
    items[4], items[11], items[12], items[29] = "abort-a", "raise-b", "abort-c", "raise-d"
    one = dict(run_isolated(_answer, items, jobs=2))
    pooled = dict(run_pooled(_answer, items, jobs=2, batch=batch))
    assert sorted(pooled) == list(range(len(items)))
    assert pooled == one
    assert sorted(i for i, a in pooled.items() if isinstance(a, Crash)) == [4, 11, 12, 29]  # nothing else lost


def test_check_of_many_files_is_the_serial_check() -> None:
    """``check_paths`` over the samples, LibreOffice's saves and the whole bad corpus (batched: five files a
    round trip here) gives, file for file and in order, what ``check_file`` gives one after the other."""
    files, _skipped = collect_paths(FOLDERS)
    assert batch_size(len(files), min(len(files), os.cpu_count() or 1)) > 1 or (os.cpu_count() or 1) > 8
    run = check_paths(FOLDERS)
    serial = [check_file(f).to_dict() for f in files]
    assert [r.to_dict() for r in run.results] == serial
