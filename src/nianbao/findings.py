"""Problems in user data, as data: one ``Finding`` type and one catalogue of codes.

Every code a user can meet is declared here, with its severity, a Chinese message template and how
to fix it. ``docs/findings.md`` is generated from this catalogue (``nianbao docs``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


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


@dataclass(frozen=True)
class Finding:
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

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = str(self.severity)
        return d

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_CODES: list[CodeSpec] = [
    # -- hard rules of the form -----------------------------------------------------------
    CodeSpec("T3-BALANCE", _E, "表三某一列不满足“一 + 二 = （七）总计 + 四”",
             "表三 {label}：一 + 二 = {left}，（七）总计 + 四 = {right}，相差 {diff}。请核对办理结果或结转数。",
             "本年新收加上年结转，必须等于本年办理结果总计加结转下年度。逐项核对办理结果各行与“四、结转下年度继续办理”。"),
    CodeSpec("T3-ROWTOTAL", _E, "表三某一行的总计不等于各类申请人之和",
             "表三 {label}：总计填的是 {actual}，各类申请人之和是 {expected}。",
             "总计列应等于自然人与五类法人或其他组织之和。请使用模板中的公式，不要手工改写总计。"),
    CodeSpec("T3-RESULTTOTAL", _E, "表三（七）总计不等于各项办理结果之和",
             "表三 {label}：（七）总计填的是 {actual}，各项办理结果之和是 {expected}。",
             "（七）总计应等于（一）至（六）各小项之和。请使用模板中的公式，不要手工改写总计。"),
    CodeSpec("T4-TOTAL", _E, "表四某一栏的总计不等于四种结果之和",
             "表四 {label}：总计填的是 {actual}，结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {expected}。",
             "总计应等于结果维持、结果纠正、其他结果、尚未审结之和。"),
    CodeSpec("VALUE-COUNT", _E, "件数不是不小于 0 的整数",
             "{sheet} {cell}（{where}）应填写不小于 0 的整数，实填“{actual}”。",
             "件数只能填写 0 或正整数，不要填写小数、负数或文字；没有发生的填 0。"),
    CodeSpec("VALUE-FEE", _E, "收费金额不是不小于 0 的数，或小数位数过多",
             "{sheet} {cell}（{where}）应填写不小于 0 的金额（单位：万元{decimals_note}），实填“{actual}”。",
             "收费金额以万元为单位填写数字；没有收费的填 0。"),
    # -- reading and recognising workbooks (nianbao.reader) --------------------------------
    # -- other rules of FORMAT.md: L-RULES, N-TEXT, X-CARRYOVER, X-INFORCE -------------------
    # -- merging (nianbao.merge) --------------------------------------------------------------
    # -- importing published reports (nianbao.importer) ---------------------------------------
]

CATALOGUE: dict[str, CodeSpec] = {c.code: c for c in _CODES}
assert len(CATALOGUE) == len(_CODES), "a finding code is declared twice"


def make(code: str, *, file: str = "", sheet: str = "", cell: str = "", row_label: str = "", col_label: str = "",
         expected: object = None, actual: object = None, **params: object) -> Finding:
    """A finding of catalogue code ``code``, its message rendered from the template."""
    spec = CATALOGUE[code]
    fields = {"file": file, "sheet": sheet, "cell": cell, "expected": expected, "actual": actual, **params}
    message = spec.template.format(**fields)
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
    )


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
