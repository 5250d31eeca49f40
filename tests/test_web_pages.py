"""What a clerk reads on the pages around the work itself: the dashboard before a roster is imported, and
every error page (a wrong address, a wrong method, a foreign host name, a body over the limit, a bug),
Chinese and saying what to do, never the framework's English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from inbox_helpers import BACKENDS, db_for
from nianbao.web import WebConfig, create_app
from web_helpers import csrf_of

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
    _assert_chinese_and_helpful(r.text, "没有接收", "分几次上传")


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
