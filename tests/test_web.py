"""Every route of ``nianbao serve`` in process (Starlette's TestClient) over a real ledger in a temporary
SQLite file and, where NIANBAO_TEST_PG gives a server (CI does), on PostgreSQL: what a county clerk and an
office's clerk would see and download."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from inbox_helpers import BACKENDS, db_for
from nianbao.check.checkfile import check_bytes
from nianbao.demo import BROKEN_OFFICE
from nianbao.web import WebConfig, create_app
from web_helpers import BAD, SILENT_OFFICE, broken_file, corrected_bytes, csrf_of, roster_csv, sample_files

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class County:
    """A browser on the county's machine: a client with its CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.http = client
        self.csrf = csrf_of(client.get("/").text)

    def post(self, url: str, data: dict | None = None, files: list | None = None, **kw):
        return self.http.post(url, data={"csrf": self.csrf, **(data or {})}, files=files, **kw)

    def upload(self, *files: tuple[str, bytes], url: str = "/upload"):
        return self.post(url, files=[("files", (name, data, XLSX)) for name, data in files])

    def upload_paths(self, *paths: Path):
        return self.upload(*((p.name, p.read_bytes()) for p in paths))


def _client(db: str, **config) -> TestClient:
    app = create_app(WebConfig(db=db, **config))
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return db_for(request.param, tmp_path)


@pytest.fixture
def county(db: str):
    with _client(db) as client:
        c = County(client)
        r = c.post("/roster", files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        assert r.status_code == 303, r.text
        c.post("/settings", {"county": "示例县", "year": "2025", "deadline": "2099-01-31"})
        yield c


def _status(c: County) -> dict[str, dict]:
    return {row["name"]: row for row in c.http.get("/api/status").json()}


def test_first_start_asks_for_the_roster_then_lists_it(db: str) -> None:
    with _client(db) as client:
        page = client.get("/").text
        assert "第一步：导入名单" in page
        c = County(client)
        c.post("/roster", files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        page = client.get("/").text
    assert "第一步" not in page
    assert re.search(r'id="submitted">0</span> / <span id="expected">7<', page)
    assert "未提交名单（7 个）" in page and SILENT_OFFICE[0] in page and "0396-7654321" in page


def test_uploads_show_each_verdict_at_its_cell_with_the_remedy(county: County) -> None:
    page = county.upload_paths(*sample_files()).text
    assert page.count('class="verdict card') == 6
    broken = page.split(f'data-file="{broken_file().name}"', 1)[1].split("</article>", 1)[0]
    assert "有错误" in broken and "T3-BALANCE" in broken
    cell = next(f.cell for f in check_bytes(broken_file().read_bytes(), "x.xlsx").findings if f.code == "T3-BALANCE")
    assert f'<td class="where">表三 <b>{cell}</b>' in broken  # at its cell
    assert "怎么改" in page and "本年新收加上年结转" in broken  # the remedy
    assert f'href="/offices/{quote(BROKEN_OFFICE, safe="")}/notice"' in broken
    board = county.http.get("/").text
    assert re.search(r'id="submitted">6</span> / <span id="expected">7<', board)
    assert "未提交名单（1 个）" in board
    states = _status(county)
    assert states[BROKEN_OFFICE]["state"] == "已提交·有错误" and states["县教育局"]["state"] == "已提交·通过"


def test_a_zip_gives_one_verdict_per_workbook_in_it(county: County) -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in sample_files():
            zf.write(p, f"各单位报告/{p.name}")
        zf.writestr("各单位报告/说明.docx", b"PK\x03\x04")
    page = county.upload(("一月份收到的报告.zip", buf.getvalue())).text
    assert page.count('class="verdict card') == 7 and page.count("来自 一月份收到的报告.zip") == 7
    assert "不是 Excel 工作簿（.docx）" in page
    assert sum(s["state"] != "未提交" for s in _status(county).values()) == 6


def test_serve_says_why_it_cannot_open_the_ledger(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from nianbao.cli import app

    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "没有的文件夹" / "x.sqlite3"), "--no-browser"])
    assert r.exit_code == 2 and "没有的文件夹" in r.output and "Traceback" not in r.output


def test_serve_beyond_this_machine_asks_for_the_password_twice_in_chinese(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from nianbao.cli import app

    db = str(tmp_path / "nianbao.sqlite3")
    r = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0", "--no-browser"],
                           input="县政务公开办2027\n县政务公开办2028\n短\n短\n")
    assert "请再输入一次，确认密码" in r.output and "两次输入的密码不一致" in r.output
    assert r.exit_code == 2 and "密码太短" in r.output and "Repeat" not in r.output and "Error" not in r.output


def test_refused_uploads_leave_nothing_in_the_ledger(db: str) -> None:
    with _client(db) as client:
        c = County(client)
        page = c.upload(("说明.txt", b"hello"), ("big.xlsx", b"PK\x03\x04" + b"\0" * (21 * 2**20))).text
        assert "不是 Excel 工作簿" in page and "超过 20 MB" in page and page.count("未接收") == 2
        assert client.get("/api/status").json() == []
    with _client(db, max_request_bytes=5 * 2**20) as client:  # a request over the limit: nothing read
        c = County(client)
        r = c.upload(("a.xlsx", sample_files()[0].read_bytes()), ("b.xlsx", b"PK\x03\x04" + b"\0" * (6 * 2**20)))
        assert r.status_code == 413 and "没有接收任何文件" in r.text
        assert client.get("/api/status").json() == []
    from nianbao.inbox import Inbox

    with Inbox.open(db) as inbox:
        assert [e.action for e in inbox.log() if e.action == "收到"] == []


def test_a_hostile_file_costs_only_itself(county: County) -> None:
    bad = [BAD / "corrupt.xlsx", BAD / "zip-bomb.xlsx", BAD / "word-renamed.xlsx"]
    page = county.upload_paths(*bad, sample_files()[0]).text
    assert page.count("无法读取") >= 3 and page.count('class="verdict card') == 4
    assert "通过" in page.split(f'data-file="{sample_files()[0].name}"', 1)[1].split("</article>", 1)[0]


#: words a clerk knows that the pages may show in Latin letters: programs, file types, the command
KNOWN_WORDS = {"Excel", "WPS", "LibreOffice", "Office", "Word", "PDF", "CSV", "nianbao", "merge",
               "Ctrl", "Alt"}  # the keys a remedy says to press (Ctrl+Alt+F9)


def _latin_words(page: str, names: set[str]) -> set[str]:
    """Words in Latin letters a clerk would read on ``page``: not finding codes (shown beside the Chinese),
    cell addresses, quoted names (a sheet's, an office's), the files' own names and suffixes (.xlsx, .txt),
    or ``KNOWN_WORDS``."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", page, flags=re.S)
    text = html.unescape(text)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"“[^”]*”|\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b|\b[A-Z]{1,3}\d+\b|\.[a-z]{2,5}\b|\b[0-9a-f]{12,64}\b", " ", text)
    return set(re.findall(r"[A-Za-z]{3,}", text)) - KNOWN_WORDS


def test_every_verdict_of_the_hostile_corpus_is_plain_chinese(county: County) -> None:
    bad = sorted(p for p in BAD.rglob("*") if p.is_file())
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as zf:
        for p in bad:
            zf.writestr("收到的/" + p.name, p.read_bytes())
    files = [(p.name, p.read_bytes()) for p in bad] + [("全部.zip", packed.getvalue()), ("坏的.zip", b"PK\x03\x04zz"),
                                                       ("说明.txt", "说明".encode())]
    page = county.upload(*files).text
    names = {n for n, _d in files} | {"收到的/" + p.name for p in bad}
    assert page.count('class="verdict card') >= 2 * len(bad)
    assert _latin_words(page, names) == set()
    for url in ("/", "/summary", "/upload"):
        assert _latin_words(county.http.get(url).text, names) == set(), url
    sent = [row["name"] for row in county.http.get("/api/status").json() if row["version"]]
    assert sent  # the corpus has reports with an office (rows inserted, totals overwritten...)
    for office in sent:
        assert _latin_words(county.http.get(f"/offices/{quote(office)}").text, names) == set(), office


def test_every_form_needs_its_csrf_token(county: County) -> None:
    for url in ("/settings", "/roster", "/upload", f"/offices/{quote(BROKEN_OFFICE)}/accept", "/logout"):
        assert county.http.post(url, data={"deadline": "2099-01-01"}).status_code == 403, url
        assert county.http.post(url, data={"csrf": "0" * 64}).status_code == 403, url
    assert "CSRF" in county.http.post("/settings", data={}).text
    assert county.http.post("/api/files", files=[("files", ("a.xlsx", b"x", XLSX))]).status_code == 403


def test_user_text_is_escaped(db: str) -> None:
    evil = "<script>alert(1)</script>"
    with _client(db) as client:
        c = County(client)
        c.post("/roster", files=[("roster", ("名单.csv", roster_csv(((evil, "县直部门", evil, "1"),)), "text/csv"))])
        page = client.get("/").text
        office = client.get("/offices/" + quote(evil, safe="")).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and evil not in page
    assert "&lt;script&gt;" in office and evil not in office


def test_office_page_versions_changes_return_and_accept(county: County) -> None:
    county.upload_paths(broken_file())
    county.upload((broken_file().name, corrected_bytes()))
    url = "/offices/" + quote(BROKEN_OFFICE, safe="")
    page = county.http.get(url).text
    assert "报送的版本（2 个）" in page and "与上一版相比改动了 2 处" in page
    assert "本年新收" in page.split('class="changes"', 1)[1].split("</table>", 1)[0]
    assert county.post(url + "/return", {"note": ""}).status_code == 400  # a 退回 says what to change
    assert county.post(url + "/return", {"note": "请核对表三第（三）项", "by": "王五"}).status_code == 303  # 经办人
    assert _status(county)[BROKEN_OFFICE]["state"] == "已退回"
    page = county.http.get(url).text
    assert "请核对表三第（三）项" in page and "王五" in page
    notice = county.http.get(url + "/notice").text
    assert "县里的意见：请核对表三第（三）项" in notice and "示例县政府信息公开工作机构" in notice
    county.post("/settings", {"contact": "县政务公开办 张三 0396-1234567"})
    assert "联系人：县政务公开办 张三 0396-1234567" in county.http.get(url + "/notice").text
    county.post(url + "/accept")
    assert _status(county)[BROKEN_OFFICE]["state"] == "已确认"
    assert 'class="state accepted"' in county.http.get("/?state=已确认").text
    assert county.http.get("/offices/" + quote("没有的单位")).status_code == 404


def test_marked_copy_and_notice_download_with_chinese_names(county: County) -> None:
    county.upload_paths(broken_file())
    sha = county.http.get(f"/api/offices/{quote(BROKEN_OFFICE)}/history").json()["versions"][0]["sha256"]
    r = county.http.get(f"/files/{sha}/marked")
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    name = unquote(r.headers["content-disposition"].split("UTF-8''", 1)[1])
    assert name == "县自然资源局-2025年报（问题标注）.xlsx"
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[0] == "问题清单" and "T3-BALANCE" in [c.value for c in wb["问题清单"]["C"]]
    original = county.http.get(f"/files/{sha}/original")
    assert original.content == broken_file().read_bytes()
    text = county.http.get(f"/offices/{quote(BROKEN_OFFICE)}/notice?download=1")
    assert unquote(text.headers["content-disposition"].split("UTF-8''", 1)[1]) == f"退回修改通知-{BROKEN_OFFICE}.txt"
    body = text.content.decode("utf-8-sig")
    assert body.startswith("政府信息公开工作年度报告 退回修改通知") and f"{BROKEN_OFFICE}：" in body
    assert "表三" in body and "怎么改：" in body and "2099-01-31" in body and f"《{broken_file().name}》" in body
    assert county.http.get("/files/../../etc/passwd/original").status_code == 404
    assert county.http.get("/files/" + "0" * 64 + "/original").status_code == 404


def test_missing_list_downloads(county: County) -> None:
    county.upload_paths(*sample_files())
    csv = county.http.get("/missing.csv")
    assert unquote(csv.headers["content-disposition"].split("UTF-8''", 1)[1]) == "示例县未提交名单.csv"
    assert csv.content.decode("utf-8-sig").splitlines()[1:] == [f"1,{','.join(SILENT_OFFICE)}"]
    ws = load_workbook(io.BytesIO(county.http.get("/missing.xlsx").content)).active
    assert [c.value for c in ws[3]] == [1, *SILENT_OFFICE]


def test_summary_equals_nianbao_merge_over_the_same_files(county: County, tmp_path: Path) -> None:
    from nianbao.merge.core import merge_files
    from nianbao.read.roster import read_roster

    county.upload_paths(*sample_files())
    r = county.http.get("/summary/xlsx")
    assert r.status_code == 200
    assert unquote(r.headers["content-disposition"].split("UTF-8''", 1)[1]) == "示例县2025年度汇总.xlsx"
    ours = check_bytes(r.content, "汇总.xlsx").report
    roster = tmp_path / "名单.csv"
    roster.write_bytes(roster_csv())
    theirs = merge_files(sample_files(), roster=read_roster(roster), name="示例县", jobs=1).report
    assert ours is not None and ours.values == theirs.values and ours.level == theirs.level
    assert county.http.get("/api/summary.xlsx").status_code == 200
    docx = county.http.get("/summary/docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "县教育局" in county.http.get("/summary/csv").content.decode("utf-8-sig")
    assert county.http.get("/summary/json").json()
    assert county.http.get("/summary/nothing").status_code == 404
    assert "交来了可读取的报告" in county.http.get("/summary").text


def test_the_summary_is_made_once_until_the_inbox_changes(county: County, db: str) -> None:
    from nianbao.inbox import Inbox

    county.upload_paths(*sample_files())
    first = county.http.get("/summary/xlsx").content
    for kind in ("xlsx", "json", "csv", "docx", "status.csv"):
        assert county.http.get(f"/summary/{kind}").status_code == 200
    assert county.http.get("/api/summary.xlsx").content == first
    with Inbox.open(db) as inbox:
        assert len(inbox.merges()) == 1  # six downloads, one merge
    county.upload((broken_file().name, corrected_bytes()))  # a new version: the summary is made again
    again = check_bytes(county.http.get("/summary/xlsx").content, "汇总.xlsx")
    with Inbox.open(db) as inbox:
        made = inbox.merges()
    assert len(made) == 2 and {v["version"] for v in made[-1]["versions"] if v["office"] == BROKEN_OFFICE} == {2}
    assert again.report is not None and again.report.values != check_bytes(first, "汇总.xlsx").report.values


def test_templates_blank_per_office_and_all(county: County) -> None:
    blank = county.http.get("/templates/blank.xlsx")
    assert blank.status_code == 200 and check_bytes(blank.content, "t.xlsx").report is not None
    one = county.http.get("/templates/office/" + quote(SILENT_OFFICE[0], safe=""))
    report = check_bytes(one.content, "t.xlsx").report
    assert report is not None and report.office == SILENT_OFFICE[0] and report.year == 2025
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(county.http.get("/templates/all.zip").content)).namelist()
    assert len(names) == 7 and f"{SILENT_OFFICE[0]}-2025年报.xlsx" in names


def _new_link(county: County, office: str) -> str:
    url = "/offices/" + quote(office, safe="")
    county.post(url + "/link")
    m = re.search(r'id="link-text" readonly value="http://127\.0\.0\.1/o/([A-Za-z0-9_-]+)"', county.http.get(url).text)
    assert m
    return m.group(1)


def _resaved(path: Path) -> bytes:
    """The same office's report with another phone number: bytes new to the ledger."""
    from dataclasses import replace

    from nianbao.template import build_workbook

    report = check_bytes(path.read_bytes(), path.name).report
    assert report is not None
    data = build_workbook(report.layout, report=replace(report, info={**report.info, "phone": "0396-9999999"}))
    assert data != path.read_bytes()
    return data


def test_office_link_sees_only_its_own_office(county: County) -> None:
    county.upload_paths(*[p for p in sample_files() if p != broken_file()])
    token = _new_link(county, BROKEN_OFFICE)
    page = county.http.get(f"/o/{token}").text
    assert BROKEN_OFFICE in page and "县教育局" not in page and 'href="/"' not in page
    template = county.http.get(f"/o/{token}/template.xlsx")
    assert check_bytes(template.content, "t.xlsx").report.office == BROKEN_OFFICE
    page = county.upload((broken_file().name, broken_file().read_bytes()), url=f"/o/{token}/upload").text
    assert "有错误" in page and "T3-BALANCE" in page and "县教育局" not in page
    fixed = county.upload((broken_file().name, corrected_bytes()), url=f"/o/{token}/upload").text
    assert "记为第 2 版" in fixed and "通过" in fixed
    someone_else = next(p for p in sample_files() if p.name.startswith("县教育局"))
    before = county.http.get(f"/api/offices/{quote('县教育局')}/history").json()["versions"]
    page = county.upload((someone_else.name, _resaved(someone_else)), url=f"/o/{token}/upload").text
    assert "不是本单位“县自然资源局”，没有接收" in page
    assert county.http.get(f"/api/offices/{quote('县教育局')}/history").json()["versions"] == before
    own = county.http.get(f"/api/o/{token}/status").json()
    assert own["office"]["name"] == BROKEN_OFFICE and len(own["versions"]) == 2
    assert own["office"]["state"] == "已提交·通过"
    sha = own["versions"][0]["sha256"]
    assert county.http.get(f"/o/{token}/marked/{sha}").status_code == 200
    other_sha = county.http.get(f"/api/offices/{quote('县教育局')}/history").json()["versions"][0]["sha256"]
    assert county.http.get(f"/o/{token}/marked/{other_sha}").status_code == 404


def test_an_office_link_upload_reads_each_file_once(county: County, monkeypatch: pytest.MonkeyPatch) -> None:
    import nianbao.inbox.verdict as verdicts

    token = _new_link(county, BROKEN_OFFICE)
    reads: list[str] = []
    real = verdicts.check_bytes
    monkeypatch.setattr(verdicts, "check_bytes", lambda data, name: reads.append(name) or real(data, name))
    someone_else = next(p for p in sample_files() if p.name.startswith("县教育局"))
    page = county.upload((broken_file().name, broken_file().read_bytes()), (someone_else.name, someone_else.read_bytes()),
                         url=f"/o/{token}/upload").text
    assert "记为第 1 版" in page and "没有接收" in page
    assert sorted(reads) == sorted([broken_file().name, someone_else.name])  # once each, not again when filed
    assert [v["status"] for v in county.http.get(f"/api/o/{token}/status").json()["versions"]] == ["有错误"]


def test_wrong_or_renewed_link_sees_nothing(county: County) -> None:
    old = _new_link(county, BROKEN_OFFICE)
    new = _new_link(county, BROKEN_OFFICE)
    assert old != new
    for token in (old, "made-up-token", "x" * 500):
        r = county.http.get(f"/o/{token}")
        assert r.status_code == 404 and "链接无效或已失效" in r.text and BROKEN_OFFICE not in r.text
        assert county.http.get(f"/api/o/{token}/status").status_code == 404
        r = county.upload((broken_file().name, broken_file().read_bytes()), url=f"/o/{token}/upload")
        assert r.status_code == 404
    assert county.http.get(f"/o/{new}").status_code == 200
    assert county.http.get(f"/api/offices/{quote(BROKEN_OFFICE)}/history").json()["versions"] == []


def test_api_files_status_and_history(county: County) -> None:
    files = [("files", (p.name, p.read_bytes(), XLSX)) for p in sample_files()]
    r = county.http.post("/api/files", files=files, headers={"X-Requested-With": "test"})
    body = r.json()
    assert r.status_code == 200 and body["summary"]["files"] == 6
    assert body["summary"]["by_status"] == {"通过": 5, "有错误": 1}
    one = next(f for f in body["files"] if f["office"] == BROKEN_OFFICE)
    assert {"path", "status", "errors", "warnings", "findings", "sha256", "version"} <= set(one)
    assert one["findings"][0]["code"] == "T3-BALANCE" and one["findings"][0]["remedy"]
    again = county.http.post("/api/files", files=files[:1], headers={"X-Requested-With": "test"}).json()
    assert again["files"][0]["duplicate"] is True
    rows = county.http.get("/api/status").json()
    assert len(rows) == 7 and {"name", "state", "errors", "warnings", "contact", "phone"} <= set(rows[0])
    hist = county.http.get(f"/api/offices/{quote(BROKEN_OFFICE)}/history").json()
    assert hist["versions"][0]["status"] == "有错误"
    assert county.http.get(f"/api/offices/{quote('没有')}/history").status_code == 404


def test_beyond_this_machine_the_county_logs_in_and_links_still_work(db: str) -> None:
    from nianbao.web.serving import ServeRefused, prepare

    with _client(db) as client:  # set up locally: roster and a link
        c = County(client)
        c.post("/roster", files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        token = _new_link(c, BROKEN_OFFICE)
    app = create_app(WebConfig(db=db, host="0.0.0.0"))
    with pytest.raises(ServeRefused):
        prepare(app, ask=lambda _prompt: "short")
    prepare(app, ask=lambda _prompt: "县政务公开办2027")  # (the client's lifespan closes the ledger)
    assert app.state.guard.password_set
    with TestClient(app, base_url="http://192.168.1.20:8000", follow_redirects=False) as client:
        assert client.get("/").headers["location"].startswith("/login")
        assert client.get("/api/status").status_code == 401
        assert client.get(f"/offices/{quote(BROKEN_OFFICE)}").status_code == 303
        assert client.get(f"/o/{token}").status_code == 200  # the office's link needs no password
        csrf = csrf_of(client.get("/login").text)
        assert client.post("/login", data={"csrf": csrf, "password": "wrong", "next": "/"}).status_code == 403
        r = client.post("/login", data={"csrf": csrf, "password": "县政务公开办2027", "next": "//evil.example/"})
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert client.get("/").status_code == 200 and client.get("/api/status").status_code == 200
    again = create_app(WebConfig(db=db, host="0.0.0.0"))
    stored = again.state.guard
    assert stored.password_set and stored.check_password("县政务公开办2027")
    again.state.ledger.close()


def test_an_office_link_carries_the_address_other_computers_reach(db: str) -> None:
    from nianbao.web.security import reachable_address
    from nianbao.web.serving import prepare

    with _client(db) as client:  # on this machine only: the page says the link will not open elsewhere
        c = County(client)
        c.post("/roster", files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        token = _new_link(c, BROKEN_OFFICE)
        assert "其他单位打不开这个链接" in client.get(f"/offices/{quote(BROKEN_OFFICE)}").text
    app = create_app(WebConfig(db=db, host="0.0.0.0"))
    prepare(app, ask=lambda _prompt: "县政务公开办2027")
    with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as client:  # the clerk's own PC
        csrf = csrf_of(client.get("/login").text)
        client.post("/login", data={"csrf": csrf, "password": "县政务公开办2027", "next": "/"})
        page = client.get(f"/offices/{quote(BROKEN_OFFICE)}").text
    link = re.search(r'id="link-text" readonly value="([^"]+)"', page)
    assert link and link.group(1) == f"http://{reachable_address('0.0.0.0')}:8000/o/{token}"
    assert "127.0.0.1" not in link.group(1) and "其他单位打不开" not in page


def test_on_this_machine_other_host_names_are_refused(tmp_path: Path) -> None:
    app = create_app(WebConfig(db=str(tmp_path / "nianbao.sqlite3")))
    with TestClient(app, base_url="http://evil.example") as client:
        assert client.get("/").status_code == 400  # a rebound DNS name cannot read the county's pages
    with TestClient(app, base_url="http://localhost:8000") as client:
        r = client.get("/")
        assert r.status_code == 200 and r.headers["x-frame-options"] == "DENY"
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert client.get("/static/nianbao.js").status_code == 200


def test_settings_refuse_a_wrong_date(county: County) -> None:
    r = county.post("/settings", {"deadline": "31/01/2027"})
    assert r.status_code == 400 and "不是日期" in r.text
    county.post("/settings", {"deadline": "2000-01-01"})
    assert "已过截止日期" in county.http.get("/").text


def test_the_page_opens_on_the_demo_inbox(tmp_path: Path) -> None:
    from nianbao.demo import run_demo
    from nianbao.demo.inbox import DEMO_DB

    lines = list(run_demo(tmp_path / "演示"))
    assert any(f"nianbao serve --db {tmp_path / '演示' / DEMO_DB}" in line for line in lines)
    app = create_app(WebConfig(db=str(tmp_path / "演示" / DEMO_DB)))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        page = client.get("/").text
        assert re.search(r'id="submitted">6</span> / <span id="expected">6<', page)
        office = client.get("/offices/" + quote(BROKEN_OFFICE, safe="")).text
        assert "已确认" in office and "报送的版本（2 个）" in office and "退回" in office


def test_a_file_with_no_office_name_sent_through_an_offices_link_is_that_offices(county: County) -> None:
    """The link says whose file it is: a report whose 单位名称 was left blank is filed as that office's
    version (with the blank name still an error to put right), not as a file of no office while the
    dashboard goes on calling the office 未交."""
    from dataclasses import replace

    from nianbao.template import build_workbook
    from web_helpers import corrected_report

    fixed = corrected_report()
    blank = build_workbook(fixed.layout, report=replace(fixed, info={**fixed.info, "office": ""}))
    token = _new_link(county, BROKEN_OFFICE)
    page = county.upload(("年报.xlsx", blank), url=f"/o/{token}/upload").text
    assert "记为第 1 版" in page and "单位名称" in page
    own = county.http.get(f"/api/o/{token}/status").json()
    assert len(own["versions"]) == 1 and own["office"]["state"] != "未提交"
    assert _status(county)[BROKEN_OFFICE]["state"] != "未提交"


def test_making_and_renewing_a_link_is_in_the_offices_log_without_the_token(county: County) -> None:
    first = _new_link(county, BROKEN_OFFICE)
    second = _new_link(county, BROKEN_OFFICE)
    page = county.http.get("/offices/" + quote(BROKEN_OFFICE, safe="")).text
    assert "生成了本单位的上传链接" in page and "重新生成了上传链接，原来的链接已失效" in page
    assert first not in page  # the old token is nowhere; the new one only in the link box
    assert page.count(second) == 1
    assert county.http.get(f"/o/{first}").status_code == 404 and county.http.get(f"/o/{second}").status_code == 200


# -- what acceptance reviewers found (stop 29) -----------------------------------------------------------
def test_what_an_office_link_refused_is_in_the_office_log(county: County) -> None:
    """Another office's report, or a Word file, sent through an office's own link is not taken; the county
    saw nothing of it (its log said only 生成了本单位的上传链接) and chased the office as 未提交."""
    token = _new_link(county, BROKEN_OFFICE)
    someone_else = next(p for p in sample_files() if p.name.startswith("县教育局"))
    county.upload((someone_else.name, someone_else.read_bytes()), ("说明.docx", b"PK\x03\x04 word"),
                  url=f"/o/{token}/upload")
    log = county.http.get("/offices/" + quote(BROKEN_OFFICE, safe="")).text.split('id="log"', 1)[-1]
    assert log.count("拒收") == 2 and someone_else.name in log and "说明.docx" in log
    assert "不是本单位“县自然资源局”" in log and "不是 Excel 工作簿" in log
    assert "拒收" not in county.http.get("/offices/" + quote("县教育局", safe="")).text


def test_a_lock_file_and_a_zip_in_a_zip_are_named_for_what_they_are(county: County) -> None:
    """A reviewer's finding: WPS's lock file ~$….xlsx was called 已损坏 (请在 Excel 或 WPS 中打开确认…), and a
    .zip inside the uploaded .zip 不是 Excel 工作簿（.zip）."""
    import zipfile

    page = county.upload(("~$县教育局-2025年报.xlsx", b"\x0b" + "李四".encode("utf-16-le") + bytes(140))).text
    assert "锁定文件" in page and "已损坏" not in page
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("县教育局-2025年报.xlsx", sample_files()[0].read_bytes())
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("内层.zip", inner.getvalue())
    page = county.upload(("嵌套.zip", outer.getvalue())).text
    assert "压缩包里的压缩包" in page and "请先把它解压" in page and "不是 Excel 工作簿" not in page


def test_confirming_a_report_with_errors_asks_first_and_its_errors_stay_on_the_summary_page(county: County) -> None:
    """A reviewer's finding: 确认 a report with errors gave no warning, and the summary page's list of the
    offices whose current version has errors then left it out, though the summary still sums its errors."""
    county.upload_paths(broken_file())
    url = "/offices/" + quote(BROKEN_OFFICE, safe="")
    page = county.http.get(url).text
    button = page.split('id="accept-form"', 1)[1].split("</form>", 1)[0]
    assert "data-confirm=" in button and "处错误" in button and "通常应先退回" in button
    county.post(url + "/accept")
    assert _status(county)[BROKEN_OFFICE]["state"] == "已确认"
    flagged = county.http.get("/summary").text.split('id="flagged"', 1)[1].split("</div>", 1)[0]
    assert "当前版本有错误的" in flagged and BROKEN_OFFICE in flagged


def test_the_same_report_sent_again_does_not_undo_a_return(county: County) -> None:
    """A reviewer's finding: an office 退回 sent the same figures again (saved as another file) and was no
    longer 已退回 (the 退回 note gone from its page and from the summary page's list)."""
    import zipfile

    county.upload_paths(broken_file())
    url = "/offices/" + quote(BROKEN_OFFICE, safe="")
    county.post(url + "/return", {"note": "请核对表三"})
    repacked = io.BytesIO()  # the same workbook, its parts stored rather than deflated: other bytes, same report
    with zipfile.ZipFile(broken_file()) as src, zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    again = repacked.getvalue()
    assert again != broken_file().read_bytes()
    page = county.upload(("县自然资源局-重报.xlsx", again)).text
    assert "没有改动" in page and "仍为“已退回”" in page
    assert _status(county)[BROKEN_OFFICE]["state"] == "已退回"
    assert "请核对表三" in county.http.get(url).text
    county.upload(("县自然资源局-改正.xlsx", corrected_bytes()))
    assert _status(county)[BROKEN_OFFICE]["state"] == "已提交·通过"  # a changed report reopens it, as before


def test_the_marked_copy_of_another_years_report_marks_its_year(county: County) -> None:
    """A reviewer's finding: the county collects 2025; the marked copy of a 2024 report said 没有发现问题 while
    its notice listed INBOX-OTHER-YEAR and said the copy was marked."""
    from dataclasses import replace

    from nianbao.template import build_workbook

    report = check_bytes(sample_files()[0].read_bytes(), "x.xlsx").report
    old = build_workbook(report.layout, report=replace(report, info={**report.info, "year": "2024"}))
    county.upload((f"{report.office}-2024年报.xlsx", old))
    sha = county.http.get(f"/api/offices/{quote(report.office)}/history").json()["versions"][-1]["sha256"]
    r = county.http.get(f"/files/{sha}/marked")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    issues = " ".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value)
    assert "2024" in issues and "县里这次收取的是 2025 年度" in issues and "没有发现问题" not in issues


def test_a_damaged_file_sent_through_an_office_link_is_in_that_offices_log_and_row(county: County) -> None:
    """A reviewer's finding: a damaged file an office sent through its own link was in neither 收到 nor 拒收 of
    its log. It is kept, filed under no office, and said on the office's page and row."""
    token = _new_link(county, SILENT_OFFICE[0])
    county.upload(("年报.xlsx", (BAD / "corrupt.xlsx").read_bytes()), url=f"/o/{token}/upload")
    page = county.http.get("/offices/" + quote(SILENT_OFFICE[0], safe="")).text
    log = page.split('id="log"', 1)[-1]
    assert "收到（未归入）" in log and "年报.xlsx" in log
    assert "是通过本单位的上传链接交来的" in page
    row = county.http.get("/").text.split(f'data-office="{SILENT_OFFICE[0]}"', 1)[1].split("</tr>", 1)[0]
    assert "收到的文件未归入" in row
    bundle = io.BytesIO()  # in a .zip sent through the link: the same
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("第二份.xlsx", (BAD / "corrupt.xlsx").read_bytes()[:-40])
    county.upload(("打包.zip", bundle.getvalue()), url=f"/o/{token}/upload")
    note = county.http.get("/offices/" + quote(SILENT_OFFICE[0], safe="")).text.split('class="message"', 1)[1]
    assert "第二份.xlsx" in note.split("</p>", 1)[0]  # in the office's note, not only in its log
