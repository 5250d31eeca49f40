"""The demo's inbox: the sample county's files received, the wrong one sent back, its correction received."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from nianbao.inbox import Inbox
from nianbao.wording import demo as words

#: the demo inbox's file name, in the demo's folder
DEMO_DB = "nianbao.sqlite3"
RESENT_DIR = words.RESENT_DIR


def roster_csv(offices: Sequence[tuple[str, str, int]]) -> bytes:
    """A 名单 of the sample county, as the county would type it (with made-up contacts)."""
    lines = [words.ROSTER_CSV_HEADER]
    lines += [words.ROSTER_CSV_ROW.format(name=name, category=category, number=i + 1) for i, (name, category, _s) in enumerate(offices)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def fill_inbox(out_dir: Path, county: str, offices: Sequence[tuple[str, str, int]], files: Sequence[Path],
               broken: str, resent: Path) -> Iterator[str]:
    """Receive the county's ``files`` into a new inbox in ``out_dir``, send ``broken`` back, then receive
    its corrected file ``resent``; one Chinese line per step."""
    db = Path(out_dir) / DEMO_DB
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)  # the demo starts afresh
    with Inbox.open(db) as inbox:
        inbox.set_setting("county", county, by=words.DEMO_ACTOR)
        n = inbox.import_roster(words.ROSTER_FILENAME, roster_csv(offices), by=words.DEMO_ACTOR)
        yield words.INBOX_CREATED.format(db=db, n=n)
        got = inbox.add_paths(list(files), source=words.SOURCE_EMAIL, by=words.DEMO_ACTOR, jobs=1)
        yield words.FILES_ADDED.format(n_got=len(got))
        yield from (f"  {r.name}：{r.message}" for r in got)
        note = words.RETURN_NOTE
        inbox.return_office(broken, note, by=words.DEMO_ACTOR)
        yield words.RETURNED_OFFICE.format(broken=broken, note=note)
        again = inbox.add_paths([resent], source=words.SOURCE_WECHAT, by=words.DEMO_ACTOR, jobs=1)[0]
        yield words.RESUBMITTED.format(broken=broken, resent=resent, message=again.message)
        for c in inbox.history(broken)[-1].changes:
            yield words.CHANGE_LINE.format(where='｜'.join(x for x in (c.table, c.row, c.column) if x), old=c.old, new=c.new)
        inbox.accept(broken, by=words.DEMO_ACTOR)
        states = inbox.status()
        yield (words.INBOX_STATUS_HEADING.format(db=db)
               + "；".join(f"{s.name} {s.state}" for s in states))
