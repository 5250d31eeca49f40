"""Read + validate one workbook, against the floor of python-calamine reading every sheet of the same bytes,
and against openpyxl read-only reading the input cells (.xlsx), all in one process, interleaved.

    python benchmarks/read.py [--rounds 200] [--files A.xlsx B.ods ...]

The corpus by default: a filled template made by nianbao (xlsxwriter), and the sample county's reports as
LibreOffice saved them (.xlsx, .xls, .ods, from samples/示例县-LibreOffice). Each round times every file
once with each reader in turn (so the machine's load falls alike on all); the medians are printed with
the ratios nianbao (read + validate, ``check_bytes``) / floor, read alone (``read_bytes``) / floor (the target: 1.3x for .xlsx and .ods, 1.5x for .xls) and openpyxl / nianbao
(the target: 15x). ``--split`` also prints, for each .xlsx, where the time of reading goes (the byte check with
the copy handed to calamine, its parts inflated by the check stored: calamine opening that copy, calamine
reading the sheets the reader reads from it, the rest of reading, the rules),
each timed alone in the same interleaved rounds. The bytes are in memory: no file system in the timings. The clock is this thread's CPU
time by default (on a machine shared with other work, wall time mostly measures the others: a reader
descheduled half-way looks twice as slow); ``--clock wall`` for wall time.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import python_calamine as pc

from nianbao.check.checkfile import check_bytes
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import ID_SHEET, INFO_SHEET, TEXT_SHEET
from nianbao.read.reader import read_bytes
from nianbao.read.safety import inspect_bytes
from nianbao.template import build_workbook

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "示例县-LibreOffice"


def floor(data: bytes) -> None:
    """calamine reading every sheet: the least any reader of these bytes does."""
    wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def nianbao(data: bytes) -> None:
    check_bytes(data, "x")


def nianbao_read(data: bytes) -> None:
    """Reading alone (the read layer), without the rules: where the time of ``nianbao`` goes."""
    read_bytes(data, "x")


def openpyxl_read(data: bytes) -> None:
    """The input cells with openpyxl (read_only, data_only), as a reader of the form would take them."""
    from openpyxl import load_workbook

    layout = get_layout("2021")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for table in layout.tables:
        if table.sheet not in wb.sheetnames:
            continue
        ws = wb[table.sheet]
        ws.reset_dimensions()
        rows = list(ws.iter_rows(values_only=True))
        for c in table.cells:
            r, col = table.sheet_pos(c.row, c.col)
            _ = rows[r][col] if r < len(rows) and col < len(rows[r]) else None
    wb.close()


def _sheets_read(data: bytes) -> list[str]:
    """The sheets the reader reads of a template (those of its tables, 基本信息, 正文 and the identity sheet)."""
    layout = get_layout("2021")
    wanted = {t.sheet for t in layout.tables} | {INFO_SHEET, TEXT_SHEET, ID_SHEET}
    names = pc.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names
    return [n for n in names if n in wanted]


def split_readers(data: bytes) -> dict[str, Callable[[bytes], None]]:
    """The parts of reading an .xlsx, each alone: their medians say where ``read`` spends its time."""
    wanted = _sheets_read(data)
    handed = inspect_bytes(data).for_calamine(data, wanted)  # what the reader hands calamine (parts stored)

    def inspect(d: bytes) -> None:
        inspect_bytes(d).for_calamine(d, wanted)  # the sheets read measured, the copy for calamine made

    def opened(d: bytes) -> None:
        pc.CalamineWorkbook.from_filelike(io.BytesIO(handed))

    def sheets(d: bytes) -> None:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(handed))
        for name in wanted:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)

    return {"inspect": inspect, "open": opened, "open+sheets": sheets}


def corpus(files: list[Path]) -> dict[str, bytes]:
    if files:
        return {f.name: f.read_bytes() for f in files}
    layout = get_layout("2021")
    out = {"template (xlsxwriter).xlsx": build_workbook(layout, report=random_report(layout, random.Random(7),
                                                                                     office="某单位"))}
    for f in sorted(SAMPLES.iterdir()):
        out[f"{f.stem[:6]}… (LibreOffice){f.suffix}"] = f.read_bytes()
    return out


def main(rounds: int, files: list[Path], clock: str = "cpu", split: bool = False) -> None:
    now = time.thread_time if clock == "cpu" else time.perf_counter
    books = corpus(files)
    readers: dict[str, Callable[[bytes], None]] = {"floor": floor, "nianbao": nianbao, "read": nianbao_read,
                                                   "openpyxl": openpyxl_read}
    times: dict[tuple[str, str], list[float]] = {}
    parts = {name: split_readers(data) for name, data in books.items() if split and name.endswith(".xlsx")}
    for i in range(rounds + 1):  # round 0 warms the imports and caches
        for name, data in books.items():
            for who, read in {**readers, **parts.get(name, {})}.items():
                if who == "openpyxl" and not name.endswith(".xlsx"):
                    continue
                t0 = now()
                read(data)
                if i:
                    times.setdefault((name, who), []).append(now() - t0)
    print(f"{'file':34s} {'floor ms':>9s} {'nianbao ms':>11s} {'nianbao/floor':>14s} {'read/floor':>11s}"
          f" {'openpyxl/nianbao':>17s}")
    for name in books:
        fl, nb, rd = (statistics.median(times[(name, w)]) for w in ("floor", "nianbao", "read"))
        op = times.get((name, "openpyxl"))
        ratio = f"{statistics.median(op) / nb:.1f}x" if op else "—"
        print(f"{name:34s} {fl * 1000:9.2f} {nb * 1000:11.2f} {nb / fl:13.2f}x {rd / fl:10.2f}x {ratio:>17s}")
    if parts:
        _print_split(times, parts)
    print(f"({clock} time, medians of {rounds} interleaved rounds; targets: nianbao/floor <= 1.3x .xlsx/.ods, 1.5x .xls;"
          " openpyxl/nianbao >= 15x)")


def _print_split(times: dict[tuple[str, str], list[float]], parts: dict[str, dict[str, Callable[[bytes], None]]]
                 ) -> None:
    """Where the time of reading and checking each .xlsx goes, in ms (medians of the same rounds)."""
    print(f"\n{'file':34s} {'inspect':>8s} {'open':>6s} {'sheets':>7s} {'rest of read':>13s} {'rules':>6s}")
    for name in parts:
        ins, opened, both, rd, nb = (statistics.median(times[(name, w)]) * 1000
                                     for w in ("inspect", "open", "open+sheets", "read", "nianbao"))
        print(f"{name:34s} {ins:8.2f} {opened:6.2f} {both - opened:7.2f} {rd - ins - both:13.2f} {nb - rd:6.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=200, help="interleaved rounds (default 200)")
    parser.add_argument("--files", type=Path, nargs="*", default=[], help="workbooks to time instead of the corpus")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="cpu (this thread's) or wall time")
    parser.add_argument("--split", action="store_true", help="also where the time of reading each .xlsx goes")
    args = parser.parse_args()
    main(args.rounds, args.files, args.clock, args.split)
