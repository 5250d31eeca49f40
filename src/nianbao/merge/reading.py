"""Reading many files in parallel processes, where a worker that dies costs only its own file."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nianbao.check.checkfile import check_file
from nianbao.form.findings import make
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.form.sheets import split_entry
from nianbao.merge.sums import is_summary
from nianbao.read.detail import detail_rows, read_detail
from nianbao.read.roster import normalise_name


@dataclass(frozen=True)
class ReadItem:
    """One input file as read: the reader's result plus what identity needs (content digest, mtime)."""

    result: FileResult
    digest: str = ""
    mtime: float = 0.0
    received: str = ""  # when the file was received, as a caller knows it (a ledger); else the mtime is shown

    @property
    def path(self) -> str:
        return self.result.path


def default_reader(path: str) -> FileResult:
    return check_file(Path(path))


def _pack(result: FileResult) -> tuple[Any, ...]:
    """A FileResult in a compact, cheaply pickled form (the layout by name, not by value)."""
    r = result.report
    rep = None
    if r is not None:
        rep = (r.layout.format, r.layout.variant, dict(r.inputs), dict(r.stated), dict(r.info), dict(r.texts),
               r.level, tuple(r.included))
    return (result.path, rep, tuple(result.findings), result.kind, dict(result.extra))


def _unpack(packed: tuple[Any, ...]) -> FileResult:
    path, rep, findings, kind, extra = packed
    report = None
    if rep is not None:
        fmt, variant, inputs, stated, info, texts, level, included = rep
        report = Report(layout=get_layout(fmt, variant), inputs=inputs, stated=stated, info=info, texts=texts,
                        level=level, included=included)
    return FileResult(path=path, report=report, findings=findings, kind=kind, extra=extra)


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
        problem = f"它{found}"  # 它的“明细”表没有表头, 它没有“明细”表, 它无法读取
    else:
        rows, sums = found
        problem = _detail_problem(report, [office for office, _category, _inputs in rows], sums)
    return replace(result, extra={**result.extra, SUMMARY_PROBLEM: problem}) if problem else result


def _detail_problem(report: Report, rows: Sequence[str], sums: dict[str, Any]) -> str:
    """Why a summary's 明细 rows (their office names, the sums of their figures) do not bear out its
    office list and tables ('' when they do)."""
    if any(sums[c.key] != report.inputs.get(c.key, 0) for c in report.layout.inputs):
        return "它的“明细”表各行之和与汇总表不一致"
    listed = {normalise_name(o) for o in rows}
    entries = [tuple(map(normalise_name, split_entry(e))) for e in report.included]
    named = {o for _c, o in entries} | {c for c, _o in entries}
    if any(row not in named for row in listed):  # a row of a lower summary: its offices are in its own file
        return ""
    missing = [o for c, o in map(split_entry, report.included)
               if normalise_name(o) not in listed and normalise_name(c) not in listed]
    if missing:
        return f"它的单位名单中的{'、'.join(f'“{o}”' for o in missing[:5])}{'等' if len(missing) > 5 else ''}在“明细”表中没有数字"
    return ""


def _file_facts(path: str) -> tuple[str, float]:
    try:
        h = hashlib.blake2b(digest_size=16)
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest(), os.stat(path).st_mtime
    except OSError:
        return "", 0.0


def _read_task(reader: Callable[[str], FileResult], paths: Sequence[str]) -> list[tuple[Any, ...]]:
    """Worker: read a batch of files; each as (packed FileResult, digest, mtime)."""
    out = []
    for p in paths:
        digest, mtime = _file_facts(p)
        out.append((_pack(verify_summary(p, reader(p))), digest, mtime))
    return out


def _crashed(path: str, detail: str) -> ReadItem:
    name = Path(path).name
    finding = make("MERGE-CRASH", file=path, name=name, detail=detail)
    digest, mtime = _file_facts(path)
    return ReadItem(FileResult(path=path, report=None, findings=(finding,), kind="unreadable"), digest, mtime)


def _context() -> Any:
    """fork where there is one: workers start at once and need no importable main module. The pool
    starts every worker at its first submit, before any thread of its own; callers keep no threads
    running meanwhile (the CLI's progress bar refreshes by hand)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def read_paths(paths: Sequence[str | Path], *, jobs: int | None = None,
               reader: Callable[[str], FileResult] | None = None,
               progress: Callable[[int], None] | None = None, batch: int | None = None) -> list[ReadItem]:
    """Read every file, in input order. ``jobs`` > 1 reads in that many processes.

    A worker that dies (a hostile file can make a native library abort) costs only the file it was
    reading: that file is reported unreadable (MERGE-CRASH) and every other file is read. The
    results are the same as a serial run. ``progress(n)`` is called as n more files are done.
    ``reader`` must be a module-level function (it is sent to the worker processes).
    """
    reader = reader or default_reader
    items = [str(p) for p in paths]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(items) <= 1:
        return _read_serial(items, reader, progress)
    if batch is None:
        batch = max(1, min(16, len(items) // (jobs * 8)))
    done: dict[str, ReadItem] = {}
    _read_pool(items, reader, jobs, batch, done, progress)
    return [done[p] for p in items]


def _read_serial(items: list[str], reader: Callable[[str], FileResult],
                 progress: Callable[[int], None] | None) -> list[ReadItem]:
    out = []
    for p in items:
        packed, digest, mtime = _read_task(reader, [p])[0]
        out.append(ReadItem(_unpack(packed), digest, mtime))
        if progress:
            progress(1)
    return out


def _read_pool(items: list[str], reader: Callable[[str], FileResult], jobs: int, batch: int,
               done: dict[str, ReadItem], progress: Callable[[int], None] | None) -> None:
    """Read ``items`` into ``done``; on a broken pool, isolate the suspects and go on with the rest."""
    remaining = [p for p in items if p not in done]
    while remaining:
        batches = [remaining[i:i + batch] for i in range(0, len(remaining), batch)]
        failed: list[list[str]] = []
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            futures: list[Future[list[tuple[Any, ...]]]] = [pool.submit(_read_task, reader, b) for b in batches]
            for b, fut in zip(batches, futures, strict=True):
                try:
                    rows = fut.result()
                except BrokenProcessPool:
                    failed.append(b)
                    continue
                for p, (packed, digest, mtime) in zip(b, rows, strict=True):
                    done[p] = ReadItem(_unpack(packed), digest, mtime)
                if progress:
                    progress(len(b))
        if not failed:
            return
        # The batches in flight when the pool broke are the earliest unfinished ones: read their files
        # one by one, each alone in a fresh process; the others go round again in a new pool.
        suspects = [p for b in failed[: jobs + 2] for p in b]
        for p in suspects:
            done[p] = _read_isolated(p, reader)
            if progress:
                progress(1)
        remaining = [p for b in failed[jobs + 2:] for p in b]
        batch = 1 if batch > 1 and len(remaining) < 4 * jobs else batch


def _read_isolated(path: str, reader: Callable[[str], FileResult]) -> ReadItem:
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            packed, digest, mtime = pool.submit(_read_task, reader, [path]).result()[0]
        except BrokenProcessPool:
            return _crashed(path, "进程异常退出")
    return ReadItem(_unpack(packed), digest, mtime)


