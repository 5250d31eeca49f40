"""What a clerk reads on the pages around the work itself: the dashboard before a roster is imported, and
every error page (a wrong address, a wrong method, a foreign host name, a body over the limit, a bug),
Chinese and saying what to do, never the framework's English."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from inbox_helpers import BACKENDS, db_for
from nianbao.demo import BROKEN_OFFICE
from nianbao.web import WebConfig, create_app
from web_helpers import REPO, SILENT_OFFICE, broken_file, corrected_bytes, csrf_of, roster_csv, sample_files

#: the framework's own words, which a clerk must never read
ENGLISH = ("Not Found", "Method Not Allowed", "Internal Server Error", "Invalid host header", "Bad Request",
           "Payload Too Large", "Content Too Large")


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return db_for(request.param, tmp_path)


def _client(db: str, **config) -> TestClient:
    return TestClient(create_app(WebConfig(db=db, **config)), base_url="http://127.0.0.1", follow_redirects=False,
                      raise_server_exceptions=False)


def _text(html: str) -> str:
    """The page as read: tags removed, the <head> left out."""
    body = html.split("<body>", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _assert_chinese_and_helpful(html: str, *says: str) -> None:
    text = _text(html)
    for english in ENGLISH:
        assert english not in text, text
    assert "出错了" in html and "无法完成" in text
    for part in says:
        assert part in text, text


def test_without_a_roster_the_dashboard_says_so_and_how_to_import_one(db: str) -> None:
    with _client(db) as client:
        text = _text(client.get("/").text)
    missing = text[text.index("未提交名单"):]
    assert "都已提交" not in text and "（0 个）" not in text
    assert "还没有导入名单" in missing and "导入名单" in missing and ".xlsx" in missing
    assert "尚未导入名单" in text  # the totals say it too, not a bare 0 / 0


def test_a_wrong_address_gets_a_chinese_page_saying_what_to_do(db: str) -> None:
    with _client(db) as client:
        r = client.get("/no/such/page")
        assert r.status_code == 404
        _assert_chinese_and_helpful(r.text, "没有这个网页", "网址")
        r = client.get("/o/not-a-token/template.xlsx/more")
        assert r.status_code == 404
        _assert_chinese_and_helpful(r.text, "没有这个网页")
        api = client.get("/api/nothing")
        assert api.status_code == 404 and "没有这个网页" in api.json()["error"]


def test_a_form_address_opened_by_hand_gets_a_chinese_page(db: str) -> None:
    with _client(db) as client:
        r = client.get("/settings")
        assert r.status_code == 405
        _assert_chinese_and_helpful(r.text, "按钮")


def test_a_foreign_host_name_gets_a_chinese_page_with_the_address_to_use(db: str) -> None:
    with _client(db) as client:
        client.post("/settings", data={"csrf": csrf_of(client.get("/").text), "county": "示例县"})
        r = client.get("/", headers={"host": "evil.example:8000"})
    assert r.status_code == 400
    _assert_chinese_and_helpful(r.text, "http://127.0.0.1:", "--host 0.0.0.0")
    assert "示例县" not in r.text and 'name="csrf" value="' not in r.text.replace('value=""', "")


def test_a_body_over_the_limit_gets_a_chinese_page(db: str) -> None:
    with _client(db, max_request_bytes=1000) as client:
        csrf = csrf_of(client.get("/").text)
        r = client.post("/upload", data={"csrf": csrf}, files=[("files", ("大.xlsx", b"x" * 5000))])
    assert r.status_code == 413
    _assert_chinese_and_helpful(r.text, "没有接收", "分几次上传", "每个文件不能超过 20 MB", "选错了文件")


def test_a_bug_gets_a_chinese_page_not_internal_server_error(db: str) -> None:
    with _client(db) as client:
        def broken(*_a, **_k):
            raise RuntimeError("a bug")

        client.app.state.ledger.inbox.status = broken  # type: ignore[attr-defined]
        r = client.get("/")
        assert r.status_code == 500
        _assert_chinese_and_helpful(r.text, "没有完成", "刷新页面")
        api = client.get("/api/status")
        assert api.status_code == 500 and "没有完成" in api.json()["error"]


# -- the county's pages, as a clerk works them: two tabs, a roster with other headings, a notice ----------
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _hidden_fields(html: str, action: str) -> dict[str, str]:
    """The hidden fields of the form posting to ``action`` on a page, as the browser would send them."""
    form = html[html.index(f'action="{action}"'):]
    form = form[:form.index("</form>")]
    return {html_unescape(m.group(1)): html_unescape(m.group(2))
            for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)}


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.fixture
def county(db: str):
    """The county on its own machine with the sample roster and one office's report received."""
    with _client(db) as client:
        csrf = csrf_of(client.get("/").text)
        client.post("/roster", data={"csrf": csrf}, files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        client.post("/settings", data={"csrf": csrf, "county": "示例县", "year": "2025", "deadline": "2099-01-31",
                                       "contact": "县政务公开办 张三 0396-1234567"})
        client.post("/upload", data={"csrf": csrf}, files=[("files", (broken_file().name, broken_file().read_bytes(), XLSX))])
        yield client


def _state(client: TestClient, office: str) -> dict:
    return next(row for row in client.get("/api/status").json() if row["name"] == office)


def test_settings_saved_in_a_second_tab_keep_what_the_first_tab_changed(county: TestClient) -> None:
    stale = county.get("/").text  # a second tab, opened before the contact changes
    first = _hidden_fields(county.get("/").text, "/settings")
    county.post("/settings", data={**first, "county": "示例县", "year": "2025", "deadline": "2099-01-31",
                                   "contact": "县政务公开办 李四 0396-7777777"})
    second = _hidden_fields(stale, "/settings")  # the clerk changes only the deadline there
    assert county.post("/settings", data={**second, "county": "示例县", "year": "2025", "deadline": "2099-02-28",
                                          "contact": "县政务公开办 张三 0396-1234567"}).status_code == 303
    page = county.get("/").text
    assert 'value="县政务公开办 李四 0396-7777777"' in page and "2099-02-28" in page


def test_accept_from_a_page_opened_before_a_new_version_came_is_not_done(county: TestClient) -> None:
    url = "/offices/" + quote(BROKEN_OFFICE)
    page = county.get(url).text  # the clerk looks at version 1 (with its error)
    fields = _hidden_fields(page, url + "/accept")
    county.post("/upload", data={"csrf": fields["csrf"]}, files=[("files", ("改正后.xlsx", corrected_bytes(), XLSX))])
    r = county.post(url + "/accept", data=fields)  # ... and accepts what it has not seen
    assert r.status_code == 409
    text = _text(r.text)
    assert "没有确认" in text and "第 2 版" in text and "请看过后再决定" in text
    assert _state(county, BROKEN_OFFICE)["state"] != "已确认"
    fresh = _hidden_fields(r.text, url + "/accept")  # the page shown is the new one: accepting from it works
    assert county.post(url + "/accept", data=fresh).status_code == 303
    assert _state(county, BROKEN_OFFICE)["state"] == "已确认"


def test_return_from_a_second_tab_after_the_first_accepted_is_not_done(county: TestClient) -> None:
    url = "/offices/" + quote(BROKEN_OFFICE)
    tab_a, tab_b = county.get(url).text, county.get(url).text
    assert county.post(url + "/accept", data=_hidden_fields(tab_a, url + "/accept")).status_code == 303
    r = county.post(url + "/return", data={**_hidden_fields(tab_b, url + "/return"), "note": "请补充表四"})
    assert r.status_code == 409 and "没有退回" in _text(r.text) and "已确认" in _text(r.text)
    assert _state(county, BROKEN_OFFICE)["state"] == "已确认"


def test_an_office_not_yet_reported_says_why_its_buttons_do_nothing(county: TestClient) -> None:
    text = _text(county.get("/offices/" + quote(SILENT_OFFICE[0])).text)
    assert "还没有归到这个单位的报告，收到后才能退回或确认" in text


def _roster_with(phone_heading: str) -> bytes:
    rows = [f"单位名称,单位类别,联系人,{phone_heading}", "县教育局,县直部门,王五,0396-1000001", "县财政局,县直部门,李四,0396-1000002"]
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_a_roster_whose_phone_heading_is_worded_otherwise_is_told(db: str) -> None:
    with _client(db) as client:
        csrf = csrf_of(client.get("/").text)
        client.post("/roster", data={"csrf": csrf}, files=[("roster", ("名单.csv", _roster_with("联系电话（手机）"), "text/csv"))])
        text = _text(client.get("/").text)
        assert "名单里没有读到任何单位的“联系电话”" in text and "重新导入名单" in text
        assert "“联系人”" not in text[text.index("名单里没有读到"):text.index("已收到的报告不受影响")]
        client.post("/roster", data={"csrf": csrf}, files=[("roster", ("名单.csv", _roster_with("联系电话"), "text/csv"))])
        text = _text(client.get("/").text)
    assert "名单里没有读到" not in text and "0396-1000002" in text


def test_the_notice_of_an_office_returned_for_a_note_alone_says_no_problem_was_found(county: TestClient) -> None:
    url = "/offices/" + quote(BROKEN_OFFICE)
    csrf = csrf_of(county.get("/").text)
    county.post("/upload", data={"csrf": csrf}, files=[("files", ("改正后.xlsx", corrected_bytes(), XLSX))])
    county.post(url + "/return", data={"csrf": csrf, "note": "请补充表四的说明"})
    notice = county.get(url + "/notice?download=1").content.decode("utf-8-sig")
    assert "0 处" not in notice and "没有发现错误或需要核对的地方" in notice and "请补充表四的说明" in notice


def _office_link(county: TestClient) -> tuple[str, str, str]:
    """The broken office's page, a CSRF token, and the upload link the county makes for that office."""
    url = "/offices/" + quote(BROKEN_OFFICE)
    csrf = csrf_of(county.get("/").text)
    county.post(url + "/link", data={"csrf": csrf})
    token = re.search(r'id="link-text" readonly value="http://127\.0\.0\.1/o/([A-Za-z0-9_-]+)"', county.get(url).text)
    assert token
    return url, csrf, "/o/" + token.group(1)


def test_an_office_link_says_the_deadline_whom_to_call_and_what_a_return_asks(county: TestClient) -> None:
    url, csrf, link = _office_link(county)
    text = _text(county.get(link).text)
    assert "请于 2099-01-31 前报送" in text and "县政务公开办 张三 0396-1234567" in text and "县里退回了" not in text
    county.post(url + "/return", data={"csrf": csrf, "note": "请核对表三"})
    text = _text(county.get(link).text)
    assert "请核对表三" in text and "县里退回了这一版：请按上面的意见修改后，在下面重新上传" in text


def test_the_summary_page_names_the_offices_whose_errors_or_returned_versions_it_includes(county: TestClient) -> None:
    csrf = csrf_of(county.get("/").text)
    others = [p for p in sample_files() if p != broken_file()]
    county.post("/upload", data={"csrf": csrf}, files=[("files", (p.name, p.read_bytes(), XLSX)) for p in others])
    returned = others[0].name.split("-")[0]
    county.post("/offices/" + quote(returned) + "/return", data={"csrf": csrf, "note": "请核对"})
    text = _text(county.get("/summary").text)
    flagged = text[text.index("注意："):text.index("再下载一次汇总")]
    assert f"当前版本有错误的 1 个：{BROKEN_OFFICE}" in flagged and f"已退回、还没有交来改过的报告的 1 个：{returned}" in flagged
    statuses = county.get("/summary/status.csv").content.decode("utf-8-sig")
    assert BROKEN_OFFICE in statuses and returned in statuses  # ... and the summary does include them
    assert all(f"{name}," not in line or ",是," in line for line in statuses.splitlines() for name in (BROKEN_OFFICE, returned))


def test_an_office_link_says_what_to_do_next_in_every_state(county: TestClient) -> None:
    from nianbao.inbox import STATES

    url, csrf, link = _office_link(county)
    seen = {}

    def look() -> None:
        page = county.get(link).text
        state = re.search(r'id="office-state">([^<]+)<', page)
        step = re.search(r'id="next-step">([^<]+)<', page)
        assert state and step, "the link page says no next step"
        seen[state.group(1)] = step.group(1)

    look()  # 已提交·有错误 (the fixture's upload)
    county.post(url + "/return", data={"csrf": csrf, "note": "请核对"})
    look()
    county.post("/upload", data={"csrf": csrf}, files=[("files", ("改正后.xlsx", corrected_bytes(), XLSX))])
    look()
    county.post(url + "/accept", data={"csrf": csrf})
    look()
    assert "怎么改" in seen["已提交·有错误"] and "按上面的意见修改" in seen["已退回"]
    assert "不需要再上传" in seen["已确认"] and len(set(seen.values())) == len(seen) >= 4
    assert set(seen) <= set(STATES)


def test_the_audit_log_never_holds_the_servers_secret_the_password_hash_or_a_link_token(db: str) -> None:
    from nianbao.web.security import LINK_OFFICE_PREFIX, PASSWORD_KEY, SECRET_KEY

    with _client(db) as client:
        csrf = csrf_of(client.get("/").text)
        client.post("/roster", data={"csrf": csrf}, files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        for _ in range(2):  # a link, then a new one (the old one is cleared)
            client.post("/offices/" + quote(BROKEN_OFFICE) + "/link", data={"csrf": csrf})
        client.app.state.guard.set_password("mima12345")  # type: ignore[attr-defined]
        inbox = client.app.state.ledger.inbox  # type: ignore[attr-defined]
        secrets = [inbox.get_setting(k) for k in (SECRET_KEY, PASSWORD_KEY, LINK_OFFICE_PREFIX + BROKEN_OFFICE)]
        notes = "\n".join(e.note or "" for e in inbox.log())
        links = [e.note for e in inbox.log(BROKEN_OFFICE) if e.action == "上传链接"]
    assert all(secrets) and not any(s in notes for s in secrets)
    assert links == ["生成了本单位的上传链接", "重新生成了上传链接，原来的链接已失效"]  # said, and for whom


OTHER_YEAR = REPO / "samples" / "柏城街道办事处-2021年报.xlsx"  # a 2021 report of an office not on the roster


def test_a_report_of_another_year_and_an_office_off_the_roster_are_said_so_at_upload(county: TestClient) -> None:
    csrf = csrf_of(county.get("/").text)
    r = county.post("/upload", data={"csrf": csrf}, files=[("files", (OTHER_YEAR.name, OTHER_YEAR.read_bytes(), XLSX))])
    verdict = _text(r.text)[_text(r.text).index(OTHER_YEAR.name):]
    assert "这是 2021 年度的报告，县里这次收的是 2025 年度" in verdict and "改交 2025 年度的报告" in verdict
    assert "不在名单中" in verdict and "加进名单后重新导入名单" in verdict
    api = county.post("/api/files", headers={"X-Requested-With": "test"},
                      files=[("files", ("again-" + OTHER_YEAR.name, _another_copy(OTHER_YEAR), XLSX))]).json()
    assert any("2021 年度" in n for n in api["files"][0]["notes"])


def test_a_report_of_the_countys_year_from_a_roster_office_has_no_such_note(county: TestClient) -> None:
    csrf = csrf_of(county.get("/").text)
    r = county.post("/upload", data={"csrf": csrf}, files=[("files", ("改正后.xlsx", corrected_bytes(), XLSX))])
    assert "年度的报告，县里这次收的是" not in r.text and "不在名单中" not in r.text


def _another_copy(path: Path) -> bytes:
    """The same report saved again (other bytes, the same content): a new file to the ledger."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename), compresslevel=1)
    return out.getvalue()


def test_an_upload_posted_without_a_file_says_to_choose_one(county: TestClient) -> None:
    r = county.post("/upload", data={"csrf": csrf_of(county.get("/").text)})
    assert "没有收到文件：请先点“选择文件”" in _text(r.text)


def test_an_office_with_nothing_received_has_no_notice_to_send_back(county: TestClient) -> None:
    url = "/offices/" + quote(SILENT_OFFICE[0])
    assert "查看退回修改通知" not in county.get(url).text
    for r in (county.get(url + "/notice"), county.get(url + "/notice?download=1")):
        text = _text(r.text)
        assert r.status_code == 409 and "还没有收到县财政局的报告" in text and "未提交名单" in text
        assert "0 个文件" not in text


def test_after_the_roster_the_dashboard_says_how_to_collect_the_reports_until_one_comes(db: str) -> None:
    with _client(db) as client:
        csrf = csrf_of(client.get("/").text)
        client.post("/roster", data={"csrf": csrf}, files=[("roster", ("名单.csv", roster_csv(), "text/csv"))])
        text = _text(client.get("/").text)
        assert "第二步" in text and "创建上传链接" in text and "一个 .zip" in text
        client.post("/upload", data={"csrf": csrf}, files=[("files", (broken_file().name, broken_file().read_bytes(), XLSX))])
        assert "第二步" not in _text(client.get("/").text)


@pytest.mark.parametrize("action", ["accept", "return"])
def test_a_double_click_on_accept_or_return_does_it_once_and_says_no_error(county: TestClient, action: str) -> None:
    url = "/offices/" + quote(BROKEN_OFFICE)
    fields = {**_hidden_fields(county.get(url).text, f"{url}/{action}"), "note": "请核对表三"}
    first, second = county.post(f"{url}/{action}", data=fields), county.post(f"{url}/{action}", data=fields)
    assert first.status_code == second.status_code == 303  # the browser shows the page of the second click
    done = [e for e in county.get(f"/api/offices/{quote(BROKEN_OFFICE)}/history").json()["log"]
            if e["action"] in ("确认", "退回")]
    assert len(done) == 1


def test_an_error_on_a_county_page_leads_back_to_the_dashboard_and_on_a_link_not(db: str) -> None:
    with _client(db) as client:
        county_page = client.get("/offices/" + quote("没有的单位"))
        link_page = client.get("/o/not-a-token")
    assert county_page.status_code == 404 and 'href="/" id="home">回到看板' in county_page.text
    assert link_page.status_code == 404 and "回到看板" not in link_page.text  # an office sees nothing of the county
