"""A clerk's whole January in a real browser (Debian's headless chromium, driven by Selenium) against
``nianbao serve`` started as a clerk starts it, on a free port over a temporary SQLite ledger.

Screenshots go to a temporary folder; with ``NIANBAO_SCREENSHOTS=docs`` they replace ``docs/web-*.png``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from nianbao.check.checkfile import check_file
from nianbao.demo import BROKEN_OFFICE, COUNTY
from web_helpers import BAD, REPO, SILENT_OFFICE, broken_file, corrected_bytes, roster_csv, sample_files

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                       reason="chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``nianbao serve`` in its own process, as the clerk runs it (without opening a browser)."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "nianbao", "serve", "--db", str(tmp_path / "nianbao.sqlite3"),
                                 "--port", str(port), "--no-browser"], env=env, cwd=tmp_path, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(log.read_text(encoding="utf-8", errors="replace")) from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=zh-CN", "--disable-gpu"):
        options.add_argument(arg)
    downloads = tmp_path / "下载"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "intl.accept_languages": "zh-CN,zh"})
    from selenium.webdriver.chrome.service import Service

    # a Chinese clerk's browser: its own words (file pickers, dates) in Chinese too
    service = Service(CHROMEDRIVER, env={**os.environ, "LANGUAGE": "zh_CN"})
    driver = webdriver.Chrome(service=service, options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver, name: str, tmp_path: Path) -> Path:
    """A screenshot of the whole page (at most 2,400 pixels tall)."""
    import base64

    folder = REPO / "docs" if os.environ.get("NIANBAO_SCREENSHOTS") == "docs" else tmp_path
    width, height = driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollHeight]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 2400), "scale": 1}})
    path = folder / f"web-{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _wait(driver, seconds: float = 60) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def _shows(locator: tuple[str, str], text: str):
    """A wait condition: the element at ``locator`` shows ``text``. While the page is being replaced (a
    form sent, a refresh), the element may be gone or belong to the old document; chromium then answers
    "Node with given id does not belong to the document", which Selenium's own condition lets through."""
    def shown(driver) -> bool:
        try:
            return text in driver.find_element(*locator).text
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return False
            raise
    return shown


def _upload(driver, paths: list[Path]) -> None:
    """Choose files in the upload form and send them; wait until every verdict is shown."""
    driver.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in paths))
    driver.find_element(By.ID, "send").click()
    _wait(driver, 120).until(_shows((By.ID, "progress-text"),
                                                              f"全部 {len(paths)} 个文件已检查完毕"))


def _verdict(driver, name: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f'article.verdict[data-file="{name}"]').text


def _state_on_dashboard(driver, url: str, office: str) -> str:
    driver.get(url + "/")
    row = driver.find_element(By.CSS_SELECTOR, f'tr[data-office="{office}"]')
    return row.find_element(By.CSS_SELECTOR, ".state").text


def test_a_clerks_january(server: str, browser, tmp_path: Path) -> None:
    d = browser
    # the county sets up: roster, name, year, deadline
    d.get(server + "/")
    assert "第一步：导入名单" in d.page_source
    roster = tmp_path / "名单.csv"
    roster.write_bytes(roster_csv())
    d.find_element(By.CSS_SELECTOR, 'form[action="/roster"] input[type=file]').send_keys(str(roster))
    d.find_element(By.CSS_SELECTOR, 'form[action="/roster"] button').click()
    _wait(d).until(_shows((By.ID, "expected"), "7"))
    form = d.find_element(By.CSS_SELECTOR, 'form[action="/settings"]')
    form.find_element(By.NAME, "county").send_keys(COUNTY)
    form.find_element(By.NAME, "year").send_keys("2025")
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    d.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "deadline"), deadline)
    form.find_element(By.TAG_NAME, "button").click()
    _wait(d).until(_shows((By.CSS_SELECTOR, ".brand"), "示例县2025年度"))
    assert d.find_element(By.ID, "days-left").text == "20"

    # a personal upload link for the office whose report has an error
    d.get(server + "/")
    d.find_element(By.LINK_TEXT, BROKEN_OFFICE).click()
    d.find_element(By.CSS_SELECTOR, "#link button").click()
    link = _wait(d).until(ec.presence_of_element_located((By.ID, "link-text"))).get_attribute("value")
    assert link.startswith(server + "/o/")

    # the office opens its link, uploads its file, sees the error at its cell, uploads the fix
    d.delete_all_cookies()  # the office's own browser: nothing of the county's
    d.get(link)
    assert BROKEN_OFFICE in d.find_element(By.TAG_NAME, "h1").text
    assert "县教育局" not in d.page_source and "看板" not in d.page_source
    _upload(d, [broken_file()])
    verdict = _verdict(d, broken_file().name)
    assert "有错误" in verdict and "T3-BALANCE" in verdict and "怎么改" in verdict
    _wait(d).until(_shows((By.ID, "office-state"), "已提交·有错误"))  # refreshed
    _shot(d, "link", tmp_path)
    fixed = tmp_path / "改正后" / broken_file().name
    fixed.parent.mkdir()
    fixed.write_bytes(corrected_bytes())
    _upload(d, [fixed])
    assert "记为第 2 版" in _verdict(d, fixed.name) and "通过" in _verdict(d, fixed.name)

    # the county uploads the other offices' files and a broken one at once
    others = [p for p in sample_files() if p != broken_file()]
    d.get(server + "/upload")
    _upload(d, [*others, BAD / "corrupt.xlsx"])
    assert "无法读取" in _verdict(d, "corrupt.xlsx")
    assert all("通过" in _verdict(d, p.name) for p in others)
    _shot(d, "upload", tmp_path)

    # the dashboard: 6 of 7, the fixed office passes; the silent one is on the 未提交名单
    assert _state_on_dashboard(d, server, BROKEN_OFFICE) == "已提交·通过"
    assert d.find_element(By.ID, "submitted").text == "6" and d.find_element(By.ID, "expected").text == "7"
    assert SILENT_OFFICE[0] in d.find_element(By.ID, "missing-text").get_attribute("value")
    _shot(d, "dashboard", tmp_path)

    # the county returns the office with a note, sees the state change, then accepts
    d.find_element(By.LINK_TEXT, BROKEN_OFFICE).click()
    assert "与上一版相比改动了 2 处" in d.page_source
    d.find_element(By.CSS_SELECTOR, "#return-form textarea").send_keys("请核对表三第（三）项后重报")
    d.find_element(By.CSS_SELECTOR, "#return-form button").click()
    _wait(d).until(_shows((By.ID, "office-state"), "已退回"))
    assert _state_on_dashboard(d, server, BROKEN_OFFICE) == "已退回"
    d.find_element(By.LINK_TEXT, BROKEN_OFFICE).click()
    _shot(d, "office", tmp_path)
    d.find_element(By.CSS_SELECTOR, "#accept-form button").click()
    _wait(d).until(_shows((By.ID, "office-state"), "已确认"))
    assert _state_on_dashboard(d, server, BROKEN_OFFICE) == "已确认"

    # the summary, downloaded by the browser under its Chinese name, equals nianbao merge over the same files
    d.get(server + "/summary")
    _shot(d, "summary", tmp_path)
    d.find_element(By.CSS_SELECTOR, 'a[href="/summary/xlsx"]').click()
    target = d.downloads / "示例县2025年度汇总.xlsx"
    _wait(d).until(lambda _d: target.exists() and target.stat().st_size > 0)
    from nianbao.merge.core import merge_files
    from nianbao.read.roster import read_roster

    merged = merge_files([*others, fixed], roster=read_roster(roster), name=COUNTY, jobs=1)
    ours = check_file(target).report
    assert ours is not None and ours.values == merged.report.values


def _import_roster(d, server: str, tmp_path: Path) -> None:
    d.get(server + "/")
    roster = tmp_path / "名单.csv"
    roster.write_bytes(roster_csv())
    d.find_element(By.CSS_SELECTOR, 'form[action="/roster"] input[type=file]').send_keys(str(roster))
    d.find_element(By.CSS_SELECTOR, 'form[action="/roster"] button').click()
    _wait(d).until(_shows((By.ID, "expected"), "7"))


def test_in_a_narrow_window_every_column_of_the_dashboard_can_be_reached(server: str, browser, tmp_path: Path) -> None:
    d = browser
    _import_roster(d, server, tmp_path)
    d.set_window_size(500, 900)
    d.get(server + "/")
    table = d.find_element(By.ID, "offices")
    page_wide = d.execute_script("return document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not page_wide  # the page itself does not scroll sideways (a clerk would not find the columns)
    assert d.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", table)  # the table does
    phone = table.find_element(By.XPATH, ".//th[text()='联系电话']")
    d.execute_script("arguments[0].scrollIntoView({inline: 'end'})", phone)
    right = d.execute_script("return arguments[0].getBoundingClientRect().right", phone)
    assert right <= d.execute_script("return document.documentElement.clientWidth") + 1  # scrolled to, in sight


def test_an_upload_refused_by_the_server_shows_the_servers_chinese_reason(server: str, browser, tmp_path: Path) -> None:
    d = browser
    d.get(server + "/upload")
    d.delete_all_cookies()  # the page stays open while its cookie is gone (the browser was cleaned meanwhile)
    _upload(d, [broken_file()])
    verdict = _verdict_refused(d, broken_file().name)
    assert "请刷新页面后重试" in verdict and "CSRF" in verdict  # what the server said, not only a status code


def _verdict_refused(driver, name: str) -> str:
    return next(a.text for a in driver.find_elements(By.CSS_SELECTOR, "article.verdict.refused") if name in a.text)


def test_after_a_zip_the_progress_line_says_its_files_are_listed_one_by_one(server: str, browser, tmp_path: Path) -> None:
    import zipfile

    d = browser
    packed = tmp_path / "几个单位.zip"
    with zipfile.ZipFile(packed, "w") as zf:
        for p in sample_files()[:2]:
            zf.write(p, p.name)
    d.get(server + "/upload")
    _upload(d, [packed])
    assert len(d.find_elements(By.CSS_SELECTOR, "article.verdict")) == 2
    assert "共 2 项" in d.find_element(By.ID, "progress-text").text  # not only "全部 1 个文件" beside 2 verdicts


def test_upload_with_no_file_chosen_says_to_choose_one(server: str, browser, tmp_path: Path) -> None:
    d = browser
    d.get(server + "/upload")
    d.find_element(By.ID, "send").click()
    assert "还没有选择文件" in d.find_element(By.ID, "chosen").text  # not a button that does nothing


def test_confirming_a_report_with_errors_asks_first(server: str, browser, tmp_path: Path) -> None:
    """确认 a report with errors: the browser asks first (a reviewer confirmed one without a word); cancelled,
    nothing changes; accepted, the office is 已确认 and the summary page still lists its errors."""
    from selenium.webdriver.common.alert import Alert

    d = browser
    _import_roster(d, server, tmp_path)
    d.get(server + "/upload")
    _upload(d, [broken_file()])
    d.get(server + "/")
    d.find_element(By.LINK_TEXT, BROKEN_OFFICE).click()
    assert "当前版本有" in d.find_element(By.ID, "accept-errors").text
    d.find_element(By.CSS_SELECTOR, "#accept-form button").click()
    alert = _wait(d, 10).until(ec.alert_is_present())
    assert "处错误" in alert.text and "确定要确认吗" in alert.text
    Alert(d).dismiss()
    assert "已提交·有错误" in d.find_element(By.ID, "office-state").text  # cancelled: not sent
    d.find_element(By.CSS_SELECTOR, "#accept-form button").click()
    _wait(d, 10).until(ec.alert_is_present())
    Alert(d).accept()
    _wait(d).until(_shows((By.ID, "office-state"), "已确认"))
    d.get(server + "/summary")
    assert BROKEN_OFFICE in d.find_element(By.ID, "flagged").text
