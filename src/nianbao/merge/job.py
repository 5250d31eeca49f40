"""``nianbao merge`` as a library call: what to read, what to write, and the checks before either.

``plan_merge`` turns the clerk's inputs and options into a ``MergePlan`` (the files to read, the ones
skipped and why, the roster, last year's files, the outputs) or refuses with a Chinese message
(``MergeRefused``); ``run_merge`` merges and writes the outputs atomically. The command line only parses
its options, shows progress and prints the result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from nianbao.files import OutputExists, plain_reason, write_text_atomic
from nianbao.form.finding_tags import NO_NAME
from nianbao.merge.core import merge_files
from nianbao.merge.outcome import MergeResult
from nianbao.merge.summary import result_json, status_csv_path, write_csv, write_summary
from nianbao.read.paths import collect_paths
from nianbao.read.roster import RosterEntry, RosterError, read_roster
from nianbao.wording import merge as words

__all__ = ["MergePlan", "MergeRefused", "MergeRun", "plan_merge", "run_merge"]


class MergeRefused(ValueError):
    """The merge cannot run, or its result cannot be written: the message says why, in Chinese."""


@dataclass(frozen=True)
class MergePlan:
    files: list[Path]
    skipped: list[tuple[str, str]]  # (path, reason in Chinese)
    roster: list[RosterEntry] | None = None
    previous: list[Path] | None = None
    out: Path | None = None
    csv_out: Path | None = None
    json_out: Path | None = None  # None: no JSON file (the CLI may print it instead)
    name: str | None = None
    exclude_errors: bool = False
    jobs: int | None = None
    force: bool = False

    @property
    def outputs(self) -> list[Path]:
        """Every file the merge writes."""
        return [p for p in (self.out, self.csv_out, status_csv_path(self.csv_out) if self.csv_out else None,
                            self.json_out) if p is not None]


@dataclass(frozen=True)
class MergeRun:
    result: MergeResult
    plan: MergePlan
    written: list[Path] = field(default_factory=list)


def _no_inputs(inputs: Sequence[Path]) -> MergeRefused:
    return MergeRefused(words.NO_INPUTS.format(inputs="、".join(map(str, inputs))))


def _input_files(inputs: Sequence[Path], out: Path | None) -> tuple[list[Path], list[tuple[str, str]],
                                                                   list[tuple[Path, Path | None]]]:
    """The files to read; the summary this merge writes, left among the inputs by the last run, is not one.
    With the files as ``_resolved`` gives them (resolved once: ``_refuse_inputs_as_outputs`` uses them too)."""
    if not any(p.exists() for p in inputs):
        raise _no_inputs(inputs)
    files, skipped = collect_paths(inputs)
    resolved = _resolved(files)
    if out is not None and out.exists():
        own = _same_as(resolved, out)
        if own and not _is_summary(out):  # an office's report named as the output: never written over
            raise MergeRefused(words.OUTPUT_IS_A_REPORT.format(out=out))
        if own:
            files = [f for f in files if f not in own]
            resolved = [(f, r) for f, r in resolved if f not in own]
        skipped += [(str(f), words.OWN_OUTPUT_SKIPPED) for f in own]
    if not files:
        raise _no_inputs(inputs)
    return files, skipped, resolved


def _resolved(files: Sequence[Path]) -> list[tuple[Path, Path | None]]:
    """Each file with its resolved path (None where it cannot be resolved), for ``_same_as``."""
    out: list[tuple[Path, Path | None]] = []
    for f in files:
        try:
            out.append((f, f.resolve()))
        except OSError:
            out.append((f, None))
    return out


def _same_as(files: Sequence[tuple[Path, Path | None]], b: Path) -> list[Path]:
    """Those of ``files`` (``_resolved``) that are the file ``b``: the same resolved path, or (both there) the
    same file on disk; ``b`` resolved and looked up once (thousands of inputs, each compared with each
    output). A file that cannot be resolved or looked at is not ``b``."""
    try:
        target = b.resolve()
    except OSError:
        return []
    try:
        there: os.stat_result | None = b.stat()
    except OSError:  # b not there (or not to be looked at): only its path can be the same
        there = None
    return [a for a, resolved in files if resolved is not None and (resolved == target or _same_stat(a, there))]


def _same_stat(a: Path, there: os.stat_result | None) -> bool:
    try:
        return there is not None and os.path.samestat(a.stat(), there)
    except OSError:
        return False


def _is_summary(path: Path) -> bool:
    """Whether ``path`` is a summary workbook (what an earlier merge wrote), by its identity sheet."""
    from nianbao.form.sheets import LEVEL_SUMMARY
    from nianbao.read.reader import read_workbook

    reading = read_workbook(path)
    return reading.report is not None and reading.report.level == LEVEL_SUMMARY


def _refuse_inputs_as_outputs(plan: MergePlan, roster: Path | None, files: Sequence[tuple[Path, Path | None]]) -> None:
    """No output may be a file the merge reads: a report (``files``: the plan's, ``_resolved``), last year's
    file, the roster."""
    read = [*files, *_resolved([*(plan.previous or []), *([roster] if roster is not None else [])])]
    for output in plan.outputs:
        hit = next(iter(_same_as(read, output)), None)
        if hit is not None:
            raise MergeRefused(words.OUTPUT_IS_AN_INPUT.format(output=output, input=hit))


def _roster(path: Path | None) -> list[RosterEntry] | None:
    if path is None:
        return None
    try:
        return read_roster(path)
    except RosterError as exc:
        raise MergeRefused(str(exc)) from None


def _previous(previous: Sequence[Path] | None) -> list[Path] | None:
    if not previous:
        return None
    files = collect_paths(previous)[0]
    if not files:
        raise MergeRefused(words.NO_PREVIOUS.format(inputs="、".join(map(str, previous))))
    return files


def plan_merge(inputs: Sequence[Path], *, out: Path | None = None, roster: Path | None = None,
               name: str | None = None, previous: Sequence[Path] | None = None, exclude_errors: bool = False,
               csv_out: Path | None = None, json_out: Path | None = None, jobs: int | None = None,
               force: bool = False) -> MergePlan:
    """What a merge of ``inputs`` will read and write; raises ``MergeRefused`` when it cannot run (no
    inputs, an output that exists without ``force``, an unreadable roster, no files of last year)."""
    files, skipped, resolved = _input_files(inputs, out)
    plan = MergePlan(files=files, skipped=skipped, out=out, csv_out=csv_out, json_out=json_out, name=name,
                     exclude_errors=exclude_errors, jobs=jobs, force=force)
    existing = [p for p in plan.outputs if p.exists()] if not force else []
    if existing:
        raise MergeRefused(words.OUTPUT_EXISTS.format(paths="、".join(map(str, existing))))
    plan = replace(plan, roster=_roster(roster), previous=_previous(previous))
    _refuse_inputs_as_outputs(plan, roster, resolved)
    return plan


def run_merge(plan: MergePlan, progress: Callable[[int], None] | None = None) -> MergeRun:
    """Merge the plan's files and write its outputs, each atomically. Raises ``MergeRefused`` when summaries
    of different areas are summed without a name, or an output cannot be written."""
    result = merge_files(plan.files, roster=plan.roster, name=plan.name, exclude_errors=plan.exclude_errors,
                         previous=plan.previous, jobs=plan.jobs, progress=progress,
                         output_name=plan.out.name if plan.out else "")
    result = replace(result, skipped=(*plan.skipped, *result.skipped))
    unnamed = next((f for f in result.findings if f.code == NO_NAME), None)
    if unnamed is not None:
        raise MergeRefused(words.SUMMARIES_NEED_NAME.format(areas=unnamed.actual))
    try:
        written = _write(plan, result)
    except OutputExists as exc:
        raise MergeRefused(words.OUTPUT_EXISTS.format(paths=exc)) from None
    except OSError as exc:
        raise MergeRefused(words.CANNOT_WRITE_OUTPUT.format(reason=plain_reason(exc))) from None
    return MergeRun(result=result, plan=plan, written=written)


def _write(plan: MergePlan, result: MergeResult) -> list[Path]:
    written: list[Path] = []
    if plan.out is not None:
        written.append(write_summary(plan.out, result, force=plan.force))
    if plan.csv_out is not None:
        written += write_csv(plan.csv_out, result, force=plan.force)
    if plan.json_out is not None:
        written.append(write_text_atomic(plan.json_out, result_json(result), force=plan.force))
    return written
