"""Reading files in worker processes under a memory limit, so that whatever a file does to a reader
costs that one file.

calamine is native code: on some damaged workbooks it aborts the whole process ("memory allocation of N
bytes failed", SIGABRT) or panics (a ``PanicException``, which is not an ``Exception``); a hostile file
can make it allocate gigabytes or loop. ``run_isolated`` reads each item in a long-lived worker process
(forked where the system can: a few milliseconds to start) whose address space is limited
(``MEMORY_LIMIT`` more than it started with); a worker that dies, or takes longer than ``FILE_SECONDS``,
is replaced and only its item is reported, by a Chinese reason. Whatever a worker sends back is a plain
value: an exception raised while reading is turned into its name in the worker, never pickled.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from nianbao.files import plain_reason
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.wording import read as words

if TYPE_CHECKING:  # multiprocessing is imported when a worker starts: one file checked needs none
    from multiprocessing.connection import Connection

__all__ = ["FILE_SECONDS", "MEMORY_LIMIT", "Crash", "end_with_parent", "limit_memory", "pack_result", "quiet_stderr", "run_isolated", "unpack_result"]

#: bytes of address space a worker may take beyond what it had when it started (a filled report
#: needs about 50 MB; a file calamine would read into gigabytes is refused before, this is the backstop)
MEMORY_LIMIT = 2 * 1024**3
#: seconds one file may take in a worker before the worker is stopped (a filled report: milliseconds)
FILE_SECONDS = 120.0


@dataclasses.dataclass(frozen=True)
class Crash:
    """An item whose worker died, or was stopped, before it answered: ``reason`` in Chinese."""

    reason: str


def run_isolated(func: Callable[[Any], Any], items: Sequence[Any], *, jobs: int = 1,
                 seconds: float = FILE_SECONDS) -> Iterator[tuple[int, Any]]:
    """``(index, func(item))`` for every item, in the order they finish, each computed in a worker
    process; ``Crash`` in place of the value when the worker died or overran ``seconds``.

    ``func`` must be a module-level function returning a picklable value. At most ``jobs`` workers run
    at once; they are stopped when the iteration ends (also when it is abandoned)."""
    from multiprocessing.connection import wait

    ctx = _context()
    pending = deque(enumerate(items))
    idle: list[_Worker] = []
    busy: dict[Connection, tuple[_Worker, int, float]] = {}
    try:
        while pending or busy:
            while pending and len(busy) < max(1, jobs):
                worker = idle.pop() if idle else _Worker(ctx, func)
                index, item = pending.popleft()
                worker.conn.send(item)
                busy[worker.conn] = (worker, index, time.monotonic() + seconds)
            first = min(deadline for _w, _i, deadline in busy.values())
            for conn in wait(list(busy), timeout=max(0.0, first - time.monotonic())):
                worker, index, _deadline = busy.pop(conn)  # type: ignore[call-overload]
                answer = worker.answer()
                if isinstance(answer, Crash):
                    worker.stop()
                else:
                    idle.append(worker)
                yield index, answer
            yield from _overdue(busy, seconds)
    finally:
        for worker in idle + [w for w, _i, _d in busy.values()]:
            worker.stop()


def _overdue(busy: dict[Connection, tuple[_Worker, int, float]], seconds: float) -> Iterator[tuple[int, Crash]]:
    """Stop the workers past their deadline; their items as crashes."""
    now = time.monotonic()
    for conn, (worker, index, deadline) in list(busy.items()):
        if deadline <= now:
            del busy[conn]
            worker.stop()
            yield index, Crash(words.WORKER_TIMED_OUT.format(seconds=seconds))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: Any, func: Callable[[Any], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(func, child), daemon=True)
        self.proc.start()
        child.close()

    def answer(self) -> Any:
        """What the worker sent for its item, or a ``Crash`` when it died instead."""
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            return Crash(self._death())
        return value if status == "ok" else Crash(words.READ_FAILED.format(reason=value))

    def _death(self) -> str:
        self.proc.join(5)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            if -code == getattr(signal, "SIGKILL", 9):
                return words.WORKER_KILLED.format(signal=name)
            return words.WORKER_ABORTED.format(signal=name)
        return words.WORKER_EXITED.format(code=code)

    def stop(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)


def _serve(func: Callable[[Any], Any], conn: Connection) -> None:
    """Worker: answer items until the pipe closes; an exception becomes its name, never a pickle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    end_with_parent()
    _quiet_stderr()  # a native abort's own message and backtrace are not for the clerk: the parent says why
    limit_memory()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", func(item))
        except BaseException as exc:  # a panic of native code is a BaseException
            answer = ("error", plain_reason(exc))
        try:
            conn.send(answer)
        except Exception:  # an answer that cannot be pickled
            conn.send(("error", words.ANSWER_NOT_SENT))


def end_with_parent() -> None:
    """In a worker: end when the process that started it ends, even by SIGKILL (Linux), instead of reading
    on (a hostile file may take minutes) for a parent that is gone."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass
        if os.getppid() == 1:  # the parent ended before the call above
            os._exit(0)


def _quiet_stderr() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        return


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """The process's stderr (file descriptor 2, where native code writes) sent to nowhere for a while."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        _quiet_stderr()
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def limit_memory(extra: int = MEMORY_LIMIT) -> None:
    """Limit this process's address space to what it uses now plus ``extra`` bytes (POSIX only)."""
    try:
        import resource
    except ImportError:  # Windows: no limit; a crash still costs one file
        return
    used = _address_space()
    if used is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = used + extra
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and soft <= want:
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        return


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _context() -> Any:
    """fork where there is one: workers start at once and need no importable main module."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# -- results as plain values ---------------------------------------------------------------------------
def pack_result(result: FileResult) -> tuple[Any, ...]:
    """A FileResult in a compact, cheaply pickled form (the layout by name, not by value)."""
    fields = _plain(result, "report")
    r = result.report
    rep = None if r is None else (r.layout.format, r.layout.variant, _plain(r, "layout"))
    return fields, rep


def _plain(obj: Any, leave: str) -> dict[str, Any]:
    """A dataclass's fields but ``leave``, read-only mappings as dicts (they pickle)."""
    out = {}
    for f in dataclasses.fields(obj):
        if f.name != leave:
            v = getattr(obj, f.name)
            out[f.name] = dict(v) if isinstance(v, Mapping) else v
    return out


def unpack_result(packed: tuple[Any, ...]) -> FileResult:
    fields, rep = packed
    report = None
    if rep is not None:
        fmt, variant, rest = rep
        # a report's cell keys as one shared string each, not a copy per report (unpickled anew every time):
        # of the 27 KB a report takes in the parent, 18 KB were its keys (300 MB for 10,000 reports)
        rest = {k: {sys.intern(key): v for key, v in v.items()} if isinstance(v, dict) else v
                for k, v in rest.items()}
        report = Report(layout=get_layout(fmt, variant), **rest)
    return FileResult(report=report, **fields)
