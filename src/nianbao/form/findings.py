"""Problems in user data, as data: one ``Finding`` type and one catalogue of codes.

Every code a user can meet is declared in ``finding_codes`` (and ``narrative_codes``), with its severity,
a Chinese message template and how to fix it; this module makes them ``CodeSpec``s and findings.
``docs/findings.md`` is generated from this catalogue (``nianbao docs``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from nianbao.form.finding_codes import CODES, RULE_NAMES
from nianbao.form.finding_tags import Row, Tag
from nianbao.form.narrative_codes import NARRATIVE
from nianbao.form.spec import CellSpec, Kind


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True)
class CodeSpec:
    code: str
    severity: Severity
    title: str  # what it means, one line
    template: str  # message, str.format() with the finding's params
    fix: str  # what the office should do
    tags: frozenset[Tag] = frozenset()  # what logic elsewhere needs to know of the code (``finding_tags``)


@dataclass(frozen=True)
class Finding:
    """One problem, made once by ``make``: its code, where it is, its message and how to fix it.

    ``key`` is the layout's cell key (``""`` when the finding is not about one data cell); ``params`` are
    the values the catalogue's message template was rendered with; ``remedy`` is the catalogue's 怎么改.
    ``cells`` are further A1 cells on ``sheet`` that belong to the same problem (the terms of a balance),
    marked with ``cell`` in an annotated copy. Nothing downstream edits ``message``: a finding that moves
    (the cell is elsewhere in the file) is re-made by ``at`` from its fields.
    """

    code: str
    severity: Severity
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""  # A1 address, or "" when the finding has no single cell
    row_label: str = ""
    col_label: str = ""
    expected: str | None = None
    actual: str | None = None
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()
    remedy: str = ""
    cells: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = str(self.severity)
        d["params"] = dict(self.params)
        d["cells"] = list(self.cells)
        return d

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def has(self, tag: Tag) -> bool:
        """Whether the catalogue declares ``tag`` on this finding's code (one made by hand, as in a test: no)."""
        spec = CATALOGUE.get(self.code)
        return spec is not None and tag in spec.tags

    def param(self, name: str, default: str = "") -> str:
        return dict(self.params).get(name, default)

    def at(self, sheet: str, cell: str, cells: tuple[str, ...] | None = None) -> Finding:
        """The same finding where its cell actually is in the file, the message rendered anew."""
        if self.code not in CATALOGUE:  # made by hand (a test), not from the catalogue: only the place
            return replace(self, sheet=sheet, cell=cell, cells=self.cells if cells is None else cells)
        return make(self.code, file=self.file, sheet=sheet, cell=cell, row_label=self.row_label,
                    col_label=self.col_label, expected=self.expected, actual=self.actual, key=self.key,
                    cells=self.cells if cells is None else cells, **dict(self.params))


def _spec(row: Row) -> CodeSpec:
    code, severity, title, template, fix, *tags = row
    return CodeSpec(code, Severity(severity), title, template, fix, frozenset(tags[0]) if tags else frozenset())


_CODES: list[CodeSpec] = [_spec(row) for row in CODES + NARRATIVE]

CATALOGUE: dict[str, CodeSpec] = {c.code: c for c in _CODES}
assert len(CATALOGUE) == len(_CODES), "a finding code is declared twice"


def tagged(tag: Tag) -> frozenset[str]:
    """The codes whose catalogue row declares ``tag``."""
    return frozenset(c.code for c in _CODES if tag in c.tags)


def rule_name(code: str) -> str:
    """A rule as a clerk reads it: 表三各列平衡（T3-BALANCE）."""
    return f"{RULE_NAMES.get(code) or CATALOGUE[code].title}（{code}）"


def _as_written(value: object) -> object:
    """A number as a clerk writes it in a message: 12500, not 12500.0 (a spreadsheet stores every number
    as a float); an amount without trailing zeros or an exponent (1.25, not 1.2500 or 1.25E+4)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, Decimal) and value.is_finite():
        return format(value.normalize(), "f")
    return value


class _Given(dict[str, object]):
    """The values of a message, a field not among them left as it is written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def make(code: str, *, file: str = "", sheet: str = "", cell: str = "", row_label: str = "", col_label: str = "",
         expected: object = None, actual: object = None, key: str = "", cells: tuple[str, ...] = (),
         **params: object) -> Finding:
    """A finding of catalogue code ``code``, its message rendered from the template with ``params``
    (kept, as text, in the finding) and the catalogue's remedy."""
    spec = CATALOGUE[code]
    fields = {"file": file, "sheet": sheet, "cell": cell, "expected": expected, "actual": actual, **params}
    values = {k: _as_written(v) for k, v in fields.items()}
    message = spec.template.format(**values)
    # the remedy names the same values ("改为数字 {expected}"); one not given stays as written
    remedy = spec.fix.format_map(_Given({k: v for k, v in values.items() if v is not None}))
    return Finding(
        code=code,
        severity=spec.severity,
        message=message,
        file=file,
        sheet=sheet,
        cell=cell,
        row_label=row_label,
        col_label=col_label,
        expected=None if expected is None else str(expected),
        actual=None if actual is None else str(actual),
        key=key,
        params=tuple((k, str(v)) for k, v in params.items()),
        remedy=remedy,
        cells=tuple(cells),
    )


def remedy_of(f: Finding) -> str:
    """What to do about ``f`` (怎么改): the remedy it was made with, else (a finding kept without one) the
    catalogue's, rendered with the finding's values so that no ``{placeholder}`` reaches a clerk."""
    if f.remedy:
        return f.remedy
    spec = CATALOGUE.get(f.code)
    if spec is None:
        return ""
    values = {"file": f.file, "sheet": f.sheet, "cell": f.cell, "expected": f.expected, "actual": f.actual,
              **dict(f.params)}
    return spec.fix.format_map(_Given({k: v for k, v in values.items() if v is not None}))


def render_docs() -> str:
    """The Markdown page of every finding code (docs/findings.md)."""
    lines = [
        "# 问题代码一览 / Finding codes",
        "",
        "本页由 `nianbao docs` 根据问题目录自动生成，请勿手工编辑。",
        "",
        "| 代码 | 级别 | 含义 | 如何改正 |",
        "|---|---|---|---|",
    ]
    for code in sorted(CATALOGUE):
        s = CATALOGUE[code]
        lines.append(f"| `{s.code}` | {SEVERITY_ZH[s.severity]} | {s.title} | {s.fix} |")
    return "\n".join(lines) + "\n"


def count_wanted(spec: CellSpec) -> str:
    """What a count cell takes, for VALUE-COUNT: 本年增/减 may be negative."""
    return "整数（增加填正数，减少填负数）" if spec.kind is Kind.SIGNED else "不小于 0 的整数"
