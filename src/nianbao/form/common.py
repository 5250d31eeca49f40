"""Parts shared by the format versions: table 三's shape, table 四, 基本信息 and 正文."""

from __future__ import annotations

from nianbao.form.choices import (  # noqa: F401  (the choices of 单位类别, named here too)
    COUNTY_DEPARTMENT,
    COUNTY_GOVERNMENT,
    COUNTY_LEVEL_CATEGORIES,
    OFFICE_CATEGORIES,
    OTHER_CATEGORY,
    SUBDISTRICT,
    TOWNSHIP,
)
from nianbao.form.finding_tags import RESULT_TOTAL
from nianbao.form.spec import (
    BalanceRule,
    CellSpec,
    InfoFieldSpec,
    Kind,
    LabelSpec,
    Role,
    SumRule,
    TableSpec,
    TextSectionSpec,
)

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_RESULTS = "三、本年度办理结果"

#: Table 三's columns: (key, official label, group label)
T3_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("natural_person", "自然人", ""),
    ("business", "商业企业", "法人或其他组织"),
    ("research", "科研机构", "法人或其他组织"),
    ("public_interest", "社会公益组织", "法人或其他组织"),
    ("legal_service", "法律服务机构", "法人或其他组织"),
    ("other_org", "其他", "法人或其他组织"),
    ("total", "总计", ""),
)
COLUMN_ORDINALS = ("第一列", "第二列", "第三列", "第四列", "第五列", "第六列", "第七列")

#: Rows of 三、本年度办理结果 that sit in a group: (group label, [(key, label)])
ResultGroup = tuple[str, tuple[tuple[str, str], ...]]

WITHHELD: ResultGroup = (
    "（三）不予公开",
    (
        ("withheld.state_secret", "1.属于国家秘密"),
        ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("withheld.three_safety", "3.危及“三安全一稳定”"),
        ("withheld.third_party", "4.保护第三方合法权益"),
        ("withheld.internal_affairs", "5.属于三类内部事务信息"),
        ("withheld.process_info", "6.属于四类过程性信息"),
        ("withheld.enforcement_file", "7.属于行政执法案卷"),
        ("withheld.inquiry", "8.属于行政查询事项"),
    ),
)
UNAVAILABLE: ResultGroup = (
    "（四）无法提供",
    (
        ("unavailable.not_held", "1.本机关不掌握相关政府信息"),
        ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable.unclear", "3.补正后申请内容仍不明确"),
    ),
)
NOT_PROCESSED: ResultGroup = (
    "（五）不予处理",
    (
        ("not_processed.petition", "1.信访举报投诉类申请"),
        ("not_processed.repeat", "2.重复申请"),
        ("not_processed.publication", "3.要求提供公开出版物"),
        ("not_processed.mass_repeat", "4.无正当理由大量反复申请"),
        ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ),
)


#: Table 三's head, as (row, col, text, last row, last col) merged ranges, in the order written
T3_HEAD: tuple[tuple[int, int, str, int, int], ...] = (
    (0, 0, T3_NOTE, 2, 2),
    (0, 3, "申请人情况", 0, 9),
    (1, 3, "自然人", 2, 3),
    (1, 4, "法人或其他组织", 1, 8),
    (1, 9, "总计", 2, 9),
    *((2, 4 + i, T3_COLUMNS[1 + i][1], 2, 4 + i) for i in range(5)),
)
#: Table 三's rows above and below 三、本年度办理结果 (each spans A:C), and its first two rows (each B:C)
T3_ABOVE = (("new", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"))
T3_BELOW = ("carry_forward", "四、结转下年度继续办理")
T3_FIRST_RESULTS = (("disclosed", "（一）予以公开"), ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))
T3_RESULT_TOTAL = ("result_total", "（七）总计")

#: a row of table 三: (key, group label for its cells, label, a leaf of the results?)
T3Row = tuple[str, str, str, bool]


def _t3_results(groups: list[ResultGroup | tuple[str, str]], r: int) -> tuple[list[T3Row], list[LabelSpec]]:
    """The rows of 三、本年度办理结果 from grid row ``r``: single rows span B:C, a group's label spans its
    members in B."""
    rows: list[T3Row] = []
    labels: list[LabelSpec] = []
    for g in groups:
        if isinstance(g[1], str):  # a single row spanning B:C
            key, label = g
            rows.append((key, T3_RESULTS, label, True))
            labels.append(LabelSpec(r, 1, label, r, 2))
            r += 1
            continue
        glabel, members = g
        labels.append(LabelSpec(r, 1, glabel, r + len(members) - 1, 1))
        for key, label in members:
            rows.append((key, glabel, label, True))
            labels.append(LabelSpec(r, 2, label))
            r += 1
    key, label = T3_RESULT_TOTAL
    rows.append((key, T3_RESULTS, label, False))
    labels.append(LabelSpec(r, 1, label, r, 2))
    return rows, labels


def _t3_layout(other_rows: ResultGroup | tuple[str, str]) -> tuple[list[T3Row], list[LabelSpec]]:
    """Table 三's rows in grid order and its labels (the grid's rows 0-2 are the head)."""
    labels = [LabelSpec(*head) for head in T3_HEAD]
    rows: list[T3Row] = [(key, "", label, False) for key, label in T3_ABOVE]
    labels += [LabelSpec(3 + i, 0, label, 3 + i, 2) for i, (_key, label) in enumerate(T3_ABOVE)]
    first = 3 + len(rows)
    results, result_labels = _t3_results([*T3_FIRST_RESULTS, WITHHELD, UNAVAILABLE, NOT_PROCESSED, other_rows], first)
    last = first + len(results) - 1
    labels += [*result_labels, LabelSpec(first, 0, T3_RESULTS, last, 0)]
    rows += [*results, (T3_BELOW[0], "", T3_BELOW[1], False)]
    labels.append(LabelSpec(last + 1, 0, T3_BELOW[1], last + 1, 2))
    return rows, labels


def _t3_cells(rows: list[T3Row]) -> list[CellSpec]:
    """A count cell for every row and column of table 三; totals are the 总计 column and （七）总计 row."""
    return [
        CellSpec(key=f"t3.{rkey}.{ckey}", table="t3", row=3 + i, col=3 + j, kind=Kind.COUNT,
                 role=Role.TOTAL if rkey == T3_RESULT_TOTAL[0] or ckey == "total" else Role.INPUT,
                 row_label=label, col_label=clabel, row_group=group, col_group=cgroup)
        for i, (rkey, group, label, _leaf) in enumerate(rows)
        for j, (ckey, clabel, cgroup) in enumerate(T3_COLUMNS)
    ]


def _t3_rules(rows: list[T3Row]) -> tuple[SumRule | BalanceRule, ...]:
    """Each row's 总计 sums its applicants; （七）总计 sums the leaves; each column balances."""
    leaves = [k for k, _g, _l, leaf in rows if leaf]
    columns = [(ckey, f"{COLUMN_ORDINALS[j]}（{clabel}）") for j, (ckey, clabel, _cg) in enumerate(T3_COLUMNS)]
    rules: list[SumRule | BalanceRule] = [
        SumRule("T3-ROWTOTAL", f"t3.{rkey}.total", tuple(f"t3.{rkey}.{c}" for c, _, _ in T3_COLUMNS[:-1]), label)
        for rkey, _g, label, _leaf in rows
    ]
    rules += [SumRule(RESULT_TOTAL, f"t3.result_total.{ckey}", tuple(f"t3.{k}.{ckey}" for k in leaves), where)
              for ckey, where in columns]
    rules += [BalanceRule("T3-BALANCE", (f"t3.new.{ckey}", f"t3.carried_over.{ckey}"),
                          (f"t3.result_total.{ckey}", f"t3.carry_forward.{ckey}"), where, "一 + 二", "（七）总计 + 四")
              for ckey, where in columns]
    return tuple(rules)


def table3(other_rows: ResultGroup | tuple[str, str]) -> tuple[TableSpec, tuple[SumRule | BalanceRule, ...]]:
    """Table 三 and its rules. ``other_rows`` is （六）其他处理: a group (2021) or one row (2019)."""
    rows, labels = _t3_layout(other_rows)
    table = TableSpec(
        key="t3",
        number="三",
        title="三、收到和处理政府信息公开申请情况",
        sheet="表三",
        n_rows=3 + len(rows),
        n_cols=10,
        labels=tuple(labels),
        cells=tuple(_t3_cells(rows)),
        col_widths=(6, 10, 36, 8, 8, 8, 9, 9, 8, 8),
        landscape=True,
    )
    return table, _t3_rules(rows)


T4_BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("review", "行政复议", ""),
    ("suit_direct", "未经复议直接起诉", "行政诉讼"),
    ("suit_after_review", "复议后起诉", "行政诉讼"),
)
T4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def shared_roles() -> dict[str, tuple[str, ...]]:
    """The roles of the cells of tables 三 and 四, which every format so far shares (see ``spec.ROLES``)."""
    columns = tuple(ckey for ckey, _label, _group in T3_COLUMNS)
    return {
        "new": tuple(f"t3.new.{c}" for c in columns),
        "carried_over": tuple(f"t3.carried_over.{c}" for c in columns),
        "carry_forward": tuple(f"t3.carry_forward.{c}" for c in columns),
        "disclosed": tuple(f"t3.disclosed.{c}" for c in columns),
        "new_total": ("t3.new.total",),
        "carried_over_total": ("t3.carried_over.total",),
        "carry_forward_total": ("t3.carry_forward.total",),
        "result_total": ("t3.result_total.total",),
        "review_total": ("t4.review.total",),
        "suit_totals": ("t4.suit_direct.total", "t4.suit_after_review.total"),
    }


def table4() -> tuple[TableSpec, tuple[SumRule, ...]]:
    """Table 四, the same in 2019 and 2021."""
    labels = [LabelSpec(0, 0, "行政复议", 0, 4), LabelSpec(0, 5, "行政诉讼", 0, 14)]
    labels += [LabelSpec(1, i, name, 2, i) for i, (_k, name) in enumerate(T4_COLUMNS)]
    labels += [LabelSpec(1, 5, "未经复议直接起诉", 1, 9), LabelSpec(1, 10, "复议后起诉", 1, 14)]
    labels += [LabelSpec(2, 5 + b * 5 + i, name) for b in range(2) for i, (_k, name) in enumerate(T4_COLUMNS)]
    cells: list[CellSpec] = []
    rules: list[SumRule] = []
    for b, (bkey, blabel, bgroup) in enumerate(T4_BLOCKS):
        for i, (ckey, clabel) in enumerate(T4_COLUMNS):
            cells.append(
                CellSpec(
                    key=f"t4.{bkey}.{ckey}",
                    table="t4",
                    row=3,
                    col=b * 5 + i,
                    kind=Kind.COUNT,
                    role=Role.TOTAL if ckey == "total" else Role.INPUT,
                    row_label=blabel,
                    col_label=clabel,
                    row_group=bgroup,
                )
            )
        rules.append(
            SumRule(
                "T4-TOTAL",
                f"t4.{bkey}.total",
                tuple(f"t4.{bkey}.{c}" for c, _ in T4_COLUMNS[:-1]),
                f"{bgroup}{blabel}".replace("行政诉讼", "行政诉讼·"),
            )
        )
    table = TableSpec(
        key="t4",
        number="四",
        title="四、政府信息公开行政复议、行政诉讼情况",
        sheet="表四",
        n_rows=4,
        n_cols=15,
        labels=tuple(labels),
        cells=tuple(cells),
        col_widths=(7.5,) * 15,
        landscape=True,
    )
    return table, tuple(rules)


#: how a clerk names a 单位类别 other than by its choice (``check.validate.office_category``), tried in this
#: order: (the category, words that are it, words in it, how it ends)
CATEGORY_ALIASES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (SUBDISTRICT, (), ("街道",), ()),
    (TOWNSHIP, (), ("乡", "镇"), ()),
    (COUNTY_GOVERNMENT, ("县政府", "县人民政府", "县级政府", "县政府本级", "县人民政府本级", "政府本级"), (), ()),
    (COUNTY_DEPARTMENT, (), ("县直", "部门"), ("局",)),
)

#: the 报告年度 field's label (also a finding's row label when a year typed with words is read)
YEAR_LABEL = "报告年度"
INFO_FIELDS: tuple[InfoFieldSpec, ...] = (
    InfoFieldSpec("office", "单位名称", required=True, hint="填写单位全称，如：柏城街道办事处"),
    InfoFieldSpec("category", "单位类别", choices=OFFICE_CATEGORIES, hint="从下拉列表中选择"),
    InfoFieldSpec("county", "所属县（市、区）", hint="如：西平县"),
    InfoFieldSpec("year", YEAR_LABEL, required=True, hint="报告所属年度，四位数字，如：2025"),
    InfoFieldSpec("preparer", "填报人"),
    InfoFieldSpec("phone", "联系电话"),
    InfoFieldSpec("date", "填报日期", hint="如：2026-01-15"),
)

TEXT_SECTIONS: tuple[TextSectionSpec, ...] = (
    TextSectionSpec("overview.active", "（一）主动公开", "一"),
    TextSectionSpec("overview.request", "（二）依申请公开", "一"),
    TextSectionSpec("overview.management", "（三）政府信息管理", "一"),
    TextSectionSpec("overview.platform", "（四）政府信息公开平台建设", "一"),
    TextSectionSpec("overview.supervision", "（五）监督保障", "一"),
    TextSectionSpec("problems", "五、存在的主要问题及改进情况", "五"),
    TextSectionSpec("other", "六、其他需要报告的事项", "六"),
    # the four items real reports give under 六 (each may say "无。"); "other" above is the part's own text
    # (what comes before them, or all of 六 in a report without them). Appended, so that the cells of the
    # sections above stay where earlier templates have them.
    TextSectionSpec("other.fee", "（一）收取信息处理费", "六", ("信息处理费", "收费")),
    TextSectionSpec("other.points", "（二）落实上级年度政务公开工作要点", "六", ("工作要点", "要点")),
    TextSectionSpec("other.proposals", "（三）人大代表建议和政协委员提案办理结果公开", "六", ("建议", "提案")),
    TextSectionSpec("other.innovation", "（四）创新情况", "六", ("创新",)),
)

#: the report's name as the official format gives it: a published report's title ends with it, and it is a
#: template's title and its sheets' footer when no office is named
REPORT_NAME = "政府信息公开工作年度报告"

PART_HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}

#: the part whose sub-items (收费, 工作要点, 建议提案, 创新) are each a sentence or "无。"
OTHER_MATTERS_PART = "六"

#: the unit of every amount of the form (the 2019 采购总金额's label states none)
AMOUNT_UNIT = "万元"

#: other wordings of a part's heading that real reports print (the numeral's part all the same)
PART_HEADING_VARIANTS = {
    "五": ("存在的主要问题及整改措施", "存在的主要问题及整改情况", "存在的主要问题及改进措施", "存在的主要问题和改进情况"),
}
