"""``nianbao check --previous``: files checked one by one, each against last year's report of the same office,
with the cross-year rules ``merge --previous`` applies (``crossyear``), without merging this year's files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from nianbao.form.findings import Finding
from nianbao.form.result import FileResult
from nianbao.merge.core import merge_results
from nianbao.merge.crossyear import check_offices
from nianbao.merge.reading import default_reader, read_paths, read_previous

__all__ = ["check_against_last_year"]


def check_against_last_year(results: Sequence[FileResult], previous: Sequence[str | Path], jobs: int | None = None,
                            reader: Callable[[str], FileResult] | None = None) -> tuple[list[FileResult], list[Finding]]:
    """Each report of ``results`` against last year's report of the same office among ``previous`` (reports,
    or a summary with its 明细): X-CARRYOVER, X-INFORCE, P-…-YEAR and the narrative's sameness (NARR-SAME-YEAR,
    NARR-COPY-YEAR). Returns the results with those findings added (they count towards each file's status)
    and what is said of last year's files (of another year, unreadable, a summary without its offices).
    ``reader`` reads one of last year's files (a module-level function: it runs in the workers); by default
    a workbook, or a summary with its 明细 (a caller above may read published documents too)."""
    items = read_paths(previous, jobs=jobs, reader=reader or partial(read_previous, default_reader))
    prev = merge_results(items)
    current = [(r.path, r.report) for r in results if r.report is not None]
    years = Counter(report.year for _, report in current if report.year is not None)
    year = years.most_common(1)[0][0] if years else None
    per_file, about_previous = check_offices(current, prev, year)
    added = [replace(r, findings=(*r.findings, *per_file[r.path])) if r.path in per_file else r for r in results]
    return added, about_previous
