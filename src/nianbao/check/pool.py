"""The worker pool of check and merge: many files read in worker processes (``read.isolate``), several
files a round trip when there are many, and still only its own file lost when a worker dies.

A round trip to a worker (the item pickled, the worker woken, its answer pickled back and the parent
woken) costs about as much as reading a small file; with thousands of files the workers then wait on
the parent. ``run_pooled`` sends ``batch`` items at a time (8 when there are many; one each when there
are few, so that the work is still spread). A batch whose worker dies, raises, or overruns its time is
read again one item at a time, so that a hostile file costs only itself: the answers are the same, item
for item, as ``run_isolated`` gives one at a time, and the same as a serial run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from nianbao.read.isolate import FILE_SECONDS, Crash, run_isolated

__all__ = ["BATCH", "batch_size", "run_pooled"]

#: items a round trip when there are many
BATCH = 8


def batch_size(items: int, jobs: int) -> int:
    """Items per round trip: ``BATCH``, fewer when each worker would not get four batches at least."""
    return max(1, min(BATCH, items // (4 * max(1, jobs))))


def run_pooled(func: Callable[[Any], Any], items: Sequence[Any], *, jobs: int = 1, batch: int | None = None,
               seconds: float = FILE_SECONDS) -> Iterator[tuple[int, Any]]:
    """``(index, func(item))`` for every item, as ``read.isolate.run_isolated`` gives them (in the order they
    finish, ``Crash`` for an item whose worker died or overran ``seconds``), ``batch`` items a round trip
    (default: ``batch_size``). ``func`` must be a module-level function returning a picklable value."""
    size = batch if batch is not None else batch_size(len(items), jobs)
    if size <= 1:
        yield from run_isolated(func, items, jobs=jobs, seconds=seconds)
        return
    batches = [list(items[i:i + size]) for i in range(0, len(items), size)]
    again: list[int] = []
    for b, answer in run_isolated(partial(_each, func), batches, jobs=jobs, seconds=seconds):
        first = b * size
        if isinstance(answer, Crash):  # which item it was is not known: each is read again, alone
            again += range(first, first + len(batches[b]))
            continue
        for k, value in enumerate(answer):
            yield first + k, value
    if again:
        for j, answer in run_isolated(func, [items[i] for i in again], jobs=jobs, seconds=seconds):
            yield again[j], answer


def _each(func: Callable[[Any], Any], batch: Sequence[Any]) -> list[Any]:
    """Worker: ``func`` of every item of a batch."""
    return [func(item) for item in batch]
