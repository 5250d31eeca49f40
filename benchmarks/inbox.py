"""The inbox's cost, beside ``nianbao check`` of the same files measured in the same run.

    python benchmarks/inbox.py [--sizes 300,1000] [--jobs N] [--offices 1000]

For each N it makes N distinct filled workbooks (as benchmarks/merge.py makes them), then times, each as a
whole process: ``nianbao check DIR`` and ``nianbao inbox add DIR --db NEW.sqlite3`` (default jobs, and
``--jobs 1`` through the library in a child process), and prints the ratios. Then it times ``Inbox.status()``
in-process on an inbox of ``--offices`` offices (a roster of that many, each with one version).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from merge import make_files

from nianbao.inbox import Inbox


def _timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


_ADD_SERIAL = ("import sys; from pathlib import Path; from nianbao.inbox import Inbox\n"
               "with Inbox.open(sys.argv[1]) as i: i.add_paths([Path(sys.argv[2])], jobs=1)")


def measure(folder: Path, work: Path, n: int) -> None:
    files = make_files(folder, n)
    check = _timed([sys.executable, "-m", "nianbao", "check", str(folder)])
    add = _timed([sys.executable, "-m", "nianbao", "inbox", "add", str(folder), "--db", str(work / f"a{n}.sqlite3")])
    serial = _timed([sys.executable, "-c", _ADD_SERIAL, str(work / f"s{n}.sqlite3"), str(folder)])
    again = _timed([sys.executable, "-m", "nianbao", "inbox", "add", str(folder), "--db", str(work / f"a{n}.sqlite3")])
    print(f"{len(files)} files: nianbao check {check:.2f} s; inbox add {add:.2f} s ({add / check:.2f}x check); "
          f"add in one process {serial:.2f} s ({serial / check:.2f}x); the same files again (duplicates) "
          f"{again:.2f} s ({again / check:.2f}x)")


def status_time(work: Path, offices: int) -> None:
    folder = work / f"offices{offices}"
    files = make_files(folder, offices)
    db = work / f"status{offices}.sqlite3"
    roster = "单位名称,单位类别\n" + "".join(f"测试单位{i:05d},县直部门\n" for i in range(offices))
    with Inbox.open(db) as inbox:
        inbox.import_roster("名单.csv", roster.encode("utf-8"))
        inbox.add_paths([folder])
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            rows = inbox.status()
            times.append(time.perf_counter() - t0)
    print(f"status of {len(rows)} offices ({len(files)} with a version): best {min(times) * 1000:.0f} ms, "
          f"worst {max(times) * 1000:.0f} ms of 5, in-process")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="300,1000")
    ap.add_argument("--offices", type=int, default=1000)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-inbox-bench-") as tmp:
        work = args.dir or Path(tmp)
        for n in (int(x) for x in args.sizes.split(",")):
            measure(work / f"files{n}", work, n)
        status_time(work, args.offices)


if __name__ == "__main__":
    main()
