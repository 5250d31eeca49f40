"""The demo's inbox: the sample county's files received, the wrong one sent back, its correction received."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from nianbao.inbox import Inbox

#: the demo inbox's file name, in the demo's folder
DEMO_DB = "nianbao.sqlite3"
RESENT_DIR = "重新提交"


def roster_csv(offices: Sequence[tuple[str, str, int]]) -> bytes:
    """A 名单 of the sample county, as the county would type it (with made-up contacts)."""
    lines = ["单位名称,单位类别,联系人,联系电话"]
    lines += [f"{name},{category},联系人{i + 1},0396-55{i + 1:02d}" for i, (name, category, _s) in enumerate(offices)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def fill_inbox(out_dir: Path, county: str, offices: Sequence[tuple[str, str, int]], files: Sequence[Path],
               broken: str, resent: Path) -> Iterator[str]:
    """Receive the county's ``files`` into a new inbox in ``out_dir``, send ``broken`` back, then receive
    its corrected file ``resent``; one Chinese line per step."""
    db = Path(out_dir) / DEMO_DB
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)  # the demo starts afresh
    with Inbox.open(db) as inbox:
        inbox.set_setting("county", county, by="演示")
        n = inbox.import_roster("名单.csv", roster_csv(offices), by="演示")
        yield f"已建立收件箱 {db}，导入名单 {n} 个单位（nianbao inbox roster）"
        got = inbox.add_paths(list(files), source="邮件", by="演示", jobs=1)
        yield f"已收入 {len(got)} 个文件（nianbao inbox add）："
        yield from (f"  {r.name}：{r.message}" for r in got)
        note = "表三第一列“一 + 二 = （七）总计 + 四”不成立，请核对本年新收申请数后重新报送"
        inbox.return_office(broken, note, by="演示")
        yield f"已退回“{broken}”（nianbao inbox return）：{note}"
        again = inbox.add_paths([resent], source="微信", by="演示", jobs=1)[0]
        yield f"“{broken}”重新提交了修改后的文件 {resent}：{again.message}"
        for c in inbox.history(broken)[-1].changes:
            yield f"  改动：{'｜'.join(x for x in (c.table, c.row, c.column) if x)}：{c.old} → {c.new}"
        inbox.accept(broken, by="演示")
        states = inbox.status()
        yield (f"收件箱状态（nianbao inbox status --db {db}）："
               + "；".join(f"{s.name} {s.state}" for s in states))
