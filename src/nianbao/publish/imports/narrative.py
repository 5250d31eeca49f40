"""The narrative of a published report: its text parts as the layout's text sections, the office and
year its text names when the page has no title, and the structure rules ``check`` gives a published
document (its six parts, their headings and order, 一's five sub-items)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from nianbao.check.narrative import structure_findings
from nianbao.form.common import PART_HEADINGS
from nianbao.form.finding_tags import MISSING_PART, PART_MISSING, Tag
from nianbao.form.findings import Finding
from nianbao.form.published import (
    BEFORE_NAME,
    CITING,
    FIRST_SUB_HEADING,
    NOT_A_NAME_START,
    NUMERALS,
    OFFICE_IN_TEXT,
    OVERVIEW,
    OWN_SUB_HEADING,
    OWN_SUB_NUMERAL,
    RUN_IN_SUB_HEADING,
    SUB_HEADING_END,
    YEAR_IN_TEXT,
)
from nianbao.form.spec import LayoutSpec, TextSectionSpec
from nianbao.publish.imports.blocks import Block, Line
from nianbao.publish.imports.tokens import nfkc
from nianbao.publish.imports.walk import SUB_RE, Walk

_NUMERALS = NUMERALS
_OWN_NUMERAL = re.compile(OWN_SUB_NUMERAL)


def texts_of(w: Walk, layout: LayoutSpec) -> dict[str, str]:
    """The layout's text sections from the narrative parts: a part's sub-headings （一）… open its sub-items
    (by the words a sub-item is named with, else by numeral, in order); text before them is the part's own
    section (六's), or the first sub-item's (一 has no text of its own); a part without sub-items is its one
    section."""
    sections: dict[str, list[TextSectionSpec]] = {}
    for s in layout.text_sections:
        sections.setdefault(s.part, []).append(s)
    texts: dict[str, list[str]] = {}
    for part, secs in sections.items():
        lines = w.parts.get(part, [])
        subs = [s for s in secs if s.is_sub]
        own = next((s.key for s in secs if not s.is_sub), None)
        if not subs:
            texts[secs[0].key] = list(lines)
        else:
            texts.update(_subsections(lines, subs, own or subs[0].key))
    return {k: "\n".join(v).strip() for k, v in texts.items() if "\n".join(v).strip()}


def _sub_key(subs: list[TextSectionSpec], numeral: str, rest: str) -> str | None:
    """The sub-item a sub-heading opens: the one whose words it names, else the one of its numeral."""
    named = next((s.key for s in subs if any(word in rest[:30] for word in s.words)), None)
    if named is not None:
        return named
    by_numeral = dict(zip(_NUMERALS, (s.key for s in subs), strict=False))
    return by_numeral.get(numeral)


#: a sub-heading's words followed by its text on the same line (after 。 or a colon)
_SUB_HEAD = re.compile(r"^[^。：:]{1,24}[。：:](.*)$", re.S)


def _subsections(lines: list[str], subs: list[TextSectionSpec], intro_key: str) -> dict[str, list[str]]:
    """The sub-items' texts. A sub-heading in the office's own words (（一）主动公开情况。本机关…) is kept as
    its text's first line, as the 正文 sheet has it (the render prints it as the heading); one in the
    official words is left out (the render prints those). The text before the first sub-heading goes to
    ``intro_key``; when that is a sub-item (一 has no text of its own) the sub-heading is kept after it,
    so that the document prints that text before the heading, where the office wrote it."""
    texts: dict[str, list[str]] = {}
    current = subs[0].key
    intro: list[str] = []
    started = False
    for line in lines:
        m = SUB_RE.match(nfkc(line))  # normalised to be matched; the text kept is the line as printed
        key = _sub_key(subs, m.group(1), m.group(2).strip()) if m else None
        if m and key is not None:
            raw = SUB_RE.match(line)
            rest = (raw or m).group(2).strip()
            headed = _SUB_HEAD.match(rest)  # （一）主动公开。… or （二）依申请公开：…: the text after the heading
            body = headed.group(1).strip() if headed else "" if len(rest) <= 30 else rest
            head = rest[:len(rest) - len(body)] if headed or not body else ""
            sec = next(s for s in subs if s.key == key)
            kept = _own_heading(head, sec) or (key == intro_key and bool(intro) and not texts)
            current = key
            started = True
            texts.setdefault(current, [])
            if kept and head:  # (numbered as the official item: the document numbers the items so)
                texts[current].append(_numeral_of(sec) + rest)
            elif body:
                texts[current].append(body)
            continue
        (texts.setdefault(current, []) if started else intro).append(line)
    if intro:
        texts[intro_key] = intro + texts.get(intro_key, [])
    return texts


def _numeral_of(sec: TextSectionSpec) -> str:
    """The numeral its official heading starts with: （一）."""
    m = _OWN_NUMERAL.match(sec.heading)
    return m.group(0).strip() if m else ""


def _own_heading(head: str, sec: TextSectionSpec) -> bool:
    """Whether a sub-heading's words (``head``, after its numeral) are the office's own, not the official
    heading's (（一）主动公开 as such, a full stop or colon after it aside)."""
    words = "".join(nfkc(head).split()).rstrip("。：:.")
    official = SUB_RE.match(nfkc(sec.heading))
    return bool(words) and official is not None and words != "".join(official.group(2).split())


_OFFICE_RE = re.compile(OFFICE_IN_TEXT)
_BEFORE_NAME = re.compile(BEFORE_NAME)
_CITING = re.compile(CITING)
_CLAUSE = re.compile(r"[,，。;；:：!！?？]")
_BOOK = re.compile(r"《[^》]*》|〈[^〉]*〉")


_YEAR_RE = re.compile(YEAR_IN_TEXT)


def office_from_text(lines: Iterable[str]) -> str:
    """The office the narrative names most, not counting the bodies its boilerplate cites (《…》 titles,
    clauses such as 根据…要求)."""
    found: Counter[str] = Counter()
    for line in lines:
        for clause in _CLAUSE.split(_BOOK.sub("", nfkc(line))):
            if _CITING.search(clause):
                continue
            for m in _OFFICE_RE.finditer(clause):
                name = _BEFORE_NAME.sub("", m.group(1))
                if len(name) < 4 or name[0] in NOT_A_NAME_START:
                    continue
                found[name] += 1
    return found.most_common(1)[0][0] if found else ""


def year_from_text(lines: Iterable[str]) -> int | None:
    found: Counter[int] = Counter()
    for line in lines:
        for m in _YEAR_RE.finditer(nfkc(line)):
            found[int(m.group(1))] += 1
    if not found:
        return None
    top = max(found.values())
    return min(y for y, n in found.items() if n == top)



_OWN_SUB = re.compile(OWN_SUB_HEADING)
_RUN_IN = re.compile(RUN_IN_SUB_HEADING)


def _run_in(line: str) -> list[str]:
    """A line as the structure rules read it (traditional characters simplified): a run-in sub-heading
    (（一）主动公开情况。本机关…) as a line of its own before its text, as a heading printed alone is."""
    if "\t" in line:
        return [line]
    m = _OWN_SUB.match(line)
    if m is not None and m.group(3):
        return [line[:m.start(3)].strip().rstrip(SUB_HEADING_END), m.group(3)]
    m = _RUN_IN.match(line)
    if m is not None:
        return [line[:m.start(1)].strip().rstrip(SUB_HEADING_END), m.group(1)]
    if _OWN_SUB.match(line) is not None:
        return [line.strip().rstrip(SUB_HEADING_END)]
    return [line]


def structure_of(blocks: Sequence[Block], findings: Sequence[Finding], file: str, *, titled: bool) -> list[Finding]:
    """The structure rules (NARR-PART-*, NARR-SUB-MISSING) on the page's lines, a table row as its cells,
    as ``check`` gives them for a published document; about a part that an IMPORT-MISSING-PART of
    ``findings`` already says lacks its text, nothing more is said. A page without a title (``titled``)
    that starts with （一） lost its head when it was saved (the title and 一、总体情况 above it, as
    baicheng-2021.txt): its missing heading 一 is not the report's."""
    lines = [part for b in blocks for part in _run_in(nfkc(b.text) if isinstance(b, Line) else nfkc("\t".join(b.cells)))]
    lacking = {dict(f.params).get("heading") for f in findings if f.code == MISSING_PART}
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    headless = not titled and re.match(FIRST_SUB_HEADING, first) is not None
    out = []
    for f in structure_findings("\n".join(lines), file):
        if f.has(Tag.PART_LACKING) and f.row_label in lacking:
            continue
        if headless and f.code == PART_MISSING and f.row_label == PART_HEADINGS[OVERVIEW]:
            continue
        out.append(f)
    return out
