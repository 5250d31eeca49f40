"""What the inbox gives out: the current versions' files, exported or merged into the county's summary.

``merge`` writes the current files into a temporary folder under their original names and runs exactly
what ``nianbao merge`` runs over a folder (``merge.job.plan_merge`` and ``run_merge``), with the roster
from the ledger; the ledger then records which versions the summary used.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from nianbao.files import write_bytes_atomic
from nianbao.inbox import schema as t
from nianbao.merge.job import MergeRefused, MergeRun, plan_merge, run_merge
from nianbao.read.roster import RosterEntry
from nianbao.template import safe_filename
from nianbao.wording import inbox as words


def current_rows(conn: sa.Connection) -> list[dict[str, Any]]:
    """Each office's current version (office name, version, sha256, file name, received time, bytes, the
    office name as the report gives it), roster offices first in roster order."""
    r, o, b = t.receipts, t.offices, t.blobs
    latest = (sa.select(r.c.office_id, sa.func.max(r.c.version).label("v"))
              .where(r.c.version.is_not(None)).group_by(r.c.office_id).subquery())
    q = (sa.select(o.c.name.label("office"), o.c.on_roster, o.c.roster_order, o.c.name_key, r.c.version, r.c.sha256,
                   r.c.name, r.c.received_at, r.c.office_read, b.c.data)
         .join(latest, sa.and_(r.c.office_id == latest.c.office_id, r.c.version == latest.c.v))
         .join(o, o.c.id == r.c.office_id).join(b, b.c.sha256 == r.c.sha256))
    rows = [dict(x) for x in conn.execute(q).mappings().all()]
    return sorted(rows, key=lambda x: (not x["on_roster"], x["roster_order"] or 0, x["name_key"]))


def summary_key(conn: sa.Connection, roster: Sequence[dict[str, Any]], county: str) -> str:
    """A digest of everything a summary of the current versions is made from: each office's current version
    (by its sha256), the roster, the county's name and today's date (the merge judges 填报日期 by it).
    Equal keys, equal summaries; the files' bytes are not read."""
    r = t.receipts
    latest = (sa.select(r.c.office_id, sa.func.max(r.c.version).label("v"))
              .where(r.c.version.is_not(None)).group_by(r.c.office_id).subquery())
    q = (sa.select(r.c.office_id, r.c.version, r.c.sha256, r.c.name)
         .join(latest, sa.and_(r.c.office_id == latest.c.office_id, r.c.version == latest.c.v))
         .order_by(r.c.office_id))
    versions = [list(x) for x in conn.execute(q).all()]
    offices = [[o["name"], o["category"], o["county"], o["aliases"], o["roster_order"]] for o in roster]
    text = json.dumps([versions, offices, county, _dt.date.today().isoformat()], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_names(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The original file names of ``rows``; a name two offices sent gets the office's name added."""
    taken: dict[str, int] = {}
    for x in rows:
        taken[x["name"].casefold()] = taken.get(x["name"].casefold(), 0) + 1
    out: list[str] = []
    used: set[str] = set()
    for x in rows:
        name = safe_filename(x["name"]) or words.UNNAMED
        if taken[x["name"].casefold()] > 1 or name.casefold() in used:
            stem, suffix = os.path.splitext(name)
            name = f"{stem}（{safe_filename(x['office'])}）{suffix}"
        used.add(name.casefold())
        out.append(name)
    return out


def export_files(rows: Sequence[dict[str, Any]], out_dir: Path) -> list[Path]:
    """Write the current files into ``out_dir`` under their original names, each atomically."""
    out_dir = Path(out_dir)
    written = []
    for x, name in zip(rows, file_names(rows), strict=True):
        written.append(_received_time(write_bytes_atomic(out_dir / name, bytes(x["data"])), x))
    return written


def _received_time(path: Path, row: dict[str, Any]) -> Path:
    """Give ``path`` the time the inbox received its file: an exported folder merged again says the same
    收到时间 (and picks the same latest version) as the inbox's own merge, whatever minute it is exported in."""
    stamp = _dt.datetime.fromisoformat(row["received_at"]).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def roster_for_merge(roster: Sequence[dict[str, Any]], rows: Sequence[dict[str, Any]]) -> list[RosterEntry] | None:
    """The roster as ``nianbao merge`` takes it, with each office's 别名 and the name its current report gives
    (the inbox attached that report to the office), so that the merge counts it, under the roster's name."""
    if not roster:
        return None
    as_read = {x["office"]: x["office_read"] for x in rows if x["on_roster"]}
    return [RosterEntry(o["name"], o["category"], contact=o["contact"] or "", phone=o["phone"] or "",
                        aliases=tuple(dict.fromkeys([*json.loads(o["aliases"]), as_read.get(o["name"]) or o["name"]])))
            for o in roster]


def merge_rows(rows: Sequence[dict[str, Any]], roster: list[RosterEntry] | None, out: Path | None,
               options: dict[str, Any]) -> MergeRun:
    """``nianbao merge`` over the files of ``rows`` (written to a temporary folder) with ``roster``."""
    with tempfile.TemporaryDirectory(prefix="nianbao-inbox-") as tmp:
        folder = Path(tmp) / words.INBOX_FOLDER
        folder.mkdir()
        for x, name in zip(rows, file_names(rows), strict=True):
            path = folder / name
            path.write_bytes(bytes(x["data"]))
            _received_time(path, x)  # the merge's "latest" among equal 填报日期: the received time
        plan = plan_merge([folder], out=out, **options)
        return run_merge(replace(plan, roster=roster))


def used_versions(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"office": x["office"], "version": x["version"], "sha256": x["sha256"], "name": x["name"]} for x in rows]


def record_merge(conn: sa.Connection, out: Path | None, by: str, rows: Sequence[dict[str, Any]], at: str) -> str:
    """Record which versions a summary used; the log's note."""
    used = used_versions(rows)
    conn.execute(t.merges.insert().values(at=at, by=by, output=str(out or ""),
                                          versions=json.dumps(used, ensure_ascii=False)))
    return (words.MERGE_NOTE.format(name=out.name if out else words.NO_FILE_WRITTEN, n_used=len(used))
            + "、".join(words.OFFICE_VERSION.format(office=u['office'], version=u['version']) for u in used))


__all__ = ["MergeRefused", "current_rows", "export_files", "file_names", "merge_rows", "record_merge",
           "roster_for_merge", "summary_key", "used_versions"]
