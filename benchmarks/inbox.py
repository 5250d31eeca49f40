"""The inbox's cost, beside ``nianbao check`` of the same files measured in the same run.

    python benchmarks/inbox.py [--sizes 300,1000] [--repeat 3] [--offices 1000]

For each N it makes N distinct filled workbooks (as benchmarks/merge.py makes them), then times, each as a
whole process: ``nianbao check DIR`` and ``nianbao inbox add DIR --db NEW.sqlite3`` (default jobs, and
``--jobs 1`` through the library in a child process), ``--repeat`` times interleaved (the machine may be
shared: each round runs every command once), and prints the medians and the median of each round's ratio.

Then it times ``Inbox.status()`` in-process on an inbox of ``--offices`` offices: a roster of all but 50 of
them, each with a version, 50 offices not on the roster (names close to roster names), 20 sent back and 20
accepted; beside it, in the same run, a plain ``sqlite3`` read of the same rows (the offices joined to their
receipts), as the floor, and the dashboard's page (``GET /``) through the web application.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
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


def measure(folder: Path, work: Path, n: int, repeat: int) -> None:
    files = make_files(folder, n)
    runs: dict[str, list[float]] = {"check": [], "add": [], "serial": [], "again": []}
    for r in range(repeat):
        db, one = work / f"a{n}-{r}.sqlite3", work / f"s{n}-{r}.sqlite3"
        for old in (*work.glob(db.name + "*"), *work.glob(one.name + "*")):  # a new inbox each round
            old.unlink()
        runs["check"].append(_timed([sys.executable, "-m", "nianbao", "check", str(folder)]))
        runs["add"].append(_timed([sys.executable, "-m", "nianbao", "inbox", "add", str(folder), "--db", str(db)]))
        runs["serial"].append(_timed([sys.executable, "-c", _ADD_SERIAL, str(one), str(folder)]))
        runs["again"].append(_timed([sys.executable, "-m", "nianbao", "inbox", "add", str(folder), "--db", str(db)]))
    med = {k: statistics.median(v) for k, v in runs.items()}
    ratio = {k: statistics.median(a / c for a, c in zip(v, runs["check"], strict=True)) for k, v in runs.items()}
    print(f"{len(files)} files, median of {repeat} interleaved rounds: nianbao check {med['check']:.2f} s; "
          f"inbox add {med['add']:.2f} s ({ratio['add']:.2f}x check); add in one process {med['serial']:.2f} s "
          f"({ratio['serial']:.2f}x); the same files again (duplicates) {med['again']:.2f} s ({ratio['again']:.2f}x)")
    print("  each round's add / check: " + ", ".join(f"{a / c:.2f}" for a, c in zip(runs["add"], runs["check"],
                                                                                       strict=True)))


OFF_ROSTER, RETURNED, ACCEPTED = 50, 20, 20


def _status_inbox(work: Path, offices: int) -> Path:
    folder = work / f"offices{offices}"
    make_files(folder, offices)
    db = work / f"status{offices}.sqlite3"
    for old in work.glob(db.name + "*"):
        old.unlink()
    roster = "单位名称,单位类别\n" + "".join(f"测试单位{i:05d},县直部门\n" for i in range(offices - OFF_ROSTER))
    with Inbox.open(db) as inbox:
        inbox.import_roster("名单.csv", roster.encode("utf-8"))
        inbox.add_paths([folder])
        for i in range(RETURNED):
            inbox.return_office(f"测试单位{i:05d}", "请核对表三")
        for i in range(RETURNED, RETURNED + ACCEPTED):
            inbox.accept(f"测试单位{i:05d}")
    return db


_RAW = ("SELECT o.*, r.version, r.received_at, r.status, r.errors, r.warnings FROM offices o LEFT JOIN receipts r"
        " ON r.office_id = o.id AND r.version = (SELECT max(version) FROM receipts WHERE office_id = o.id)")


def status_time(work: Path, offices: int, repeat: int) -> None:
    from starlette.testclient import TestClient

    from nianbao.web.server import WebConfig, create_app

    db = _status_inbox(work, offices)
    times: dict[str, list[float]] = {"status": [], "raw": [], "page": []}
    with Inbox.open(db) as inbox, TestClient(create_app(WebConfig(db=str(db))), base_url="http://127.0.0.1") as client:
        raw = sqlite3.connect(db)
        for _ in range(max(repeat, 5)):
            t0 = time.perf_counter()
            rows = inbox.status()
            t1 = time.perf_counter()
            raw.execute(_RAW).fetchall()
            t2 = time.perf_counter()
            page = client.get("/")
            t3 = time.perf_counter()
            times["status"].append(t1 - t0)
            times["raw"].append(t2 - t1)
            times["page"].append(t3 - t2)
        raw.close()
    assert page.status_code == 200
    ms = {k: statistics.median(v) * 1000 for k, v in times.items()}
    print(f"status of {len(rows)} offices ({sum(not s.on_roster for s in rows)} not on the roster), in-process, "
          f"median of {len(times['status'])}: {ms['status']:.0f} ms (worst {max(times['status']) * 1000:.0f} ms; "
          f"target 200 ms); plain sqlite3 read of the same rows {ms['raw']:.0f} ms "
          f"({ms['status'] / ms['raw']:.1f}x); the dashboard page GET / {ms['page']:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="300,1000")
    ap.add_argument("--offices", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-inbox-bench-") as tmp:
        work = args.dir or Path(tmp)
        for n in (int(x) for x in args.sizes.split(",")):
            measure(work / f"files{n}", work, n, args.repeat)
        status_time(work, args.offices, args.repeat)


if __name__ == "__main__":
    main()
