"""The reading workers of check and merge (``read.isolate``) end with the process that started them, even
when it is killed outright (SIGKILL) while a worker is still reading: no worker is left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")

# a parent that starts two workers, each on an item that takes a minute (as a hostile file may), prints
# their pids and waits
_PARENT = """
import sys, time
from nianbao.read import isolate
def slow(item):
    time.sleep(60)
    return item
if __name__ == "__main__":
    for _ in isolate.run_isolated(slow, [1, 2], jobs=2):
        pass
"""


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_PARENT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], env={**os.environ})
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) == 2, "the workers did not start"
    time.sleep(0.5)  # both are reading their item now
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:  # (without the fix: clean up what the test found)
        os.kill(w, signal.SIGKILL)
    assert left == []
