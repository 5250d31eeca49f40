"""The narrative rules: what an assessor marks down in the text of a report (warnings).

- Structure of a published document (``text``): the six parts present (NARR-PART-MISSING), in order
  (NARR-PART-ORDER), with the official headings (NARR-PART-HEADING); 一 has its five sub-items
  (NARR-SUB-MISSING); no part empty (NARR-PART-EMPTY). In any text, an intro that says it has 六部分 lists
  six (NARR-INTRO-PARTS).
- Leftovers of a template (NARR-LEFTOVER: XX, ××, X条, （ ）, 【】, □, an empty 电话：), a wrong or mangled
  citation of the format notice (NARR-CITATION), a title or a statistics period of another year than the
  report's (NARR-YEAR).
- Claims of none (NARR-NONE): 未收到/没有/无 政府信息公开申请, 未发生 行政复议/行政诉讼 while the tables have some.
- The fee (NARR-FEE): 六's 未收取信息处理费 while 表三 counts applications whose applicant did not pay after a
  收费通知 (the one fee figure of the tables: 表二's 行政事业性收费 is the organ's administrative fees, another fee).
- Percentages (NARR-PERCENT): "予以公开 42 件，占 42.86%" is the table's share.
- Sameness: against last year's report of the same office (NARR-SAME-YEAR above ``SAME_SHARE``, NARR-COPY-YEAR
  above ``COPY_SHARE``), and between two offices of one merge (NARR-SAME-OFFICE above ``OFFICE_SHARE``).

The measure of sameness: both texts are compared with their figures masked (a copy with this year's figures
typed in is still a copy) and without whitespace and punctuation (a copy whose ，are made ；or whose
sentences are joined is still a copy); the share is the part of this year's characters that lie in a run of
at least ``RUN`` characters found anywhere in the other text (in any order: paragraphs moved about are still
copied). A rewritten report shares only stock phrases shorter than that.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from nianbao.form import narrative_phrases as phrases
from nianbao.form.common import OTHER_MATTERS_PART, PART_HEADINGS
from nianbao.form.filenames import same_office_name
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.sheets import DRAFT_MARK, LEVEL_SUMMARY, TEXT_SHEET, text_cell
from nianbao.form.spec import LayoutSpec, Number, TextSectionSpec
from nianbao.wording import check as words

__all__ = ["COPY_SHARE", "OFFICE_SHARE", "SAME_SHARE", "against_previous", "empty_text_findings", "intro_matches", "narrative_findings", "opening_findings", "result_total", "same_offices", "sameness",
           "structure_findings"]

SAME_SHARE, COPY_SHARE, OFFICE_SHARE = 0.5, 0.9, 0.9
#: the shortest run of characters (figures masked, no punctuation) that counts as taken from the other text:
#: longer than the stock phrases every report has (政府信息公开申请 is 8)
RUN = 10
#: a narrative shorter than this (masked) is not compared: "无。", "一是加强领导。"
MIN_TEXT = 16


@functools.lru_cache(maxsize=256)
def _nfkc(text: str) -> str:
    """``text`` NFKC-normalised without whitespace (kept for the last texts: each rule normalises the same
    few sections)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# -- structure of a published document ------------------------------------------------------------------------

_PART_RE = re.compile(phrases.PART_LINE)
_SUB_RE = re.compile(phrases.SUB_LINE)


def _headings(lines: Sequence[str]) -> list[tuple[int, str, str]]:
    """(line index, numeral, canonical heading) of the part headings: short lines starting 一、 … 六、 that
    name their part (its first words, or most of its official heading), not a numbered row of a table
    (表三's 一、本年新收…) or of the text."""
    out = []
    for i, line in enumerate(lines):
        c = _nfkc(line)
        m = _PART_RE.match(c)
        if not m or "。" in c or any(ch.isdigit() for ch in m.group(2)):
            continue
        official = _nfkc(PART_HEADINGS[m.group(1)])
        core = official.split("、", 1)[1]
        if core[:4] in c or difflib.SequenceMatcher(None, c, official).ratio() >= 0.7:
            out.append((i, m.group(1), f"{m.group(1)}、{m.group(2)}"))
    return out


def structure_findings(text: str, file: str = "") -> list[Finding]:
    """The structure rules on the text of a published document (its lines, tables flattened)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    heads = _headings(lines)
    out: list[Finding] = []
    seen = [n for _i, n, _h in heads]
    for numeral, official in PART_HEADINGS.items():
        if numeral not in seen:
            out.append(make("NARR-PART-MISSING", file=file, row_label=official, heading=official))
    order = list(PART_HEADINGS)
    present = [n for n in order if n in seen]
    first_seen = list(dict.fromkeys(seen))
    if first_seen != present:
        out.append(make("NARR-PART-ORDER", file=file, expected="、".join(present), actual="、".join(first_seen)))
    for k, (i, numeral, heading) in enumerate(heads):
        official = PART_HEADINGS[numeral]
        if _nfkc(heading).rstrip(":：") != _nfkc(official):
            out.append(make("NARR-PART-HEADING", file=file, row_label=official, expected=official, actual=heading))
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        body = lines[i + 1:end]
        if numeral in phrases.NARRATIVE_PARTS and not any(not _SUB_RE.match(_nfkc(b)) or len(b) > 40 for b in body):
            out.append(make("NARR-PART-EMPTY", file=file, row_label=official, heading=official))
        if numeral == phrases.OVERVIEW_PART:
            out += _sub_items(body, file)
    return out


def _sub_items(body: Sequence[str], file: str) -> list[Finding]:
    subs = [m.group(2).rstrip("。：:；;，,") for m in (_SUB_RE.match(_nfkc(b)) for b in body if len(b) <= 40) if m]
    missing = [name for name, names in phrases.SUB_ITEMS if not any(any(w in s for w in names) for s in subs)]
    if not missing:
        return []
    return [make("NARR-SUB-MISSING", file=file, row_label=PART_HEADINGS[phrases.OVERVIEW_PART], missing="、".join(missing),
                 found="、".join(subs) or words.NO_SUB_HEADINGS)]


# -- the 正文 of a workbook: parts and sub-items left empty -----------------------------------------------------

def empty_text_findings(report: Report, file: str = "") -> list[Finding]:
    """What a workbook's 正文 leaves empty, each at its cell: a narrative part (一, 五, 六) without any text
    (NARR-PART-EMPTY, at its first cell); one of 一's five sub-items without text while others have some
    (NARR-SUB-MISSING, one per sub-item). Not on a summary, whose narrative the county writes later, and
    only when 正文 is partly filled: a workbook with none of it written is one whose figures are being
    checked first (most workbooks a clerk checks while filling the tables; the test suite's too)."""
    secs = report.layout.text_sections
    filled = {s.key for s in secs if report.texts.get(s.key, "").strip()}
    if report.level == LEVEL_SUMMARY or not filled:
        return []
    out = _only_none(report, [s for s in secs if s.key in filled], file)
    for numeral in dict.fromkeys(s.part for s in secs):
        out += _part_left_empty(report, numeral, [s for s in secs if s.part == numeral], filled, file)
    return out


def _part_left_empty(report: Report, numeral: str, part: Sequence[TextSectionSpec], filled: set[str],
                     file: str) -> list[Finding]:
    """NARR-PART-EMPTY for a part with no text at all; else what of its sub-items (一) or items (六) is empty."""
    official = PART_HEADINGS[numeral]
    if not any(s.key in filled for s in part):
        return [make("NARR-PART-EMPTY", file=file, row_label=official, heading=official, **_at(report, part[0].key))]
    if numeral == phrases.OVERVIEW_PART:
        found = "、".join(s.heading for s in part if s.key in filled)
        return [make("NARR-SUB-MISSING", file=file, row_label=s.heading, missing=s.heading, found=found,
                     **_at(report, s.key)) for s in part if s.key not in filled]
    if numeral == OTHER_MATTERS_PART:
        return _items_left_empty(report, [s for s in part if s.is_sub], filled, file)
    return []


def _only_none(report: Report, written: Sequence[TextSectionSpec], file: str) -> list[Finding]:
    """NARR-ONLY-NONE: a section of 一 or 五 written as "无。" alone (其他 of 六 may be 无). Not where NARR-NONE
    says more: （二）依申请公开 "无。" while 表三 has applications."""
    out = []
    for s in written:
        text = _nfkc(report.texts[s.key])
        if s.part not in phrases.NOT_NONE_PARTS or not _NONE_ALONE.match(text):
            continue
        if phrases.REQUEST_SECTION in s.heading and _total(report.layout, report.values, _NONE_CLAIMS[0][1]):
            continue
        out.append(make("NARR-ONLY-NONE", file=file, row_label=s.heading, section=s.heading, quote=text,
                        **_at(report, s.key)))
    return out


def _items_left_empty(report: Report, items: Sequence[TextSectionSpec], filled: set[str], file: str) -> list[Finding]:
    """NARR-ITEM-EMPTY: one of 六's items (收费, 工作要点, 建议提案, 创新) without text while others have some
    (an office that writes none of them writes 六 as one text, which is allowed)."""
    found = [s.heading for s in items if s.key in filled]
    if not found:
        return []
    return [make("NARR-ITEM-EMPTY", file=file, row_label=s.heading, item=s.heading, part=PART_HEADINGS[OTHER_MATTERS_PART],
                 found="、".join(found), **_at(report, s.key)) for s in items if s.key not in filled]


# -- the texts of a report ------------------------------------------------------------------------------------

def _sections(report: Report) -> Iterator[tuple[str, str, str]]:
    """(key, heading, text) of each 正文 section with text."""
    for sec in report.layout.text_sections:
        text = report.texts.get(sec.key, "")
        if text.strip():
            yield sec.key, sec.heading, text


def _at(report: Report, key: str | None) -> dict[str, Any]:
    """Where a finding about section ``key`` points: the 正文 cell of a workbook; nothing for a document."""
    if key is None:
        return {}
    return {"sheet": TEXT_SHEET, "cell": text_cell(report.layout, key)}


def _quote(text: str, start: int, end: int, around: int = 12) -> str:
    a, b = max(0, start - around), min(len(text), end + around)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


_INTRO_RE = re.compile(phrases.INTRO)
#: what no match of ``_INTRO_RE`` holds (a match lies within one clause) and what each holds
_INTRO_CLAUSE_END = re.compile(f"[{phrases.INTRO_CLAUSE_ENDS}]")
_INTRO_WORD = phrases.INTRO_WORD
assert phrases.INTRO.endswith(_INTRO_WORD)
#: the first words of each part's heading, as an intro lists them
_PART_WORDS = tuple(_nfkc(h.split("、", 1)[1])[:4] for h in PART_HEADINGS.values())


def intro_matches(c: str) -> Iterator[re.Match[str]]:
    """``_INTRO_RE.finditer(c)``, searched only in the clauses (between 。 and ；) that hold 部分: no match
    holds 。 or ； and every match ends in 部分, so the matches are the same, in the same order, at the same
    places; the pattern's lazy list of up to 160 characters is not tried at every character of the text."""
    at = c.find(_INTRO_WORD)
    while at >= 0:
        end = _INTRO_CLAUSE_END.search(c, at)
        stop = end.start() if end else len(c)
        start = max(c.rfind(mark, 0, at) for mark in phrases.INTRO_CLAUSE_ENDS) + 1
        yield from _INTRO_RE.finditer(c, start, stop)
        at = c.find(_INTRO_WORD, stop)


def _intro(report: Report, texts: Iterable[tuple[str | None, str, str]], file: str) -> Iterator[Finding]:
    """NARR-INTRO-PARTS: "本报告由…六部分组成" names six parts, and lists six when it lists them."""
    for key, heading, text in texts:
        for m in intro_matches(_nfkc(text)):
            n = int(m.group("n")) if m.group("n").isdigit() else phrases.CHINESE_NUMERALS.get(m.group("n"), 0)
            listed = [p for p in re.split(phrases.INTRO_LIST_SEPARATORS, re.sub(phrases.INTRO_LIST_START, "", m.group("list")))
                      if p]
            names = sum(any(w in p for w in _PART_WORDS) for p in listed)
            if phrases.INTRO_OF_REPORT not in text[: m.end() + 10] and n != 6:
                continue
            if n != 6 or (names >= 2 and names != 6):
                yield make("NARR-INTRO-PARTS", file=file, row_label=heading, section=heading, **_at(report, key),
                           quote=m.group(0)[-60:], said=n, listed=names)


_LEFTOVERS = tuple((re.compile(pattern), what) for pattern, what in phrases.LEFTOVERS)
_CITATION_RE = re.compile(phrases.CITATION)
_NOTICES = {"2021": ("2021", "30"), "2019": ("2019", "60")}


def _leftovers(report: Report, texts: Sequence[tuple[str | None, str, str]], file: str) -> Iterator[Finding]:
    for key, heading, text in texts:
        text = text.replace(DRAFT_MARK, "")  # nianbao's own mark of a draft (RENDER-DRAFT), not a template's
        for pattern, what in _LEFTOVERS:
            for m in pattern.finditer(text):
                yield make("NARR-LEFTOVER", file=file, row_label=heading, section=heading, **_at(report, key), what=what,
                           quote=_quote(text, m.start(), m.end()))
                break


def _citations(report: Report, texts: Sequence[tuple[str | None, str, str]], file: str) -> Iterator[Finding]:
    year, no = _NOTICES.get(report.layout.format, ("", ""))
    right = report.layout.document
    for key, heading, text in texts:
        for m in _CITATION_RE.finditer(text):
            typed = "".join(m.group(0).split())
            if typed == right:
                continue
            known = (m.group("year"), m.group("no")) in _NOTICES.values()
            wrong = known and (m.group("year"), m.group("no")) != (year, no)
            yield make("NARR-CITATION", file=file, row_label=heading, section=heading, **_at(report, key), expected=right,
                       actual=typed, how=phrases.CITATION_OTHER_NOTICE if wrong else phrases.CITATION_MISTYPED)


_PERIOD_RE = re.compile(phrases.PERIOD)
_TITLE_YEAR_RE = re.compile(phrases.TITLE_YEAR)


def _years(report: Report, texts: Sequence[tuple[str | None, str, str]], title: str, file: str) -> Iterator[Finding]:
    year = report.year
    if year is None:
        return
    sources: list[tuple[str | None, str, str, re.Pattern[str]]] = [(None, words.TITLE_HEADING, title, _TITLE_YEAR_RE)] if title else []
    # in the text: its statistics period, and the report's own title quoted (现公布…2022年政府信息公开工作年度报告)
    sources += [(key, heading, text, pattern) for key, heading, text in texts for pattern in (_PERIOD_RE, _TITLE_YEAR_RE)]
    said: set[str] = set()  # a document's title is its text's first line too: said once
    for key, heading, text, pattern in sources:
        for m in pattern.finditer(_nfkc(text)):
            years = {int(g) for g in m.groups() if g}
            if years != {year} and m.group(0) not in said:
                said.add(m.group(0))
                yield make("NARR-YEAR", file=file, row_label=heading, section=heading, **_at(report, key), expected=year,
                           actual="、".join(map(str, sorted(years))), quote=m.group(0), where=heading)


# -- claims of none and percentages against the tables -------------------------------------------------------

_NONE_CLAIMS = tuple((re.compile(pattern), roles, name) for pattern, roles, name in phrases.NONE_CLAIMS)


def _total(layout: LayoutSpec, values: dict[str, Number], roles: Sequence[str]) -> Number | None:
    keys = [k for r in roles for k in layout.role(r)]
    if not keys:
        return None
    return sum((values[k] for k in keys), start=0)


_NOT_A_COUNT = re.compile(phrases.NOT_A_COUNT)
_CLAUSE_END = re.compile(phrases.CLAUSE_END)


def _claim_of_none(pattern: re.Pattern[str], text: str, year: int | None) -> re.Match[str] | None:
    """The first claim of none of ``pattern`` in ``text`` (NFKC, no spaces) that speaks of how many, this
    year (上年未发生行政复议 is of last year)."""
    for m in pattern.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        if _NOT_A_COUNT.search(text, m.start(), end.start() if end else len(text)):
            continue
        before = _NONE_OF_ANOTHER_YEAR.search(text, max(0, m.start() - 12), m.start())
        if before is None or (before.group("year") and year is not None and int(before.group("year")) == year):
            return m
    return None


_NONE_ALONE = re.compile(phrases.NONE_ALONE)
_NONE_OF_ANOTHER_YEAR = re.compile(phrases.NONE_OF_ANOTHER_YEAR)


def _none_claims(report: Report, texts: Sequence[tuple[str | None, str, str]], file: str) -> Iterator[Finding]:
    totals: list[Number | None] = []  # each claim's total, once per report (at its first text)
    for key, heading, text in texts:
        c = _nfkc(text)
        totals = totals or [_total(report.layout, report.values, roles) for _p, roles, _n in _NONE_CLAIMS]
        for (pattern, roles, table_name), total in zip(_NONE_CLAIMS, totals, strict=True):
            m = _claim_of_none(pattern, c, report.year) if total else None
            if m is None and total and roles == _NONE_CLAIMS[0][1] and phrases.REQUEST_SECTION in heading:
                m = _NONE_ALONE.match(c)  # （二）依申请公开 written as "无。"
            if m:
                yield make("NARR-NONE", file=file, row_label=heading, section=heading, **_at(report, key), expected=total, actual=0,
                           quote=m.group(0), table_name=table_name)


_NO_FEE_RE = re.compile(phrases.NO_FEE)
_FEE_NOTICE_RE = re.compile(phrases.FEE_NOTICE)


def _fee_claims(report: Report, texts: Sequence[tuple[str | None, str, str]], file: str) -> Iterator[Finding]:
    """NARR-FEE: a text saying no 信息处理费 was charged, while 表三 counts applications left because the
    applicant did not pay after a 收费通知 (a notice was sent: the text should say so)."""
    key = report.layout.role_cell("fee_unpaid_total")
    unpaid = report.values[key] if key else 0
    if not key or not unpaid:
        return
    spec = report.layout.cells[key]
    table_name = phrases.FEE_TABLE_NAME.format(group=spec.row_group, label=spec.row_label)
    for sec, heading, text in texts:
        c = _nfkc(text)
        m = _NO_FEE_RE.search(c)
        if m and not _FEE_NOTICE_RE.search(c):
            yield make("NARR-FEE", file=file, row_label=heading, section=heading, **_at(report, sec), expected=unpaid,
                       actual=0, quote=m.group(0), table_name=table_name)


_PERCENT_RE = re.compile(phrases.PERCENT)


def result_total(layout: LayoutSpec, values: dict[str, Number], words: str) -> Number | None:
    """The 总计 column of the rows of 表三 whose label (or group label) names ``words``."""
    anchor = layout.role_cell("result_total")
    if anchor is None:
        return None
    a = layout.cells[anchor]
    table = layout.table(a.table)
    rows = [c for c in table.cells if c.col == a.col and (words in c.row_label or words in c.row_group)
            and c.key != anchor]
    return sum((values[c.key] for c in rows), start=0) if rows else None


def _percents(report: Report, texts: Sequence[tuple[str | None, str, str]], file: str) -> Iterator[Finding]:
    layout, values = report.layout, report.values
    bases = [b for b in (_total(layout, values, ("result_total",)), _total(layout, values, ("new_total",)),
                         _total(layout, values, ("new_total", "carried_over_total"))) if b]
    if not bases:
        return
    for key, heading, text in texts:
        for m in _PERCENT_RE.finditer(_nfkc(text)):
            quoted = Decimal(m.group("p"))
            places = Decimal(1).scaleb(quoted.as_tuple().exponent)  # type: ignore[arg-type]
            figures = [Decimal(m.group("n"))]
            if figures[0] > max(bases):  # more than all the applications: the text counts something else
                continue
            row = result_total(layout, values, m.group("what"))
            if row is not None:
                figures.append(Decimal(row))
            shares = [(f * 100 / Decimal(b)).quantize(places, rounding=ROUND_HALF_UP) for f in figures for b in bases]
            shares = [s for s in shares if s <= 100]  # a share of the tables' totals is never more than all of them
            if not shares or any(abs(s - quoted) <= places for s in shares):
                continue
            yield make("NARR-PERCENT", file=file, row_label=heading, section=heading, **_at(report, key), expected=f"{shares[-1]}%",
                       actual=f"{quoted}%", quote=m.group(0), base=bases[0])


# -- sameness -------------------------------------------------------------------------------------------------

_FIGURE = re.compile(phrases.FIGURE)
_NOT_COMPARED = re.compile(r"[\s\W_]+")


def _masked(text: str) -> str:
    """``text`` as sameness compares it: figures masked, without whitespace and punctuation."""
    return _NOT_COMPARED.sub("", _FIGURE.sub("#", unicodedata.normalize("NFKC", text)))


def _runs(masked: str) -> set[str]:
    return {masked[i:i + RUN] for i in range(len(masked) - RUN + 1)}


def sameness(text: str, other: str) -> float:
    """The share (0–1) of ``text``'s characters (figures masked, no punctuation) that lie in a run of at
    least ``RUN`` characters found in ``other`` too."""
    mine, theirs = _masked(text), _runs(_masked(other))
    if len(mine) < MIN_TEXT or not theirs:
        return 0.0
    covered = reach = 0  # the characters counted so far, and where the last run found ends
    for i in range(len(mine) - RUN + 1):
        if mine[i:i + RUN] in theirs:
            covered += i + RUN - max(i, reach)
            reach = i + RUN
    return covered / len(mine)


def narrative_text(report: Report) -> str:
    """All the narrative of a report, one section after the other."""
    return "\n".join(text for _k, _h, text in _sections(report))


def against_previous(report: Report, previous: Report, file: str = "") -> list[Finding]:
    """NARR-SAME-YEAR / NARR-COPY-YEAR: ``report``'s narrative against last year's report of its office
    (nothing when either has no narrative: a summary's 明细 keeps figures only)."""
    now, before = narrative_text(report), narrative_text(previous)
    share = sameness(now, before)
    if share <= SAME_SHARE:
        return []
    code = "NARR-COPY-YEAR" if share > COPY_SHARE else "NARR-SAME-YEAR"
    return [make(code, file=file, share=f"{share:.0%}", year=previous.year or words.THE_YEAR_BEFORE,
                 office=report.office or words.THIS_OFFICE, limit=f"{SAME_SHARE:.0%}", how=_how_copied(now, before))]


def _how_copied(now: str, before: str) -> str:
    """What a copy of last year's text changed: nothing, only its figures (years, counts), or a few words."""
    if _nfkc(now) == _nfkc(before):
        return words.COPY_UNCHANGED
    if [_FIGURE.sub("#", s) for s in _nfkc(now).split("。")] == [_FIGURE.sub("#", s) for s in _nfkc(before).split("。")]:
        return words.COPY_FIGURES_ONLY
    return words.COPY_FEW_WORDS


def same_offices(reports: Sequence[tuple[str, Report]]) -> dict[str, list[Finding]]:
    """NARR-SAME-OFFICE for each pair of offices (by file path) whose narratives are nearly the same: the
    share of the shorter one found in the other above ``OFFICE_SHARE``; a finding on each of the two."""
    texts = [(path, r, narrative_text(r)) for path, r in reports if r.level != LEVEL_SUMMARY]
    texts = [(p, r, t) for p, r, t in texts if len(_masked(t)) >= MIN_TEXT]
    sets = [_runs(_masked(t)) for _p, _r, t in texts]
    out: dict[str, list[Finding]] = {}
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if len(sets[i] & sets[j]) * 2 < min(len(sets[i]), len(sets[j])):  # most runs must be shared
                continue
            (p1, r1, t1), (p2, r2, t2) = texts[i], texts[j]
            share = min(sameness(t1, t2), sameness(t2, t1))
            if share > OFFICE_SHARE:
                out.setdefault(p1, []).append(make("NARR-SAME-OFFICE", file=p1, other=r2.office, share=f"{share:.0%}"))
                out.setdefault(p2, []).append(make("NARR-SAME-OFFICE", file=p2, other=r1.office, share=f"{share:.0%}"))
    for path, found in _other_office_named(reports).items():
        out.setdefault(path, []).extend(found)
    return out


def _other_office_named(reports: Sequence[tuple[str, Report]]) -> dict[str, list[Finding]]:
    """NARR-OTHER-OFFICE: a section whose text begins with another office's name of the same merge
    (县卫生健康委员会's report beginning 县教育局2025年…: written over another office's copy)."""
    by_name = {_nfkc(r.office): r.office for _p, r in reports if len(_nfkc(r.office)) >= 3 and r.level != LEVEL_SUMMARY}
    lengths = sorted({len(n) for n in by_name}, reverse=True)  # a text's start looked up, longest name first
    out: dict[str, list[Finding]] = {}
    for path, r in reports:
        if r.level == LEVEL_SUMMARY or not r.office.strip():
            continue
        for key, heading, text in _sections(r):
            start = _nfkc(text[:80])
            names = (by_name.get(start[:n]) for n in lengths if n <= len(start))
            other = next((o for o in names if o is not None and not same_office_name(o, r.office)), None)
            if other is not None:
                out.setdefault(path, []).append(make("NARR-OTHER-OFFICE", file=path, row_label=heading, section=heading,
                                                     other=other, office=r.office, **_at(r, key)))
    return out


def opening_findings(report: Report, opening: str, file: str = "") -> list[Finding]:
    """The rules of the text on a published document's opening (the lines before 一, where the notice is
    cited and the statistics period said): the intro's count of parts, leftovers, the citation, the years."""
    if not opening.strip():
        return []
    texts: list[tuple[str | None, str, str]] = [(None, words.OPENING_HEADING, opening)]
    return [*_intro(report, texts, file), *_leftovers(report, texts, file), *_citations(report, texts, file),
            *_years(report, texts, "", file)]


# -- all of them ------------------------------------------------------------------------------------------------

def narrative_findings(report: Report, previous: Report | None = None, *, text: str | None = None,
                       file: str = "") -> list[Finding]:
    """The narrative rules on ``report``: its 正文 sections (a workbook) or, given ``text``, the text of the
    published document it was imported from (then the structure rules too); with ``previous``, last
    year's report of the same office, the sameness of the two."""
    if text is not None:
        texts: list[tuple[str | None, str, str]] = [(None, TEXT_SHEET, text)]  # the whole text of a published document: its 正文
        title = next((ln for ln in text.splitlines() if ln.strip()), "")
        out = structure_findings(text, file)
    else:
        texts = list(_sections(report))
        title, out = "", []
    out += _intro(report, texts, file)
    out += _leftovers(report, texts, file)
    out += _citations(report, texts, file)
    out += _years(report, texts, title if _TITLE_YEAR_RE.search(_nfkc(title)) else "", file)
    out += _none_claims(report, texts, file)
    out += _fee_claims(report, texts, file)
    out += _percents(report, texts, file)
    if previous is not None:
        out += against_previous(report, previous, file)
    return out
