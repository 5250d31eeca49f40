"""The 2021 format: 国办公开办函〔2021〕30号, for reports on 2021 and later."""

from __future__ import annotations

from nianbao.form.common import INFO_FIELDS, TEXT_SECTIONS, shared_roles, table3, table4
from nianbao.form.spec import CellSpec, Kind, LabelSpec, LayoutSpec, Role, TableSpec, VariantSpec

FEE_HEADER = "本年收费金额（单位：万元）"

#: Table 二 blocks: (caption, header row labels, [(row key, row label)], [(col key, kind)])
_ITEM1 = "第二十条第（一）项"
_ITEM5 = "第二十条第（五）项"
_ITEM6 = "第二十条第（六）项"
_ITEM8 = "第二十条第（八）项"


def _table2() -> TableSpec:
    labels: list[LabelSpec] = []
    cells: list[CellSpec] = []

    def caption(row: int, text: str) -> None:
        labels.append(LabelSpec(row, 0, text, row, 3))

    # 第二十条第（一）项: three columns
    caption(0, _ITEM1)
    cols1 = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
    labels.append(LabelSpec(1, 0, "信息内容"))
    labels += [LabelSpec(1, 1 + i, name) for i, (_k, name) in enumerate(cols1)]
    for r, (rkey, rlabel) in ((2, ("rules", "规章")), (3, ("normative", "行政规范性文件"))):
        labels.append(LabelSpec(r, 0, rlabel))
        for i, (ckey, clabel) in enumerate(cols1):
            cells.append(CellSpec(f"t2.{rkey}.{ckey}", "t2", r, 1 + i, Kind.COUNT, Role.INPUT, rlabel, clabel, _ITEM1))

    # blocks whose single value column spans B:D
    def single(first: int, cap: str, header: str, rows: tuple[tuple[str, str], ...], ckey: str, kind: Kind) -> None:
        caption(first, cap)
        labels.append(LabelSpec(first + 1, 0, "信息内容"))
        labels.append(LabelSpec(first + 1, 1, header, first + 1, 3))
        for i, (rkey, rlabel) in enumerate(rows):
            r = first + 2 + i
            labels.append(LabelSpec(r, 0, rlabel))
            cells.append(
                CellSpec(f"t2.{rkey}.{ckey}", "t2", r, 1, kind, Role.INPUT, rlabel, header, cap, last_col=3)
            )

    single(4, _ITEM5, "本年处理决定数量", (("licensing", "行政许可"),), "decisions", Kind.COUNT)
    single(7, _ITEM6, "本年处理决定数量", (("penalty", "行政处罚"), ("enforcement", "行政强制")), "decisions", Kind.COUNT)
    single(11, _ITEM8, FEE_HEADER, (("fees", "行政事业性收费"),), "amount", Kind.AMOUNT)
    return TableSpec(
        key="t2",
        number="二",
        title="二、主动公开政府信息情况",
        sheet="表二",
        n_rows=14,
        n_cols=4,
        labels=tuple(labels),
        cells=tuple(cells),
        col_widths=(26, 20, 20, 20),
    )


#: words printed only in this format's tables, by which a published page is recognised
MARKS = {
    "t2": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
    "t3": ("逾期不补正", "逾期未按收费通知"),
}

#: a 2021 report whose 表二 has the 2019 columns (real 2022 reports do this): the 2019 cells that hold the
#: same figure as a 2021 cell. 本年新制作数量 is the year's new 规章/规范性文件 (2021: 本年制发件数); 处理决定数量
#: is the year's decisions (2021: 本年处理决定数量). Nothing else corresponds: 对外公开总数量 counts what was
#: ever published, not what is in force; 上一年项目数量 and 本年增/减 count items, not decisions or 万元.
FROM_2019 = {
    "t2.rules.issued": "t2.rules.made",
    "t2.normative.issued": "t2.normative.made",
    "t2.licensing.decisions": "t2.licensing.decisions",
    "t2.penalty.decisions": "t2.penalty.decisions",
    "t2.enforcement.decisions": "t2.enforcement.decisions",
}


def build() -> LayoutSpec:
    t3, r3 = table3(
        (
            "（六）其他处理",
            (
                ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                ("other.other", "3.其他"),
            ),
        )
    )
    t4, r4 = table4()
    return LayoutSpec(
        format="2021",
        variant="national",
        name="2021年版格式",
        document="国办公开办函〔2021〕30号",
        tables=(_table2(), t3, t4),
        rules=r3 + r4,
        info_fields=INFO_FIELDS,
        text_sections=TEXT_SECTIONS,
        template_version="1",
        first_year=2021,
        marks=MARKS,
        earlier={"2019": FROM_2019},
        roles={
            **shared_roles(),
            "rules": ("t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"),
            "fee": ("t2.fees.amount",),
            "fee_unpaid_total": ("t3.other.no_fee.total",),
            "issued": ("t2.rules.issued", "t2.normative.issued"),
            "repealed": ("t2.rules.repealed", "t2.normative.repealed"),
            "in_force": ("t2.rules.in_force", "t2.normative.in_force"),
            "previous_items": (),
            "item_change": (),
        },
    )


#: Henan's variant: the fee is stated in 万元 with four decimals.
HENAN = VariantSpec(
    name="henan",
    title="河南省",
    label_overrides={FEE_HEADER: "本年收费金额（单位：万元，保留4位小数）"},
    decimals={"t2.fees.amount": 4},
    col_label_overrides={"t2.fees.amount": "本年收费金额（单位：万元，保留4位小数）"},
    marks=("保留4位小数",),
)

#: the province variants of this format
VARIANTS = (HENAN,)
