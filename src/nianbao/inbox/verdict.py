"""One stored file's verdict as plain values, read in this process or, after a crash, alone in a child.

``verdict`` reads and checks bytes (``nianbao.check.checkfile.check_bytes``) and keeps what the ledger
stores: the status and counts, the findings with their remedies, who the report is from, and the cells
from which the next version's changes are found (``changes``). ``isolated_verdict`` does the same in a
child process, so that a file which made a reader abort the process the last time costs only itself.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from nianbao.check.checkfile import check_bytes
from nianbao.form.finding_tags import INBOX_OTHER_YEAR
from nianbao.form.findings import Finding, make, remedy_of
from nianbao.form.registry import UnknownLayout, get_layout
from nianbao.form.result import STATUS_UNREADABLE, FileResult
from nianbao.form.sheets import INFO_SHEET, TEXT_SHEET
from nianbao.form.spec import CellSpec, LayoutSpec
from nianbao.inbox.types import Change
from nianbao.read.isolate import end_with_parent

#: a change of 基本信息 or 正文 is located by the sheet's name
INFO_TABLE, TEXT_TABLE = INFO_SHEET, TEXT_SHEET


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the inbox keeps it: its fields and the catalogue's remedy (怎么改)."""
    return {**f.to_dict(), "remedy": remedy_of(f)}


def verdict_of(result: FileResult) -> dict[str, Any]:
    """What the ledger keeps of a ``FileResult`` (plain values only)."""
    r = result.report
    cells: dict[str, Any] = {}
    if r is not None:
        cells = {"format": r.layout.format, "variant": r.layout.variant,
                 "inputs": {c.key: str(r.values[c.key]) for c in r.layout.inputs},
                 "info": {k: str(v) for k, v in r.info.items()}, "texts": {k: str(v) for k, v in r.texts.items()}}
    return {"status": result.status, "errors": result.errors, "warnings": result.warnings,
            "findings": [finding_dict(f) for f in result.findings], "office": result.office,
            "county": str(r.info.get("county", "")).strip() if r else "", "year": result.year,
            "format": result.format, "kind": result.kind, "cells": cells}


def with_year(v: dict[str, Any], expected: int, name: str) -> dict[str, Any]:
    """The verdict of a report of another year than the county collects (its 报告年度 not ``expected``): an
    error (INBOX-OTHER-YEAR) at the 报告年度 cell, the report then 有错误 everywhere it is shown (it is not
    summed: merge refuses another year's report); any other verdict as it is."""
    if not v.get("year") or int(v["year"]) == expected or v["status"] == STATUS_UNREADABLE:
        return v
    from nianbao.form.result import STATUS_ERROR
    from nianbao.form.sheets import info_cell

    layout = _layout(v.get("cells") or {})
    cell = info_cell(layout, "year") if layout is not None else ""
    found = make(INBOX_OTHER_YEAR, file=name, sheet=INFO_SHEET, cell=cell, actual=v["year"], expected=expected)
    return {**v, "status": STATUS_ERROR, "errors": v["errors"] + 1, "findings": [finding_dict(found), *v["findings"]]}


def verdict(data: bytes, name: str) -> dict[str, Any]:
    """Read and check ``data`` (a file named ``name``). Never raises for bad input: a native panic (not an
    ``Exception``, and not picklable across processes) is that file's crash verdict."""
    try:
        return verdict_of(check_bytes(data, name))
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return crashed_verdict(name)


def crashed_verdict(name: str) -> dict[str, Any]:
    """The verdict of a file whose reading made the process end (a native library aborted)."""
    f = make("INBOX-CRASH", file=name, name=name)
    return {"status": STATUS_UNREADABLE, "errors": 1, "warnings": 0, "findings": [finding_dict(f)], "office": "",
            "county": "", "year": None, "format": "", "kind": "unreadable", "cells": {}}


def isolated_verdict(data: bytes, name: str) -> dict[str, Any]:
    """``verdict`` in a child process of its own: a crash there marks the file unreadable."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            return pool.submit(verdict, data, name).result()
        except (BrokenProcessPool, pickle.PicklingError):
            return crashed_verdict(name)


class VerdictPool:
    """Verdicts read in ``jobs`` worker processes, for ``add`` of many files. A worker that dies (a reader
    aborting on a hostile file) costs only its file: the batch it was in is read again file by file, each
    alone in a child process (``isolated_verdict``), and the pool is made anew."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> VerdictPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def read(self, pairs: Sequence[tuple[bytes, str]]) -> list[dict[str, Any]]:
        return self.submit(pairs)()

    def submit(self, pairs: Sequence[tuple[bytes, str]]) -> Callable[[], list[dict[str, Any]]]:
        """Start reading ``pairs`` in the workers; call what is returned for the verdicts, in order (with
        one job, the files are read then, in this process)."""
        if self.jobs <= 1 or len(pairs) <= 1:
            return lambda: [verdict(data, name) for data, name in pairs]
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context(), initializer=end_with_parent)
        pool = self.pool
        futures = [pool.submit(verdict, data, name) for data, name in pairs]

        def result() -> list[dict[str, Any]]:
            try:
                return [f.result() for f in futures]
            except BrokenProcessPool:
                if self.pool is pool:
                    pool.shutdown()
                    self.pool = None
                return [isolated_verdict(data, name) for data, name in pairs]
        return result


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# -- what changed between two versions ---------------------------------------------------------------
def _layout(cells: dict[str, Any]) -> LayoutSpec | None:
    try:
        return get_layout(cells.get("format", ""), cells.get("variant", "national"))
    except (UnknownLayout, KeyError, ValueError):
        return None


def _labels(layout: LayoutSpec | None, key: str) -> tuple[str, str, str]:
    """(table, row, column) of an input cell, as the official form names them."""
    spec: CellSpec | None = layout.cells.get(key) if layout is not None else None
    if spec is None or layout is None:
        return "", key, ""
    row = f"{spec.row_group} {spec.row_label}".strip()
    col = f"{spec.col_group} {spec.col_label}".strip() if spec.col_group != spec.col_label else spec.col_label
    return layout.table(spec.table).sheet, row, col


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every input cell, 基本信息 field and 正文 section that differs from ``old`` to ``new`` (totals follow
    from the inputs and are not listed), in the form's order."""
    if not old or not new:
        return []
    layout = _layout(new) or _layout(old)
    out: list[Change] = []
    old_in, new_in = old.get("inputs", {}), new.get("inputs", {})
    order = [c.key for c in layout.inputs] if layout is not None else []
    keys = order + sorted((set(old_in) | set(new_in)) - set(order))
    for key in keys:
        a, b = old_in.get(key, ""), new_in.get(key, "")
        if a != b:
            out.append(Change(*_labels(layout, key), old=a, new=b))
    out += _named_changes(INFO_TABLE, old.get("info", {}), new.get("info", {}),
                          {f.key: f.label for f in layout.info_fields} if layout else {})
    out += _named_changes(TEXT_TABLE, old.get("texts", {}), new.get("texts", {}),
                          {t.key: t.heading for t in layout.text_sections} if layout else {})
    return out


def _named_changes(table: str, old: dict[str, str], new: dict[str, str], labels: dict[str, str]) -> list[Change]:
    keys = list(labels) + sorted((set(old) | set(new)) - set(labels))
    return [Change(table, labels.get(k, k), "", old.get(k, ""), new.get(k, ""))
            for k in keys if old.get(k, "").strip() != new.get(k, "").strip()]
