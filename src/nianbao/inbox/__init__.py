"""The county's inbox: a ledger of every file received, versioned per office, reviewed and audited.

    from nianbao.inbox import Inbox
    with Inbox.open("nianbao.sqlite3") as inbox:       # or a postgresql:// URL
        inbox.import_roster("名单.xlsx", roster_bytes)
        for r in inbox.add_paths([Path("收到的年报")]):
            print(r.message)
        inbox.status()

SQLite by default (one file, WAL mode; two processes may add at once), PostgreSQL for a ``postgresql://``
URL. Files' bytes are committed before they are read (``ledger``); offices come from the roster (``offices``);
the summary and the export take each office's current version (``outputs``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from nianbao.form.result import STATUS_UNREADABLE
from nianbao.inbox import schema
from nianbao.inbox.intake import Incoming, Unavailable, incoming
from nianbao.inbox.ledger import DEFAULT_DB, InboxError, Ledger, Stored, now
from nianbao.inbox.outputs import (
    current_rows,
    export_files,
    merge_rows,
    record_merge,
    roster_for_merge,
    summary_key,
    used_versions,
)
from nianbao.inbox.types import (
    STATES,
    Change,
    LogEntry,
    OfficeState,
    OfficeStatus,
    Received,
    Version,
    as_json,
)
from nianbao.inbox.verdict import VerdictPool
from nianbao.merge.job import MergeRefused, MergeRun
from nianbao.merge.marked import is_marked_copy
from nianbao.wording import inbox as words

__all__ = ["DEFAULT_DB", "STATES", "Change", "Inbox", "InboxError", "LogEntry", "MergeRefused", "OfficeState",
           "OfficeStatus", "Received", "Version", "as_json"]


#: files whose bytes ``add_paths`` commits in one transaction before reading them
ADD_BATCH = 16


class Inbox(Ledger):
    """The county's inbox over one database (see the module's docstring)."""

    @classmethod
    def open(cls, db: str | Path = DEFAULT_DB) -> Inbox:
        """Open the inbox in ``db`` (an SQLite file's path, made if absent, or a ``postgresql://`` URL),
        creating or upgrading its tables. Raises ``InboxError`` when it cannot be opened."""
        import sqlalchemy as sa

        if not schema.is_postgres(str(db)):
            parent = Path(db).parent
            if not parent.is_dir():
                raise InboxError(words.DB_FOLDER_MISSING.format(db=db, parent=parent))
        engine = None
        try:
            engine = schema.make_engine(db)
            schema.ensure_schema(engine)
        except schema.SchemaTooNew as exc:
            if engine is not None:
                engine.dispose()
            raise InboxError(words.DB_FROM_NEWER_VERSION.format(db=db, exc=exc)) from None
        except sa.exc.SQLAlchemyError as exc:
            if engine is not None:
                engine.dispose()
            raise InboxError(words.CANNOT_OPEN_INBOX.format(db=db, error=type(getattr(exc, 'orig', None) or exc).__name__, detail=_short(exc))) from None
        return cls(engine, str(db))

    def __enter__(self) -> Inbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_paths(self, paths: Sequence[Path], source: str = "", by: str = "",
                  progress: Callable[[int, int, str], None] | None = None, jobs: int | None = None) -> list[Received]:
        """Add every file under ``paths`` (files, folders walked in name order, .zip files member by member),
        in order; ``progress(done, total, name)`` after each. A file whose bytes cannot be had (gone,
        unreadable, too large), or a marked-up copy ``check --annotate`` wrote, gives a ``Received`` with an
        empty sha256, saying why; nothing is stored.
        Files are read in ``jobs`` processes (default: the number of CPUs)."""
        items = incoming(paths)
        out: list[Received] = []
        jobs = jobs if jobs is not None else (os.cpu_count() or 1)
        waiting: tuple[list[Incoming], list[tuple[str, bytes, str] | Received], Stored, Callable[[], Any]] | None = None

        def finish() -> None:  # file the batch read meanwhile, in the order given
            assert waiting is not None
            batch, loaded, stored, verdicts = waiting
            done = iter(self.file_batch(stored, verdicts()))
            for item, x in zip(batch, loaded, strict=True):
                out.append(x if isinstance(x, Received) else next(done))
                if progress is not None:
                    progress(len(out), len(items), item.name)

        with VerdictPool(jobs if len(items) > 1 else 1) as pool:
            for start in range(0, len(items), ADD_BATCH):  # batch k is read while k - 1 is filed and k + 1 stored
                batch = items[start:start + ADD_BATCH]
                loaded: list[tuple[str, bytes, str] | Received] = [self._load(item, source) for item in batch]
                stored = self.store_batch([x for x in loaded if not isinstance(x, Received)], by=by)
                reading = pool.submit(stored.to_read)
                if waiting is not None:
                    finish()
                waiting = (batch, loaded, stored, reading)
            if waiting is not None:
                finish()
        return out

    @staticmethod
    def _load(item: Incoming, source: str) -> tuple[str, bytes, str] | Received:
        """(name, bytes, source) of an incoming file, or the ``Received`` saying why it is not taken or its
        bytes cannot be had."""
        if item.skipped:  # a lock file, a file the system made: nothing of it is kept
            return Received(sha256="", name=item.name, office=None, version=None, duplicate=False,
                            status=words.STATUS_NOT_ADDED, errors=0, warnings=0, findings=[],
                            message=f"{item.origin}：{item.skipped}")
        try:
            data = item.load()
        except Unavailable as exc:
            return Received(sha256="", name=item.name, office=None, version=None, duplicate=False,
                            status=STATUS_UNREADABLE, errors=1, warnings=0, findings=[], message=f"{item.origin}：{exc}")
        if is_marked_copy(data, item.name):  # what ``check --annotate`` wrote: not an office's report
            return Received(sha256="", name=item.name, office=None, version=None, duplicate=False,
                            status=words.STATUS_NOT_ADDED, errors=0, warnings=0, findings=[],
                            message=words.MARKED_COPY_NOT_ADDED.format(origin=item.origin))
        return item.name, data, source or item.origin

    def current_files(self) -> list[tuple[str, bytes]]:
        """(original file name, bytes) of every office's current version, roster offices first."""
        with self._read() as conn:
            return [(x["name"], bytes(x["data"])) for x in current_rows(conn)]

    def current_versions(self) -> list[dict[str, Any]]:
        """(office, version, sha256, name) of every office's current version, as a summary would use them."""
        with self._read() as conn:
            return used_versions(current_rows(conn))

    def summary_key(self) -> str:
        """A digest of what ``merge`` would be made from now (see ``outputs.summary_key``): a summary made
        under the same key is the same summary, and need not be made again."""
        with self._read() as conn:
            return summary_key(conn, self.book.roster(conn), self._setting(conn, "county"))

    def export(self, out_dir: Path, by: str = "") -> list[Path]:
        """Write every office's current file into ``out_dir`` under its original name (a name two offices
        used gets the office's name added), each atomically; the files written."""
        with self._read() as conn:
            rows = current_rows(conn)
        written = export_files(rows, out_dir)
        with self._write() as conn:
            self._log(conn, words.ACTION_EXPORT, by=by, note=words.EXPORTED_FILES_NOTE.format(n_written=len(written), out_dir=out_dir))
        return written

    def merge(self, out: Path | None = None, *, by: str = "", **options: Any) -> MergeRun:
        """The county summary of every office's current version: what ``nianbao merge`` gives over those files
        (``options`` as ``merge.job.plan_merge`` takes them: name, previous, exclude_errors, csv_out,
        json_out, jobs, force), with the ledger's roster. Records which versions it used. Raises
        ``MergeRefused`` (a Chinese message) when it cannot run."""
        with self._read() as conn:
            rows = current_rows(conn)
            roster = roster_for_merge(self.book.roster(conn), rows)
            county = self._setting(conn, "county")
        if not rows:
            raise MergeRefused(words.NOTHING_TO_MERGE)
        options.setdefault("name", county or None)
        run = merge_rows(rows, roster, out, options)
        with self._write() as conn:
            self._log(conn, words.ACTION_MERGE, by=by, note=record_merge(conn, out, by, rows, now()))
        return run

    def merges(self) -> list[dict[str, Any]]:
        """Every summary made from the inbox: when, by whom, the output and the versions it used."""
        import json

        import sqlalchemy as sa

        with self._read() as conn:
            rows = conn.execute(sa.select(schema.merges).order_by(schema.merges.c.id)).mappings().all()
        return [{"at": x["at"], "by": x["by"], "output": x["output"], "versions": json.loads(x["versions"])}
                for x in rows]


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0][:200] if text else ""
