"""Reading many files in worker processes (``nianbao.read.isolate``), where a worker that dies costs only
its own file."""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from nianbao.check.checkfile import check_file
from nianbao.check.pool import run_pooled
from nianbao.files import read_regular
from nianbao.form.findings import make
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.form.sheets import split_entry
from nianbao.merge.marked import is_marked_copy, is_marked_inspected
from nianbao.merge.sums import is_summary
from nianbao.read.detail import detail_rows, read_detail
from nianbao.read.isolate import Crash, pack_result, unpack_result
from nianbao.read.paths import shown
from nianbao.read.roster import normalise_name
from nianbao.read.safety import MAX_FILE_BYTES, Inspection, inspect_bytes
from nianbao.wording import merge as words


@dataclass(frozen=True)
class ReadItem:
    """One input file as read: the reader's result plus what identity needs (content digest, mtime)."""

    result: FileResult
    digest: str = ""
    mtime: float = 0.0
    received: str = ""  # when the file was received, as a caller knows it (a ledger); else the mtime is shown
    marked: bool = False  # a marked-up copy ``check --annotate`` wrote (``merge.marked``): not a report

    @property
    def path(self) -> str:
        return self.result.path


def default_reader(path: str) -> FileResult:
    return check_file(Path(path))


#: FileResult.extra of last year's summary: its offices from the 明细 sheet, as (info, inputs) pairs, or why not
DETAIL, DETAIL_PROBLEM = "detail", "detail_problem"


def read_previous(reader: Callable[[str], FileResult], path: str) -> FileResult:
    """Read one of last year's files; for a summary, also its offices' figures (see summary.read_detail),
    so that the cross-year checks can be made per office. Runs in the worker, like the reader."""
    result = reader(path)
    if result.report is None or not is_summary(result.report):
        return result
    offices, problem = read_detail(path, result.report)
    extra = {DETAIL: [(dict(r.info), dict(r.inputs)) for r in offices]} if offices else {DETAIL_PROBLEM: problem}
    return replace(result, extra={**result.extra, **extra})


#: FileResult.extra of a summary among the inputs whose office list or figures its 明细 does not bear out
SUMMARY_PROBLEM = "summary_problem"


def verify_summary(path: str, result: FileResult) -> FileResult:
    """A summary's claim checked against its own 明细 sheet: the rows add up to its tables, and every
    office of its office list has its row (an office of a lower summary: that summary's row). A file
    that only says it is a summary (its identity sheet edited, a forged office list) is told apart
    from one nianbao wrote. The reason, in Chinese, goes into ``extra[SUMMARY_PROBLEM]``."""
    report = result.report
    if report is None or not is_summary(report) or not report.included:
        return result
    found = detail_rows(path, report.layout)
    if isinstance(found, str):
        problem = words.SUMMARY_DETAIL_PROBLEM.format(problem=found)  # 它的“明细”表没有表头, 它没有“明细”表, 它无法读取
    else:
        rows, sums = found
        problem = _detail_problem(report, [office for office, _category, _inputs in rows], sums)
    return replace(result, extra={**result.extra, SUMMARY_PROBLEM: problem}) if problem else result


def _detail_problem(report: Report, rows: Sequence[str], sums: dict[str, Any]) -> str:
    """Why a summary's 明细 rows (their office names, the sums of their figures) do not bear out its
    office list and tables ('' when they do)."""
    if any(sums[c.key] != report.inputs.get(c.key, 0) for c in report.layout.inputs):
        return words.DETAIL_SUMS_DIFFER
    listed = {normalise_name(o) for o in rows}
    entries = [tuple(map(normalise_name, split_entry(e))) for e in report.included]
    named = {o for _c, o in entries} | {c for c, _o in entries}
    if any(row not in named for row in listed):  # a row of a lower summary: its offices are in its own file
        return ""
    missing = [o for c, o in map(split_entry, report.included)
               if normalise_name(o) not in listed and normalise_name(c) not in listed]
    if missing:
        return words.DETAIL_ROWS_MISSING.format(offices="、".join(f"“{o}”" for o in missing[:5]),
                                                more=words.AND_OTHERS if len(missing) > 5 else "")
    return ""


def _file_facts(path: str, data: bytes | None = None) -> tuple[str, float]:
    """The content digest and mtime of a regular file (its bytes ``data`` when read already); ("", 0.0) for
    anything else (never waits on a FIFO)."""
    try:
        if data is None:
            data = read_regular(path, MAX_FILE_BYTES)
        return hashlib.blake2b(data, digest_size=16).hexdigest(), os.stat(path).st_mtime
    except OSError:
        return "", 0.0


def _regular_bytes(path: str) -> bytes | None:
    """The bytes of a regular file (at most ``MAX_FILE_BYTES`` + 1), None when they cannot be read."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except OSError:
        return None


def _read_one(reader: Callable[[str], FileResult], path: str) -> tuple[Any, ...]:
    """Worker: read one file; (packed FileResult, digest, mtime, marked copy), plain values only. The file
    is read once: its bytes digested, inspected once (``inspect_bytes``), read and told a marked copy from
    them. A file that cannot be read, or is too large, is left to the reader to say why (and another
    ``reader`` than the default is given the path, as always)."""
    data = _regular_bytes(path)
    digest, mtime = _file_facts(path, data) if data is not None else ("", 0.0)
    ins = _inspected(data) if reader is default_reader else None
    if data is None or ins is None:
        result, marked = reader(path), is_marked_copy(path)
    else:
        result = check_file(path, data, ins)
        marked = is_marked_inspected(data, path, ins)
    return pack_answer(verify_summary(path, result)), digest, mtime, marked


def _inspected(data: bytes | None) -> Inspection | None:
    """``inspect_bytes(data)``; None when there are no bytes, too many, or the byte check raised (the
    reader, given the path, then says why, within its own guard)."""
    if data is None or len(data) > MAX_FILE_BYTES:
        return None
    try:
        return inspect_bytes(data)
    except Exception:
        return None


# == what a worker sends back =======================================================================
#: (format, variant) -> the keys of the layout's input cells and of its totals, in its order
_ORDERS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}


def _orders(fmt: str, variant: str) -> dict[str, tuple[str, ...]]:
    """The keys of a layout's input cells and of its totals, made once per layout."""
    orders = _ORDERS.get((fmt, variant))
    if orders is None:
        layout = get_layout(fmt, variant)
        orders = _ORDERS[fmt, variant] = {"inputs": tuple(c.key for c in layout.inputs),
                                         "stated": tuple(c.key for c in layout.totals)}
    return orders


def pack_answer(result: FileResult) -> tuple[Any, ...]:
    """``pack_result``, a report's figures (its inputs and its stated totals) as rows of numbers in their
    layout's order where they are in that order: a fifth of the bytes to pickle and unpickle, the keys not
    sent 10,000 times. Its values are not sent: kept for 10,000 reports they would take some 70 MB of the
    parent's memory, which the 明细 sheet's rows do not (``MergeResult.detail_values``)."""
    fields, rep = pack_result(result)
    if rep is None:
        return fields, rep, {}
    fmt, variant, rest = rep
    orders = _orders(fmt, variant)
    rows: dict[str, tuple[Any, ...]] = {}
    for name in ("inputs", "stated"):
        if tuple(rest[name]) == orders[name]:
            rows[name] = tuple(rest.pop(name).values())
    return fields, (fmt, variant, rest), rows


def unpack_answer(packed: tuple[Any, ...]) -> FileResult:
    """The FileResult ``pack_answer`` packed, its report's mappings keyed by the layout's own strings."""
    fields, rep, rows = packed
    if not rows:
        return unpack_result((fields, rep))
    fmt, variant, rest = rep
    orders = _orders(fmt, variant)
    rest = {k: {sys.intern(key): x for key, x in v.items()} if isinstance(v, dict) else v  # as unpack_result
            for k, v in rest.items()}
    rest.update((name, dict(zip(orders[name], rows[name], strict=True))) for name in rows)
    return FileResult(report=Report(layout=get_layout(fmt, variant), **rest), **fields)


def _crashed(path: str, detail: str) -> ReadItem:
    name = Path(path).name
    finding = make("MERGE-CRASH", file=path, name=name, detail=detail)
    digest, mtime = _file_facts(path)
    return ReadItem(FileResult(path=path, report=None, findings=(finding,), kind="unreadable"), digest, mtime)


def _shown(item: ReadItem, exact: bool) -> ReadItem:
    """The item with its path and findings as they can be written (see ``paths.shown``): after reading,
    merge never opens the file again."""
    r = item.result
    if shown(r.path) == r.path:
        return item
    findings = tuple(replace(f, file=shown(f.file, exact=exact), message=shown(f.message)) for f in r.findings)
    return replace(item, result=replace(r, path=shown(r.path, exact=exact), findings=findings))


def read_paths(paths: Sequence[str | Path], *, jobs: int | None = None,
               reader: Callable[[str], FileResult] | None = None,
               progress: Callable[[int], None] | None = None, batch: int | None = None) -> list[ReadItem]:
    """Read every file, in input order, in worker processes (``jobs`` of them at once, ``batch`` files a
    round trip: by default 8 when there are many, see ``check.pool``).

    A worker that dies (a hostile file can make a native library abort or panic), raises, or runs out of
    its memory limit costs only the file it was reading: its batch is read again file by file, that file
    is reported unreadable (MERGE-CRASH, with the reason) and every other file is read. The results are
    the same as a serial run. ``progress(n)`` is called as n more files are done. ``reader`` must be a
    module-level function.
    """
    reader = reader or default_reader
    items = [str(p) for p in paths]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    done: dict[int, ReadItem] = {}
    for i, answer in run_pooled(partial(_read_one, reader), items, jobs=min(jobs, len(items)), batch=batch):
        if isinstance(answer, Crash):
            item = _crashed(items[i], answer.reason)
        else:
            packed, digest, mtime, marked = answer
            item = ReadItem(unpack_answer(packed), digest, mtime, marked=marked)
        done[i] = item
        if progress:
            progress(1)
    as_shown = Counter(shown(p) for p in items)  # two names shown alike: shown with escapes instead
    return [_shown(done[i], as_shown[shown(p)] > 1) for i, p in enumerate(items)]
