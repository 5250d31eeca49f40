"""The narrative of a published report: its text parts as the layout's text sections, and the office
and year its text names when the page has no title."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from nianbao.form.spec import LayoutSpec
from nianbao.publish.imports.tokens import nfkc
from nianbao.publish.imports.walk import SUB_RE, Walk

_NUMERALS = "一二三四五六七八九十"


def texts_of(w: Walk, layout: LayoutSpec) -> dict[str, str]:
    """The layout's text sections from the narrative parts: part 一's sub-headings （一）…（五） open its
    sections in order (text before them is the first one's); each other part is its one section."""
    sections: dict[str, list[str]] = {}
    for s in layout.text_sections:
        sections.setdefault(s.part, []).append(s.key)
    texts: dict[str, list[str]] = {}
    for part, keys in sections.items():
        lines = w.parts.get(part, [])
        if len(keys) == 1:
            texts[keys[0]] = list(lines)
        else:
            texts.update(_subsections(lines, keys))
    return {k: "\n".join(v).strip() for k, v in texts.items() if "\n".join(v).strip()}


def _subsections(lines: list[str], keys: list[str]) -> dict[str, list[str]]:
    by_numeral = dict(zip(_NUMERALS, keys, strict=False))
    texts: dict[str, list[str]] = {}
    current = keys[0]
    intro: list[str] = []
    started = False
    for line in lines:
        m = SUB_RE.match(nfkc(line))
        if m and m.group(1) in by_numeral:
            rest = m.group(2).strip()
            head, sep, content = rest.partition("。")
            if sep and len(head) <= 24:
                body = content.strip()
            elif len(rest) <= 30:
                body = ""
            else:
                body = rest
            current = by_numeral[m.group(1)]
            started = True
            texts.setdefault(current, [])
            if body:
                texts[current].append(body)
            continue
        (texts.setdefault(current, []) if started else intro).append(line)
    if intro:
        texts[keys[0]] = intro + texts.get(keys[0], [])
    return texts


_OFFICE_RE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:街道办事处|镇人民政府|乡人民政府|县人民政府|区人民政府|市人民政府)"
                        r"(?:办公室)?)")
#: what an office's name does not hold: the words before it in a sentence end at one of these
_BEFORE_NAME = re.compile(r"^.*[的由向与对在为请经及和、将按据照根]")
#: a clause that cites another body (a notice, a superior government's request): boilerplate, not the
#: office that reports
_CITING = re.compile(r"根据|按照|依据|遵照|贯彻|落实|要求|通知|印发|转发|上级|文件精神")
_CLAUSE = re.compile(r"[,，。;；:：!！?？]")
_BOOK = re.compile(r"《[^》]*》|〈[^〉]*〉")


_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")


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
                if len(name) < 4 or name[0] in "本我该各全此其即":
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

