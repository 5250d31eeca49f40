"""The 2019 format (试行): 国办公开办函〔2019〕60号, for reports on 2019 and 2020."""

from __future__ import annotations

from nianbao.form.common import INFO_FIELDS, TEXT_SECTIONS, shared_roles, table3, table4
from nianbao.form.spec import CellSpec, Kind, LabelSpec, LayoutSpec, Role, TableSpec, VariantSpec

_PREV = ("prev_items", "上一年项目数量", Kind.COUNT)
_CHANGE = ("change", "本年增/减", Kind.SIGNED)
_DECISIONS = ("decisions", "处理决定数量", Kind.COUNT)

#: (caption, columns [(key, label, kind)], rows [(key, label)])
_BLOCKS: tuple[tuple[str, tuple[tuple[str, str, Kind], ...], tuple[tuple[str, str], ...]], ...] = (
    (
        "第二十条第（一）项",
        (("made", "本年新制作数量", Kind.COUNT), ("published", "本年新公开数量", Kind.COUNT),
         ("total_public", "对外公开总数量", Kind.COUNT)),
        (("rules", "规章"), ("normative", "规范性文件")),
    ),
    ("第二十条第（五）项", (_PREV, _CHANGE, _DECISIONS), (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
    ("第二十条第（六）项", (_PREV, _CHANGE, _DECISIONS), (("penalty", "行政处罚"), ("enforcement", "行政强制"))),
    ("第二十条第（八）项", (_PREV, _CHANGE), (("fees", "行政事业性收费"),)),
    (
        "第二十条第（九）项",
        (("items", "采购项目数量", Kind.COUNT), ("amount", "采购总金额", Kind.AMOUNT)),
        (("procurement", "政府集中采购"),),
    ),
)


#: the rows of table 二 counted as 上一年项目数量 and 本年增/减
_ITEM_ROWS = tuple(rkey for _c, cols, rows in _BLOCKS if _PREV in cols for rkey, _l in rows)


def _table2() -> TableSpec:
    labels: list[LabelSpec] = []
    cells: list[CellSpec] = []
    r = 0
    for caption, cols, rows in _BLOCKS:
        labels.append(LabelSpec(r, 0, caption, r, 3))
        labels.append(LabelSpec(r + 1, 0, "信息内容"))
        for i, (_ck, clabel, _kind) in enumerate(cols):
            last = 3 if i == len(cols) - 1 else 1 + i  # the last column spans to D
            labels.append(LabelSpec(r + 1, 1 + i, clabel, r + 1, last))
        for k, (rkey, rlabel) in enumerate(rows):
            row = r + 2 + k
            labels.append(LabelSpec(row, 0, rlabel))
            for i, (ckey, clabel, kind) in enumerate(cols):
                last = 3 if i == len(cols) - 1 else 1 + i
                cells.append(
                    CellSpec(f"t2.{rkey}.{ckey}", "t2", row, 1 + i, kind, Role.INPUT, rlabel, clabel, caption,
                             last_col=last)
                )
        r += 2 + len(rows)
    return TableSpec(
        key="t2",
        number="二",
        title="二、主动公开政府信息情况",
        sheet="表二",
        n_rows=r,
        n_cols=4,
        labels=tuple(labels),
        cells=tuple(cells),
        col_widths=(26, 20, 20, 20),
    )


#: words printed only in this format's tables, by which a published page is recognised
MARKS = {
    "t2": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量",
           "政府集中采购", "其他对外管理服务事项"),
    "t3": ("其他处理",),
}


def build() -> LayoutSpec:
    t3, r3 = table3(("other", "（六）其他处理"))
    t4, r4 = table4()
    return LayoutSpec(
        format="2019",
        variant="national",
        name="2019年版格式（试行）",
        document="国办公开办函〔2019〕60号",
        tables=(_table2(), t3, t4),
        rules=r3 + r4,
        info_fields=INFO_FIELDS,
        text_sections=TEXT_SECTIONS,
        template_version="1",
        first_year=2019,
        last_year=2020,
        marks=MARKS,
        roles={**shared_roles(), "rules": ("t2.rules.made", "t2.rules.published", "t2.rules.total_public"),
               "previous_items": tuple(f"t2.{r}.prev_items" for r in _ITEM_ROWS),
               "item_change": tuple(f"t2.{r}.change" for r in _ITEM_ROWS),
               "fee": (), "issued": (), "repealed": (), "in_force": (), "fee_unpaid_total": ()},
    )


#: the province variants of this format (none)
VARIANTS: tuple[VariantSpec, ...] = ()
