"""Browsers uploading at once to a real ``nianbao serve`` lose nothing and duplicate nothing
(``benchmarks/web_load.py`` at a small size; the benchmark runs the issue's 20 x 50)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from web_load import HOSTILE, run


@pytest.mark.slow
def test_concurrent_uploads_lose_nothing(tmp_path: Path) -> None:
    load = run(clients=6, files=8, folder=tmp_path)
    n = 6 * 8
    assert load.failures == []
    assert (load.received, load.distinct) == (n + len(HOSTILE), n + len(HOSTILE))  # each file once
    assert (load.submitted, load.expected) == (n, n)
    assert sum(load.statuses.values()) == n + len(HOSTILE)  # a verdict for every file
    assert load.hostile_unreadable == load.statuses["无法读取"] >= 4  # corrupt, encrypted, zip bomb, word...
