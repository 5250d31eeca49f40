"""The web layer's pieces that need no server: downloads' file names, uploads refused or opened, the
dashboard's rows and totals, the 未提交名单 and the 退回修改通知."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from nianbao.web import views
from nianbao.web.responses import content_disposition
from nianbao.web.security import hash_password, is_local, verify_password
from nianbao.web.uploads import MAX_FILE_BYTES, Upload, Verdict, spreadsheets

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "示例县" / "县教育局-2025年报.xlsx"


@pytest.mark.parametrize("name", ["西平县2025年度汇总.xlsx", "退回修改通知-县教育局.txt", "a b;c\".xlsx", "report.csv"])
def test_download_name_survives_rfc5987(name: str) -> None:
    header = content_disposition(name)
    msg = Message()
    msg["Content-Disposition"] = header
    assert msg.get_content_disposition() == "attachment"
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == name  # the real name, intact
    fallback = msg.get_param("filename", header="Content-Disposition")
    assert isinstance(fallback, str) and fallback.isascii() and fallback.endswith(name.rsplit(".", 1)[1])


def _received(items: list) -> tuple[list[Verdict], list[tuple[str, str, bytes]]]:
    refused = [i for i in items if isinstance(i, Verdict)]
    taken = [i for i in items if not isinstance(i, Verdict)]
    return refused, taken


def test_uploads_refuse_what_is_no_spreadsheet_or_too_large() -> None:
    data = SAMPLE.read_bytes()
    refused, taken = _received(list(spreadsheets([
        Upload("县教育局-2025年报.xlsx", data), Upload("说明.docx", b"PK\x03\x04x"), Upload("big.xlsx", None),
        Upload("empty.xls", b""), Upload("C:\\Users\\clerk\\桌面\\县政府办公室.xlsx", data)])))
    assert [(n, w) for n, w, _d in taken] == [("县教育局-2025年报.xlsx", ""), ("县政府办公室.xlsx", "")]
    reasons = {v.name: v.refused for v in refused}
    assert "不是 Excel 工作簿" in reasons["说明.docx"]
    assert f"{MAX_FILE_BYTES // 2**20} MB" in reasons["big.xlsx"]
    assert "空的" in reasons["empty.xls"]


def _zip(members: dict[str, bytes], *, gbk: bool = False) -> bytes:
    """A .zip; with ``gbk`` its names in GBK without the UTF-8 flag, as Windows' "send to compressed
    folder" on a Chinese system writes them (written under ASCII stand-ins of the same length, then
    swapped: Python itself only writes UTF-8 names)."""
    buf = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, body) in enumerate(members.items()):
            raw = name.encode("gbk") if gbk else name.encode()
            stand_in = f"{i:03d}".encode() + b"_" * (len(raw) - 3)
            swaps.append((stand_in, raw))
            zf.writestr(stand_in.decode() if gbk else name, body)
    data = buf.getvalue()
    for stand_in, raw in swaps if gbk else ():
        data = data.replace(stand_in, raw)
    return data


def test_a_zip_gives_its_spreadsheets_with_their_chinese_names() -> None:
    data = SAMPLE.read_bytes()
    for gbk in (False, True):
        z = _zip({"各单位/县教育局-2025年报.xlsx": data, "各单位/说明.txt": b"hi", "~$县教育局.xlsx": b"x"}, gbk=gbk)
        refused, taken = _received(list(spreadsheets([Upload("报告.zip", z)])))
        assert [(n, w, d == data) for n, w, d in taken] == [("县教育局-2025年报.xlsx", "报告.zip", True)]
        assert sorted(v.name for v in refused) == ["~$县教育局.xlsx", "各单位/说明.txt"]


def test_a_zip_bomb_or_a_broken_zip_is_refused_whole() -> None:
    bomb = _zip({f"{i}.xlsx": b"\0" * (30 * 2**20) for i in range(8)})  # 240 MB inflated, a few hundred KB
    assert len(bomb) < 2 * 2**20
    refused, taken = _received(list(spreadsheets([Upload("bomb.zip", bomb), Upload("broken.zip", b"PK\x03\x04junk")])))
    assert not taken
    assert ["压缩包太大" in refused[0].refused, "损坏" in refused[1].refused] == [True, True]


def test_password_hash_and_local_hosts() -> None:
    stored = hash_password("县政务公开办2027")
    assert stored.startswith("scrypt$") and "县政务公开办2027" not in stored
    assert verify_password("县政务公开办2027", stored) and not verify_password("wrong", stored)
    assert [is_local(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "192.168.1.20")] == [
        True, True, True, False, False]


@dataclass
class _Row:  # the fields of an OfficeState the dashboard uses
    name: str
    state: str
    category: str = "政府部门"
    contact: str = ""
    phone: str = ""
    received_at: str = ""
    errors: int = 0
    warnings: int = 0
    on_roster: bool = True


def test_board_counts_filters_and_sorts() -> None:
    rows = [_Row("县教育局", "已提交·通过", received_at="2027-01-10T09:00"),
            _Row("县自然资源局", "已提交·有错误", errors=2, received_at="2027-01-11T09:00"),
            _Row("城关镇人民政府", "未提交", contact="张三", phone="0396-1234567"),
            _Row("不明单位", "已提交·通过", on_roster=False)]
    b = views.board(rows)
    assert (b.submitted, b.expected, b.percent, [s.name for s in b.missing]) == (2, 3, 67, ["城关镇人民政府"])
    assert b.counts == {"已提交·通过": 1, "已提交·有错误": 1, "未提交": 1} and b.outside == 1  # 名单外 apart
    assert [s.name for s in views.board(rows, state="未提交").rows] == ["城关镇人民政府"]
    assert [s.name for s in views.board(rows, query="张三").rows] == ["城关镇人民政府"]
    assert views.board(rows, sort="errors").rows[0].name == "县自然资源局"
    assert [s.name for s in views.board(rows, sort="received").rows][:2] == ["县自然资源局", "县教育局"]


def test_days_left() -> None:
    today = dt.date(2027, 1, 10)
    assert [views.days_left(d, today) for d in ("2027-01-31", "2027-01-10", "2027-01-05", "", "某天")] == [
        21, 0, -5, None, None]


def test_missing_list_as_csv_and_xlsx() -> None:
    missing = [_Row("城关镇人民政府", "未提交", contact="张三", phone="0396-1234567"),
               _Row("=HYPERLINK(\"x\")", "未提交")]
    text = views.missing_csv(missing).decode("utf-8")
    assert text.startswith("\ufeff序号,单位名称") and "城关镇人民政府,政府部门,张三,0396-1234567" in text
    assert "'=HYPERLINK" in text  # a name a spreadsheet would take for a formula stays text
    ws = load_workbook(io.BytesIO(views.missing_xlsx(missing, "示例县未提交名单"))).active
    assert [c.value for c in ws[3]] == [1, "城关镇人民政府", "政府部门", "张三", "0396-1234567"]
    assert ws["B4"].value == "=HYPERLINK(\"x\")" and ws["B4"].data_type == "s"


def test_notice_names_each_problem_its_cell_and_the_remedy() -> None:
    from nianbao.check.sendback import NoticeFile, office_notice

    findings = [{"code": "T3-BALANCE", "severity": "error", "message": "表三 自然人：一 + 二 = 15，（七）总计 + 四 = 12。",
                 "sheet": "表三", "cell": "C7", "remedy": "本年新收加上年结转，必须等于……"},
                {"code": "N-TEXT", "severity": "warning", "message": "正文未提到收费。", "sheet": "正文", "cell": "B9",
                 "remedy": "请核实。"}]
    file = NoticeFile("县自然资源局-2025年报.xlsx", findings, 2025)
    text = "\n".join(office_notice("县自然资源局", [file], contact="县政务公开办 张三 0396-1234567", note="请核对表三",
                                   deadline="2027-01-31"))
    assert "县自然资源局：" in text and "1 处错误、1 处需要核对" in text and "2027-01-31 前" in text
    assert "表三 C7：表三 自然人" in text and "怎么改：本年新收加上年结转" in text
    assert "县里的意见：请核对表三" in text and "联系人：县政务公开办 张三 0396-1234567" in text
