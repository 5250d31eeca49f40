"""The county's inbox: every file received, kept with its bytes, read, attached to an office, versioned.

A file's bytes and a "pending" receipt are committed before the file is read; reading it and filing the
verdict (office, version number, changes from the previous version) is a second transaction. A process
killed in between leaves the receipt pending: the next ``add`` of the same bytes finishes it. A receipt
whose reading was started and never finished (the reader may have aborted the process) is read again
alone in a child process, so that a hostile file is marked unreadable instead of stopping every run.
Identical bytes make a duplicate receipt, not a new version. Every action goes into the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from nianbao.form.finding_tags import INBOX_OTHER_YEAR, OFFICE_FILE_NAME, UNFILLED
from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_UNREADABLE, STATUS_WARN
from nianbao.inbox import schema as t
from nianbao.inbox.offices import OfficeBook, insert_for, office_note
from nianbao.inbox.types import Change, LogEntry, OfficeState, OfficeStatus, Received, Version
from nianbao.inbox.verdict import changes, isolated_verdict, verdict, with_year
from nianbao.read.roster import RosterError, normalise_name, read_roster_bytes
from nianbao.wording import inbox as words

__all__ = ["DEFAULT_DB", "InboxError", "Ledger", "Stored"]

DEFAULT_DB = "nianbao.sqlite3"
#: a receipt held this long by a reader on another machine is taken over (seconds)
HOLD_SECONDS = 600
#: how long ``add`` waits for another process reading the same bytes (seconds)
WAIT_SECONDS = 300


# statements of the path every file takes, made once (their values are bound at execution)
_LOG = t.log.insert()
_SETTING = sa.select(t.settings.c.value).where(t.settings.c.key == sa.bindparam("k"))
_NEW_RECEIPT = t.receipts.insert().returning(t.receipts.c.id)
_FILED = (t.receipts.update().where(t.receipts.c.id == sa.bindparam("rid"), t.receipts.c.state == "pending")
          .returning(t.receipts.c.name, t.receipts.c.by, t.receipts.c.sha256))
_CURRENT = (sa.select(t.receipts.c.version, t.receipts.c.cells, t.receipts.c.findings)
            .where(t.receipts.c.office_id == sa.bindparam("oid"), t.receipts.c.version.is_not(None))
            .order_by(t.receipts.c.version.desc()).limit(1))


@dataclass
class Stored:
    """A batch whose bytes are committed and not yet filed (``Ledger.store_batch``)."""

    items: list[tuple[str, bytes, str]]
    stored: list[tuple[int, dict[str, Any] | None]]  # (receipt id, the first receipt of bytes seen before)
    home: str
    by: str

    @property
    def to_read(self) -> list[tuple[bytes, str]]:
        return [(data, name) for (_rid, orig), (name, data, _s) in zip(self.stored, self.items, strict=True)
                if orig is None]


class InboxError(ValueError):
    """The inbox cannot do what was asked; the message says why, in Chinese."""


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


def when(text: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(text)


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _holder_alive(holder: str | None, held_at: str | None) -> bool:
    """Whether the reader ``holder`` (host:pid:thread) may still be reading: a process of this machine while
    it runs (a thread of this process while it runs); one of another machine for HOLD_SECONDS."""
    if not holder or holder.count(":") < 2:
        return False
    host, pid, tid = holder.rsplit(":", 2)
    if host == socket.gethostname():
        if pid == str(os.getpid()):
            return tid != str(threading.get_ident()) and tid in {str(t.ident) for t in threading.enumerate()}
        try:
            os.kill(int(pid), 0)
        except (ProcessLookupError, ValueError):
            return False
        except PermissionError:
            return True
        return True
    age = (_dt.datetime.now(_dt.UTC) - when(held_at)).total_seconds() if held_at else HOLD_SECONDS
    return age < HOLD_SECONDS


class Ledger:
    """The tables behind ``Inbox``: storing, reading, filing and reviewing (see ``nianbao.inbox``)."""

    def __init__(self, engine: sa.Engine, db: str) -> None:
        self.engine = engine
        self.db = db
        self.book = OfficeBook()

    # -- connections -----------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{t.READ_ONLY: True})
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    def _log(self, conn: sa.Connection, action: str, office: str | None = None, *, by: str = "", note: str = "",
             sha256: str | None = None) -> None:
        conn.execute(_LOG, {"at": now(), "action": action, "office": office, "by": by, "note": note, "sha256": sha256})

    # -- settings and roster ------------------------------------------------------------------------
    def set_setting(self, key: str, value: str, by: str = "", *, secret: bool = False) -> None:
        """Set ``key``; the log says so, with the value unless it is ``secret`` (a key, a token, a password
        hash: the log is read and printed by people who must not learn them)."""
        with self._write() as conn:
            conn.execute(t.settings.delete().where(t.settings.c.key == key))
            conn.execute(t.settings.insert().values(key=key, value=str(value)))
            self._log(conn, words.ACTION_SETTING, by=by, note=key if secret else f"{key} = {value}")
            if key == "year":  # every report judged again against the year now collected (INBOX-OTHER-YEAR)
                self._judge_years(conn, str(value))

    @staticmethod
    def _judge_years(conn: sa.Connection, year: str) -> None:
        """Each filed report's INBOX-OTHER-YEAR as the 报告年度 setting ``year`` now says (none when it is not
        set), its status and error count with it."""
        r = t.receipts
        rows = conn.execute(sa.select(r.c.id, r.c.name, r.c.year, r.c.status, r.c.errors, r.c.warnings, r.c.findings,
                                      r.c.cells).where(r.c.office_id.is_not(None), r.c.year.is_not(None))).mappings()
        for x in list(rows):
            found = json.loads(x["findings"])
            kept = [f for f in found if f.get("code") != INBOX_OTHER_YEAR]
            errors = x["errors"] - (len(found) - len(kept))
            v = {"year": x["year"], "cells": json.loads(x["cells"]), "findings": kept, "errors": errors,
                 "warnings": x["warnings"], "status": _status_of(errors, x["warnings"])}
            if year.isdigit():
                v = with_year(v, int(year), x["name"])
            if v["findings"] != found:
                conn.execute(r.update().where(r.c.id == x["id"]).values(
                    findings=json.dumps(v["findings"], ensure_ascii=False), errors=v["errors"], status=v["status"]))

    def set_secrets(self, values: dict[str, str], *, action: str, office: str | None, note: str, by: str = "") -> None:
        """Set secret settings (an office's link token) in one transaction, logged as one entry of
        ``action`` under ``office`` that names no key and no value."""
        with self._write() as conn:
            for key, value in values.items():
                conn.execute(t.settings.delete().where(t.settings.c.key == key))
                conn.execute(t.settings.insert().values(key=key, value=str(value)))
            self._log(conn, action, office, by=by, note=note)

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._read() as conn:
            found = conn.execute(sa.select(t.settings.c.value).where(t.settings.c.key == key)).scalar()
        return default if found is None else found

    def settings_under(self, prefix: str) -> dict[str, str]:
        """Every setting whose key begins with ``prefix``."""
        s = t.settings
        with self._read() as conn:
            rows = conn.execute(sa.select(s.c.key, s.c.value).where(s.c.key.startswith(prefix, autoescape=True))).all()
        return {k: v for k, v in rows}

    def import_roster(self, name: str, data: bytes, by: str = "") -> int:
        """Put the offices of a 名单 (.xlsx/.xls/.ods/.csv bytes) into the ledger; the number of offices.
        Offices already known (by name, alias and 所属县) are updated; offices no longer on it stay, with
        their files, marked as not on the roster."""
        try:
            entries = read_roster_bytes(name, data)
        except RosterError as exc:
            raise InboxError(str(exc)) from None
        with self._write() as conn:
            county = self._setting(conn, "county")
            self.book.import_roster(conn, entries, county)
            self._log(conn, words.ACTION_IMPORT_ROSTER, by=by, note=words.ROSTER_IMPORTED_NOTE.format(name=name, n_entries=len(entries)))
        return len(entries)

    def _setting(self, conn: sa.Connection, key: str) -> str:
        return conn.execute(_SETTING, {"k": key}).scalar() or ""

    # -- adding files ------------------------------------------------------------------------------
    def add_bytes(self, name: str, data: bytes, source: str = "", by: str = "") -> Received:
        """Keep ``data`` (a file named ``name``), read and check it, file it under its office."""
        return self.add_batch([(name, data, source)], by=by)[0]

    def add_batch(self, items: Sequence[tuple[str, bytes, str]], by: str = "",
                  read: Callable[[Sequence[tuple[bytes, str]]], list[dict[str, Any]]] | None = None) -> list[Received]:
        """``add_bytes`` for each (name, bytes, source), in order: the bytes of all are committed in one
        transaction before any is read; each verdict is then filed in a transaction of its own. ``read``
        gives the verdicts of (bytes, name) pairs (default: in this process, one after the other)."""
        stored = self.store_batch(items, by)
        verdicts = (read or _read_here)(stored.to_read)
        return self.file_batch(stored, verdicts)

    def store_batch(self, items: Sequence[tuple[str, bytes, str]], by: str = "") -> Stored:
        """The first half of ``add_batch``: commit the bytes of every item (and a pending receipt of the bytes
        not seen before); ``Stored.to_read`` are the (bytes, name) to read, for ``file_batch``."""
        with self._write() as conn:
            stored = [self._store(conn, hashlib.sha256(data).hexdigest(), name, data, source, by)
                      for name, data, source in items]
            home = self._setting(conn, "county")
        return Stored(list(items), stored, home, by)

    def file_batch(self, batch: Stored, verdicts: Sequence[dict[str, Any]]) -> list[Received]:
        """The second half of ``add_batch``: file the verdicts of ``batch.to_read``, in that order; what
        became of each item."""
        stored, items, by = batch.stored, batch.items, batch.by
        fresh = [rid for rid, orig in stored if orig is None]
        with self._write() as conn:  # every verdict is read before any is filed: one transaction for all
            filed = {rid: self._file_in(conn, rid, v, batch.home) for rid, v in zip(fresh, verdicts, strict=True)}
        out = []
        for (rid, orig), (name, data, source) in zip(stored, items, strict=True):
            if orig is None:  # stored by this call, held by this process
                out.append(filed[rid] or self._received(self._receipt(rid)))
                continue
            if orig["state"] != "done":
                orig = self._receipt(rid)  # (the same bytes twice in this batch: the first is filed now)
            if orig["state"] == "done":
                out.append(self._duplicate(orig, name, source, by))
            else:
                out.append(self._resume(rid, name, data, source, by))
        return out

    def _store(self, conn: sa.Connection, sha: str, name: str, data: bytes, source: str,
               by: str) -> tuple[int, dict[str, Any] | None]:
        """Commit the bytes and, for bytes not seen before, a pending receipt (held by this process);
        for bytes seen before, the first receipt of them."""
        ins = insert_for(conn)(t.blobs).on_conflict_do_nothing().returning(t.blobs.c.sha256)
        first = conn.execute(ins, {"sha256": sha, "size": len(data), "data": data}).first() is not None
        if not first:
            orig = conn.execute(sa.select(t.receipts).where(t.receipts.c.sha256 == sha,
                                                            t.receipts.c.duplicate_of.is_(None))
                                .order_by(t.receipts.c.id).limit(1)).mappings().first()
            if orig is not None:
                return int(orig["id"]), dict(orig)
        rid = conn.execute(_NEW_RECEIPT, {
            "sha256": sha, "name": name, "source": source, "by": by, "received_at": now(), "state": "pending",
            "attempts": 1, "holder": _me(), "held_at": now()}).scalar_one()
        return int(rid), None

    def note_refused(self, office: str, name: str, why: str, by: str = "") -> None:
        """A file ``office`` sent through its own upload link that was not taken (nothing of it is kept: another
        office's report, not a workbook, too large…): in the audit log, under the office, with why."""
        with self._write() as conn:
            self._log(conn, words.ACTION_REFUSED, office, by=by, note=f"{name}：{why}")

    def note_unfiled(self, office: str, name: str, message: str, by: str = "") -> None:
        """A file ``office`` sent through its own upload link, kept but filed under no office (unreadable,
        another office's name…): in the audit log under the office too, with what became of it."""
        with self._write() as conn:
            self._log(conn, words.ACTION_RECEIVED_UNFILED, office, by=by, note=f"{name}：{message}")

    def _claim(self, rid: int) -> int | str:
        """Take the receipt for reading: the number of reads started (this one included), or "done" when it
        is filed already, or "busy" when another live process reads it."""
        with self._write() as conn:
            row = conn.execute(sa.select(t.receipts).where(t.receipts.c.id == rid)
                               .with_for_update()).mappings().one()
            if row["state"] == "done":
                return "done"
            if _holder_alive(row["holder"], row["held_at"]):
                return "busy"
            attempts = int(row["attempts"]) + 1
            conn.execute(t.receipts.update().where(t.receipts.c.id == rid)
                         .values(holder=_me(), held_at=now(), attempts=attempts))
            return attempts

    def _resume(self, rid: int, name: str, data: bytes, source: str, by: str) -> Received:
        """Bytes whose first receipt is still pending: finish it here (this hand-in then is that receipt),
        or, while another live process reads it, wait and record this hand-in as a duplicate."""
        claim = self._claim(rid)
        deadline = time.monotonic() + WAIT_SECONDS
        while claim == "busy" and time.monotonic() < deadline:
            time.sleep(0.05)
            claim = self._claim(rid)
        if claim == "busy":
            raise InboxError(words.FILE_BEING_READ_TIMEOUT.format(name=name))
        if claim != "done":
            # a read started before and never finished: the reader may have ended the process
            filed = self._file(rid, isolated_verdict(data, name))
            return filed or self._received(self._receipt(rid))
        return self._duplicate(self._receipt(rid), name, source, by)  # another process filed the same bytes

    def _file(self, rid: int, v: dict[str, Any]) -> Received | None:
        """File a verdict: the office, the version number and the changes; the receipt is then done.
        None when another process filed it meanwhile."""
        with self._write() as conn:
            return self._file_in(conn, rid, v, None)

    def _file_in(self, conn: sa.Connection, rid: int, v: dict[str, Any], home: str | None) -> Received | None:
        """``_file`` inside a transaction; ``home``: the county setting, when known."""
        office, version, reopened, said = None, None, "", ""
        diff: list[Change] = []
        if v["status"] != STATUS_UNREADABLE and v["office"]:
            expected = self._setting(conn, "year")
            if expected.isdigit():  # another year's report than the county collects: an error, said everywhere
                v = with_year(v, int(expected), self._receipt_name(conn, rid))
            home = self._setting(conn, "county") if home is None else home
            named = self._named_otherwise(conn, v)
            if named:  # another roster office's file name, its 单位名称 an office with a report of its own
                said = words.NAMED_OTHER_KEPT.format(named=named, office=v["office"])
            else:
                office = self.book.attach(conn, v["office"], v["county"], home)
                version, diff, reopened, said = self._next_version(conn, office, v)
        message = said if office is None and said else _message(v, office, version, reopened)
        if office is not None:
            message += said
        row = conn.execute(_FILED, {
            "rid": rid, "state": "done", "holder": None, "office_id": office["id"] if office else None,
            "version": version, "status": v["status"], "errors": v["errors"], "warnings": v["warnings"],
            "findings": json.dumps(v["findings"], ensure_ascii=False), "message": message,
            "office_read": v["office"], "county_read": v["county"], "year": v["year"], "format": v["format"],
            "kind": v["kind"], "cells": json.dumps(v["cells"], ensure_ascii=False),
            "changes": json.dumps([c.__dict__ for c in diff], ensure_ascii=False)}).first()
        if row is None:  # another process filed it meanwhile
            return None
        name = office["name"] if office else None
        self._log(conn, words.ACTION_RECEIVED, name, by=row.by, note=f"{row.name}：{message}", sha256=row.sha256)
        if reopened:
            self._log(conn, words.ACTION_REOPENED, name, by=row.by, note=words.REOPENED_NOTE.format(version=version, reopened=reopened))
        return Received(sha256=row.sha256, name=row.name, office=name, version=version, duplicate=False,
                        status=v["status"], errors=v["errors"], warnings=v["warnings"], findings=v["findings"],
                        message=message)

    def _named_otherwise(self, conn: sa.Connection, v: dict[str, Any]) -> str:
        """The roster office a report's file name names (INFO-OFFICE-FILE-NAME, through the roster's names and
        别名) when the office of its 单位名称 is another that has a version already: such a file (most likely
        copied from that office's file, its name left as it was) is not filed under it, where it would replace
        the office's own report; else ''. As merge does (``stages.set_aside_named_otherwise``)."""
        given = next((f.get("params", {}).get("named", "") for f in v["findings"]
                      if f.get("code") == OFFICE_FILE_NAME), "")
        named = self.book.find(conn, given) if given else None
        own = self.book.find(conn, v["office"])
        if named is None or own is None or not named["on_roster"] or named["id"] == own["id"]:
            return ""
        return str(named["name"]) if conn.execute(_CURRENT, {"oid": own["id"]}).first() is not None else ""

    @staticmethod
    def _receipt_name(conn: sa.Connection, rid: int) -> str:
        return str(conn.execute(sa.select(t.receipts.c.name).where(t.receipts.c.id == rid)).scalar() or "")

    def _next_version(self, conn: sa.Connection, office: dict[str, Any],
                      v: dict[str, Any]) -> tuple[int, list[Change], str, str]:
        """The office's next version number, the changes from its current version, the review state
        that the new version reopens ('' when none), and what the receipt's message adds: that the review
        stands (the same figures and texts sent again), that its 填报日期 is earlier than the current
        version's (perhaps the old file sent again); else ''."""
        cells = v["cells"]
        prev = conn.execute(_CURRENT, {"oid": office["id"]}).first()
        number = (prev.version if prev else 0) + 1
        old_cells = json.loads(prev.cells) if prev else {}
        diff = changes(old_cells, cells) if prev else []
        earlier = _earlier_date(old_cells, cells)
        older = words.EARLIER_DATE_SUFFIX.format(date=_date_of(cells), previous=earlier) if earlier else ""
        reviewed = office["review"] is not None and office["review_version"] == (prev.version if prev else None)
        reopened = {"returned": OfficeStatus.RETURNED.value, "accepted": OfficeStatus.ACCEPTED.value}.get(
            office["review"] or "", "") if reviewed else ""
        same = prev is not None and _problems(json.loads(prev.findings)) == _problems(v["findings"])
        if reopened and not diff and same:  # the same figures, texts and problems sent again (saved otherwise,
            # as .ods…): the review stands for this version too (a 退回 is not answered by the same report again;
            # "1件" typed as a number is the same figure, its problem gone: a changed report)
            conn.execute(t.offices.update().where(t.offices.c.id == office["id"]).values(review_version=number))
            return number, diff, "", words.REVIEW_KEPT_SUFFIX.format(review=reopened) + older
        return number, diff, reopened, older

    def _receipt(self, rid: int) -> dict[str, Any]:
        with self._read() as conn:
            return dict(conn.execute(sa.select(t.receipts).where(t.receipts.c.id == rid)).mappings().one())

    def _office_name(self, office_id: int | None) -> str | None:
        if office_id is None:
            return None
        with self._read() as conn:
            return conn.execute(sa.select(t.offices.c.name).where(t.offices.c.id == office_id)).scalar()

    def _received(self, row: dict[str, Any], *, duplicate: bool = False, message: str = "") -> Received:
        return Received(sha256=row["sha256"], name=row["name"], office=self._office_name(row["office_id"]),
                        version=None if duplicate else row["version"], duplicate=duplicate, status=row["status"],
                        errors=row["errors"], warnings=row["warnings"], findings=json.loads(row["findings"]),
                        message=message or row["message"])

    def _duplicate(self, orig: dict[str, Any], name: str, source: str, by: str) -> Received:
        """A receipt of bytes received before: recorded, not a new version."""
        if orig["state"] != "done":
            orig = self._receipt(int(orig["id"]))
        office = self._office_name(orig["office_id"])
        what = words.OFFICE_VERSION.format(office=office, version=orig['version']) if office and orig["version"] else words.THAT_FILE
        message = words.DUPLICATE_OF.format(received=when(orig['received_at']).astimezone().strftime('%Y-%m-%d %H:%M'), name=orig['name'], what=what)
        with self._write() as conn:
            row = conn.execute(t.receipts.insert().values(
                sha256=orig["sha256"], name=name, source=source, by=by, received_at=now(), state="done",
                attempts=0, duplicate_of=orig["id"], office_id=orig["office_id"], status=orig["status"],
                errors=orig["errors"], warnings=orig["warnings"], findings=orig["findings"], message=message,
                office_read=orig["office_read"], county_read=orig["county_read"], year=orig["year"],
                format=orig["format"], kind=orig["kind"]).returning(t.receipts)).mappings().one()
            self._log(conn, words.ACTION_DUPLICATE, office, by=by, note=f"{name}：{message}", sha256=orig["sha256"])
        return self._received(dict(row), duplicate=True)

    # -- what the county sees ------------------------------------------------------------------------
    def _states(self, conn: sa.Connection, office_ids: Sequence[int] | None = None) -> list[OfficeState]:
        r, o = t.receipts, t.offices
        latest = (sa.select(r.c.office_id, sa.func.max(r.c.version).label("v"))
                  .where(r.c.version.is_not(None)).group_by(r.c.office_id).subquery())
        cur = (sa.select(r.c.office_id, r.c.version, r.c.received_at, r.c.status, r.c.errors, r.c.warnings,
                         r.c.findings, r.c.message)
               .join(latest, sa.and_(r.c.office_id == latest.c.office_id, r.c.version == latest.c.v)).subquery())
        q = sa.select(o, cur.c.version.label("cur_version"), cur.c.received_at, cur.c.status, cur.c.errors,
                      cur.c.warnings, cur.c.findings, cur.c.message).outerjoin(cur, cur.c.office_id == o.c.id)
        q = q.where(sa.or_(o.c.on_roster, cur.c.version.is_not(None)))
        if office_ids is not None:
            q = q.where(o.c.id.in_(office_ids))
        rows = conn.execute(q).mappings().all()
        rows = sorted(rows, key=lambda x: (not x["on_roster"], x["roster_order"] or 0, x["name_key"]))
        homes = {k for k in conn.execute(sa.select(o.c.county_key).where(o.c.on_roster).distinct()).scalars() if k}
        homes |= {normalise_name(c) for c in [self._setting(conn, "county")] if c}
        states = [_state(x, homes) for x in rows]
        if not any(s.state == OfficeStatus.MISSING.value for s in states):
            return states
        unplaced = conn.execute(sa.select(r.c.name, r.c.source, r.c.received_at, r.c.message).where(
            r.c.office_id.is_(None), r.c.duplicate_of.is_(None), r.c.state == "done")
            .order_by(r.c.id)).mappings().all()
        return [_with_unplaced(s, unplaced) if s.state == OfficeStatus.MISSING.value else s for s in states]

    def status(self) -> list[OfficeState]:
        with self._read() as conn:
            return self._states(conn)

    def office(self, name: str) -> OfficeState | None:
        with self._read() as conn:
            row = self.book.find(conn, name)
            if row is None:
                return None
            states = self._states(conn, [row["id"]])
        return states[0] if states else None

    def _known(self, conn: sa.Connection, name: str) -> dict[str, Any]:
        row = self.book.find(conn, name)
        if row is None:
            raise InboxError(words.UNKNOWN_OFFICE.format(name=name))
        return row

    def history(self, office: str) -> list[Version]:
        """The office's versions, oldest first, each with its changes from the one before."""
        r = t.receipts
        with self._read() as conn:
            row = self._known(conn, office)
            rows = conn.execute(sa.select(r).where(r.c.office_id == row["id"], r.c.version.is_not(None))
                                .order_by(r.c.version)).mappings().all()
        return [Version(number=x["version"], sha256=x["sha256"], name=x["name"], received_at=when(x["received_at"]),
                        source=x["source"], status=x["status"], errors=x["errors"], warnings=x["warnings"],
                        findings=json.loads(x["findings"]), changes=[Change(**c) for c in json.loads(x["changes"])])
                for x in rows]

    def _review(self, office: str, review: str, note: str, by: str) -> None:
        with self._write() as conn:
            row = self._known(conn, office)
            states = self._states(conn, [row["id"]])
            version = states[0].version if states else None
            if review == "accepted" and version is None:
                raise InboxError(words.CANNOT_ACCEPT_UNSUBMITTED.format(office=row['name']))
            conn.execute(t.offices.update().where(t.offices.c.id == row["id"])
                         .values(review=review, review_version=version, review_note=note))
            action = words.ACTION_RETURN if review == "returned" else words.ACTION_ACCEPT
            what = words.VERSION_NUMBER.format(version=version) if version else words.NOT_YET_SUBMITTED
            self._log(conn, action, row["name"], by=by, note=f"{what}{'：' + note if note else ''}")

    def return_office(self, office: str, note: str, by: str = "") -> None:
        """Send the office's current version back, with the note told to the office."""
        self._review(office, "returned", note, by)

    def accept(self, office: str, by: str = "") -> None:
        """The county accepts the office's current version."""
        self._review(office, "accepted", "", by)

    def log(self, office: str | None = None) -> list[LogEntry]:
        """The audit log, oldest first; only the lines about ``office`` when given."""
        q = sa.select(t.log).order_by(t.log.c.id)
        with self._read() as conn:
            if office is not None:
                q = q.where(t.log.c.office == self._known(conn, office)["name"])
            rows = conn.execute(q).mappings().all()
        return [LogEntry(at=when(x["at"]), action=x["action"], office=x["office"], by=x["by"], note=x["note"],
                         sha256=x["sha256"]) for x in rows]

    def file_bytes(self, sha256: str) -> bytes:
        with self._read() as conn:
            data = conn.execute(sa.select(t.blobs.c.data).where(t.blobs.c.sha256 == sha256)).scalar()
        if data is None:
            raise InboxError(words.NO_FILE_WITH_DIGEST.format(sha256=sha256))
        return bytes(data)


def _read_here(pairs: Sequence[tuple[bytes, str]]) -> list[dict[str, Any]]:
    return [verdict(data, name) for data, name in pairs]


def _message(v: dict[str, Any], office: dict[str, Any] | None, version: int | None, reopened: str) -> str:
    """One Chinese line: what became of the file."""
    if v["status"] == STATUS_UNREADABLE:
        first = v["findings"][0]["message"] if v["findings"] else ""
        return words.UNREADABLE_KEPT_BECAUSE.format(reason=first) if first else words.UNREADABLE_KEPT
    if office is None:
        return words.NO_OFFICE_NAME_KEPT.format(status=v['status'])
    counts = words.ERROR_WARNING_COUNTS.format(errors=v['errors'], warnings=v['warnings']) if v["errors"] or v["warnings"] else words.NO_ERRORS_NO_WARNINGS
    text = words.VERSION_RECEIVED.format(office=office['name'], version=version, status=v['status'], counts=counts)
    if reopened:
        text += words.REOPENED_SUFFIX.format(reopened=reopened)
    if not office["on_roster"]:
        text += words.NOT_ON_ROSTER_SUFFIX
    return text


def _joined(*notes: str) -> str:
    return "；".join(n for n in notes if n)


def _status_of(errors: int, warnings: int) -> str:
    return STATUS_ERROR if errors else STATUS_WARN if warnings else STATUS_OK


def _problems(findings: Sequence[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """What a version's findings say, where: (code, sheet, cell), sorted."""
    return sorted((str(f.get("code", "")), str(f.get("sheet") or ""), str(f.get("cell") or "")) for f in findings)


def _blank(findings: str | None) -> bool:
    """Whether a version's findings (as kept) say it is the blank template (INFO-UNFILLED: nothing filled in)."""
    return bool(findings) and UNFILLED in str(findings) and any(
        f.get("code") == UNFILLED for f in json.loads(str(findings)))


def _date_of(cells: dict[str, Any]) -> str:
    return str(cells.get("info", {}).get("date", "")).strip()


def _earlier_date(old: dict[str, Any], new: dict[str, Any]) -> str:
    """The 填报日期 of ``old`` (a version's cells) when ``new``'s is a date before it, else ''."""
    from nianbao.check.dates import parse_date

    before, after = parse_date(_date_of(old)), parse_date(_date_of(new))
    return _date_of(old) if before is not None and after is not None and after < before else ""


def _with_unplaced(state: OfficeState, unplaced: Sequence[Any]) -> OfficeState:
    """An office with no report, its note naming the files kept that could not be filed under any office
    (unreadable, or naming no office) but may be its: sent through its own upload link, or named for it."""
    key = normalise_name(state.name)
    hints = []
    for u in unplaced:
        by_link = str(u["source"] or "").startswith(words.LINK_SOURCE.format(name=state.name))  # (…zip) too
        if by_link or (key and key in normalise_name(Path(u["name"]).stem)):
            hints.append(words.UNPLACED_HINT.format(
                file=u["name"], received=when(u["received_at"]).astimezone().strftime("%Y-%m-%d %H:%M"),
                how=words.UNPLACED_BY_LINK if by_link else words.UNPLACED_BY_NAME,
                why=str(u["message"]).removesuffix("；" + words.KEPT)))
    if not hints:
        return state
    return dataclasses.replace(state, note=words.UNPLACED_HINTS_JOIN.join(x for x in (state.note, *hints) if x))


def _state(x: Any, homes: set[str]) -> OfficeState:
    """An office's state; ``homes``: the counties (normalised) of the roster and the inbox's county."""
    version = x["cur_version"]
    blank = version is not None and _blank(x["findings"])
    if x["review"] is not None and x["review_version"] == version:
        state = OfficeStatus.RETURNED.value if x["review"] == "returned" else OfficeStatus.ACCEPTED.value
    elif version is None or blank:  # the blank template sent back: not a report (merge leaves it out too)
        state = OfficeStatus.MISSING.value
    else:
        from nianbao.inbox.types import SUBMITTED_BY_STATUS

        state = SUBMITTED_BY_STATUS.get(x["status"], OfficeStatus.SUBMITTED_ERROR.value)
    return OfficeState(name=x["name"], category=x["category"], county=x["county"], contact=x["contact"],
                       phone=x["phone"], state=state, version=version,
                       received_at=when(x["received_at"]) if x["received_at"] else None,
                       errors=x["errors"] or 0, warnings=x["warnings"] or 0, on_roster=bool(x["on_roster"]),
                       note=words.BLANK_VERSION.format(version=version) if blank and state == OfficeStatus.MISSING.value
                       else _joined(office_note(x, state, homes), words.CURRENT_EARLIER_DATE.format(version=version)
                                    if words.EARLIER_DATE_MARK in str(x["message"] or "") else ""),
                       returned_note=x["review_note"] if state == OfficeStatus.RETURNED else "")
