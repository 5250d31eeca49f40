"""Many browsers uploading at once to ``nianbao serve``: nothing lost, nothing twice, the counts right.

    python benchmarks/web_load.py [--clients 20] [--files 50]

Starts ``nianbao serve`` (uvicorn, as a clerk starts it) on a free port over a new SQLite ledger, imports a
roster of clients x files offices, then each client (a thread with its own connection) uploads its files
one per request, as the page's script does, all at once. The hostile files of ``tests/data/bad`` go in
among the first client's files. Then it checks, from the API and from the ledger itself: every file
received exactly once, every office on the dashboard 已提交, each hostile file stored and unreadable.
Prints the wall time and files per second.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx

from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

REPO = Path(__file__).resolve().parents[1]
#: the corpus of bad files (damaged, encrypted, zip bomb, far cells, ...), less the empty one (refused
#: at the upload, never stored)
HOSTILE = sorted(p for p in (REPO / "tests" / "data" / "bad").glob("*.xlsx") if p.stat().st_size)


@dataclass
class Load:
    clients: int
    files: int
    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    received: int = 0  # 收到 lines in the ledger's log
    distinct: int = 0  # distinct files among them
    submitted: int = 0  # offices the dashboard shows as submitted
    expected: int = 0
    hostile_unreadable: int = 0  # of the bad files, those stored and marked 无法读取
    failures: list[str] = field(default_factory=list)


def office_name(i: int) -> str:
    return f"第{i:04d}号单位"


def make_files(folder: Path, n: int) -> list[Path]:
    layout = get_layout("2021")
    out = []
    for i in range(n):
        report = random_report(layout, random.Random(i), office=office_name(i), county="示例县", year=2025)
        path = folder / f"{office_name(i)}-2025年报.xlsx"
        path.write_bytes(build_workbook(layout, report=report))
        out.append(path)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "nianbao", "serve", "--db", str(db), "--port", str(port),
                                 "--no-browser"], env=env, cwd=db.parent, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/", timeout=5)
            return proc, url
        except httpx.HTTPError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("nianbao serve did not start: " + log.read_text(errors="replace"))


def import_roster(url: str, n: int) -> None:
    rows = "单位名称,单位类别,所属县\n" + "".join(f"{office_name(i)},县直部门,示例县\n" for i in range(n))
    with httpx.Client(base_url=url, timeout=600) as c:
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/").text)
        assert csrf
        r = c.post("/roster", data={"csrf": csrf.group(1)}, files={"roster": ("名单.csv", rows.encode(), "text/csv")})
        assert r.status_code in (200, 303), r.text


def _client(url: str, paths: list[Path], load: Load, lock: threading.Lock) -> None:
    with httpx.Client(base_url=url, timeout=600, headers={"X-Requested-With": "load"}) as c:
        for p in paths:
            try:
                r = c.post("/api/files", files={"files": (p.name, p.read_bytes(), "application/octet-stream")})
                r.raise_for_status()
                for f in r.json()["files"]:
                    with lock:
                        load.statuses[f["status"]] = load.statuses.get(f["status"], 0) + 1
            except Exception as exc:  # counted and reported: the check below says what was lost
                with lock:
                    load.failures.append(f"{p.name}: {type(exc).__name__} {exc}")


def run(clients: int, files: int, folder: Path) -> Load:
    load = Load(clients, files)
    paths = make_files(folder, clients * files)
    db = folder / "nianbao.sqlite3"
    proc, url = start_server(db, folder / "serve.log")
    try:
        import_roster(url, clients * files)
        batches = [paths[i * files:(i + 1) * files] for i in range(clients)]
        batches[0] = [*HOSTILE, *batches[0]]
        lock = threading.Lock()
        threads = [threading.Thread(target=_client, args=(url, b, load, lock)) for b in batches]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        load.seconds = time.perf_counter() - start
        rows = httpx.get(url + "/api/status", timeout=60).json()
        load.expected = sum(r["on_roster"] for r in rows)
        load.submitted = sum(r["on_roster"] and r["state"] != "未提交" for r in rows)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    _count_ledger(db, load)
    return load


def _count_ledger(db: Path, load: Load) -> None:
    import hashlib

    from nianbao.inbox import Inbox

    with Inbox.open(str(db)) as inbox:
        got = [e.sha256 for e in inbox.log() if e.action == "收到"]
        load.received, load.distinct = len(got), len(set(got))
        hostile = {hashlib.sha256(p.read_bytes()).hexdigest() for p in HOSTILE}
        load.hostile_unreadable = sum(1 for e in inbox.log() if e.action == "收到" and e.sha256 in hostile
                                      and "无法读取" in e.note)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--files", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-web-load-") as d:
        load = run(args.clients, args.files, Path(d))
    total = args.clients * args.files + len(HOSTILE)
    print(f"{args.clients} clients x {args.files} files (+{len(HOSTILE)} hostile) uploaded at once: "
          f"{load.seconds:.1f} s, {total / load.seconds:.1f} files/s")
    print(f"verdicts returned: {load.statuses}; failed requests: {len(load.failures)}")
    print(f"ledger: {load.received} files received, {load.distinct} distinct (expected {total}); "
          f"dashboard: {load.submitted} of {load.expected} offices submitted; "
          f"hostile files stored and unreadable: {load.hostile_unreadable} of {len(HOSTILE)}")
    for f in load.failures[:10]:
        print("  failed:", f)


if __name__ == "__main__":
    main()
