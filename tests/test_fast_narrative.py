"""The narrative rules' quick paths give what the plain ones give: the intro's pattern searched only in the
clauses that hold 部分 finds the matches a search of the whole text finds, and the rules with the quick
paths give the same findings in the same order as with the plain ones, on every text of the workbooks of
tests/ and the samples, the demo county's reports, the 柏城 report and texts made to sit on the edges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.check import narrative
from nianbao.demo import county_reports
from nianbao.form.model import Report
from nianbao.read.reader import read_workbook
from test_narrative import CASES, FEE_CASES, R

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = sorted(p for d in (ROOT / "tests", ROOT / "samples") for p in d.rglob("*")
                   if p.suffix.lower() in (".xlsx", ".xls", ".ods") and p.is_file() and "bad" not in p.parts)
BAICHENG = (ROOT / "tests" / "data" / "reference" / "baicheng-2021.txt").read_text(encoding="utf-8")
EDGES = [
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六部分组成。",
    "本报告由总体情况、主动公开。政府信息情况等5部分组成；报告分为三个部分",  # a list cut by 。
    "部分公开12件；部分。六部分",  # 部分 at the start and in short clauses
    "本报告包括" + "很长的一段话" * 40 + "六部分",  # a list longer than the pattern allows
    "分六部分部分部分，共2部分。本报告由一、二和三共三部分组成",  # several in one clause
    "。；。；部分",
    "",
]


def _reports() -> Iterator[Report]:
    for path in WORKBOOKS:
        report = read_workbook(path).report
        if report is not None:
            yield report
    yield from county_reports()


REPORTS = list(_reports())
#: the rules' own cases (each with the findings it is written for) and the texts of the reports
RULE_CASES = [(R, c[1], c[2]) for c in CASES] + [(c[1], c[2], c[3]) for c in FEE_CASES]
TEXTS = [t for r in REPORTS for t in r.texts.values() if t.strip()] + [t for _r, _s, t in RULE_CASES] + [BAICHENG, *EDGES]


def _plain(c: str) -> Iterator[re.Match[str]]:
    return narrative._INTRO_RE.finditer(c)


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_the_corpus_has_texts() -> None:
    assert len(REPORTS) >= 15 and len(TEXTS) >= 60
    assert sum(bool(_spans(_plain(narrative._nfkc(t)))) for t in TEXTS) >= 5  # intros to find


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_the_intro_is_found_where_a_search_of_the_whole_text_finds_it(text: str) -> None:
    c = narrative._nfkc(text)
    assert _spans(narrative.intro_matches(c)) == _spans(_plain(c))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="本报告由包括分为部分六6个等共总体情况、和。；，", max_size=80))
def test_the_intro_is_found_alike_in_any_text(text: str) -> None:
    assert _spans(narrative.intro_matches(text)) == _spans(_plain(text))


def _findings(monkeypatch: pytest.MonkeyPatch, plain: bool) -> list[list[object]]:
    narrative._nfkc.cache_clear()
    with monkeypatch.context() as m:
        if plain:
            m.setattr(narrative, "intro_matches", _plain)
            m.setattr(narrative, "_nfkc", narrative._nfkc.__wrapped__)
        out: list[list[object]] = [list(narrative.narrative_findings(r, file="x.xlsx")) for r in REPORTS]
        out += [list(narrative.narrative_findings(replace(r, texts={key: t}))) for r, key, t in RULE_CASES]
        out += [list(narrative.narrative_findings(replace(R, texts={"overview.active": t}))) for t in TEXTS]
        out.append(list(narrative.narrative_findings(R, text=BAICHENG)))
    return out


def test_the_findings_are_those_of_the_plain_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    fast, plain = _findings(monkeypatch, plain=False), _findings(monkeypatch, plain=True)
    assert fast == plain
    assert sum(map(len, plain)) >= 40  # findings to compare
