"""Read-and-validate speed: median per workbook in-process (calamine reader vs an openpyxl read of the
same cells), and the wall time and peak memory of `nianbao check` over N distinct filled workbooks.

    python benchmarks/check.py [N]       (default 1000; the workbooks are written to a temporary folder)

Baseline, measured in the same run: the same cells read with openpyxl (read_only, data_only), per file
and over all N files in one process, so the printed ratios compare like with like on this machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from nianbao.check.checkfile import check_file
from nianbao.cli.check import COMPACT_FROM
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook


def _openpyxl_read(path: Path) -> dict[str, object]:
    from openpyxl import load_workbook

    layout = get_layout("2021")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=True)
    out: dict[str, object] = {}
    for table in layout.tables:
        ws = wb[table.sheet]
        ws.reset_dimensions()
        rows = list(ws.iter_rows(values_only=True))
        for c in table.cells:
            r, col = table.sheet_pos(c.row, c.col)
            out[c.key] = rows[r][col] if r < len(rows) and col < len(rows[r]) else None
    wb.close()
    return out


def main(n: int = 1000) -> None:
    layout = get_layout("2021")
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as d:
        folder = Path(d)
        for i in range(n):
            report = random_report(layout, random.Random(i), office=f"单位{i:04d}")
            (folder / f"单位{i:04d}.xlsx").write_bytes(build_workbook(layout, report=report))
        files = sorted(folder.glob("*.xlsx"))
        sample = files[: min(200, n)]
        times = []
        for f in sample:
            t0 = time.perf_counter()
            check_file(f)
            times.append(time.perf_counter() - t0)
        op = []
        for f in sample[:100]:
            t0 = time.perf_counter()
            _openpyxl_read(f)
            op.append(time.perf_counter() - t0)
        med, med_op = statistics.median(times), statistics.median(op)
        print(f"read + validate one workbook (calamine reader): median {med * 1000:.2f} ms")
        print(f"read the same cells with openpyxl read-only:    median {med_op * 1000:.2f} ms"
              f"  (nianbao {med_op / med:.1f}x faster)")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "nianbao", "check", "--json", str(folder)], capture_output=True)
        wall = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"nianbao check over {n} workbooks: {wall:.2f} s wall (exit {proc.returncode}), peak {peak:.0f} MB")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "nianbao", "check", str(folder)], capture_output=True)
        shown = time.perf_counter() - t0
        print(f"the same, as printed for the terminal (a line a file past {COMPACT_FROM}): {shown:.2f} s wall"
              f" ({len(proc.stdout.splitlines())} lines)")
        t0 = time.perf_counter()
        for f in files:
            _openpyxl_read(f)
        op_wall = time.perf_counter() - t0
        print(f"openpyxl read-only over the same {n} workbooks (one process, no validation): {op_wall:.2f} s"
              f"  (nianbao check {op_wall / wall:.1f}x faster)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000, help="number of workbooks (default 1000)")
    main(parser.parse_args().n)
