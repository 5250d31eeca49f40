"""The layout data itself: keys, merges, official labels, counts of input cells, rules."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.form.registry import all_layouts, format_for_year, get_layout, layout_for_year
from nianbao.form.spec import BalanceRule, Kind, Role, SumRule, from_a1, to_a1

# Official labels, copied from FORMAT.md (full-width punctuation, exact wording).
T3_LABELS_2021 = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人", "法人或其他组织",
    "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密",
    "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
    "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请",
    "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计",
    "四、结转下年度继续办理",
]
T2_LABELS_2021 = [
    "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
    "第二十条第（五）项", "本年处理决定数量", "行政许可", "第二十条第（六）项", "行政处罚", "行政强制",
    "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费",
]
T2_LABELS_2019 = [
    "第二十条第（一）项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "规范性文件",
    "第二十条第（五）项", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "其他对外管理服务事项",
    "第二十条第（六）项", "行政处罚", "行政强制", "第二十条第（八）项", "行政事业性收费", "第二十条第（九）项",
    "采购项目数量", "采购总金额", "政府集中采购",
]
#: 2019: （六）其他处理 is one row, without the three sub-items of 2021
T3_LABELS_2019 = [lb for lb in T3_LABELS_2021 if not lb.startswith(("1.申请人无正当理由", "2.申请人逾期未按", "3.其他"))]
T4_LABELS = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]

FORMAT_MD = Path(__file__).resolve().parents[2] / "shared" / "FORMAT.md"


def texts(layout, table):
    return [lb.text for lb in layout.table(table).labels]


@pytest.mark.parametrize("layout", all_layouts(), ids=lambda lay: lay.label)
def test_keys_unique_and_cells_inside_grid(layout):
    keys = [c.key for t in layout.tables for c in t.cells]
    assert len(keys) == len(set(keys))
    for t in layout.tables:
        for c in t.cells:
            assert c.key.startswith(t.key + ".")
            assert 0 <= c.row < t.n_rows and 0 <= c.col <= c.last_col < t.n_cols


@pytest.mark.parametrize("layout", all_layouts(), ids=lambda lay: lay.label)
def test_no_two_labels_or_cells_overlap(layout):
    for t in layout.tables:
        taken: dict[tuple[int, int], str] = {}
        blocks = [(lb.row, lb.col, lb.last_row, lb.last_col, lb.text) for lb in t.labels]
        blocks += [(c.row, c.col, c.row, c.last_col, c.key) for c in t.cells]
        for r0, c0, r1, c1, name in blocks:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    assert (r, c) not in taken, f"{t.key}: {name} overlaps {taken[(r, c)]}"
                    taken[(r, c)] = name
        # the grid is exactly covered: every position holds a label or a cell
        assert len(taken) == t.n_rows * t.n_cols, t.key


def test_2021_input_cell_counts():
    layout = get_layout("2021")
    per_table = {t.key: sum(c.is_input for c in t.cells) for t in layout.tables}
    assert per_table == {"t2": 10, "t3": 24 * 6, "t4": 12}
    assert len(layout.inputs) == 166
    assert len(layout.cells) == 10 + 25 * 7 + 15


def test_2019_shape():
    layout = get_layout("2019")
    t3 = layout.table("t3")
    assert t3.n_rows == 26  # rows 1-3 header, 四 on row 26
    assert next(lb for lb in t3.labels if lb.text == "（七）总计").row == 24
    assert next(lb for lb in t3.labels if lb.text == "三、本年度办理结果").last_row - 5 + 1 == 20
    assert layout.cells["t2.licensing.change"].kind is Kind.SIGNED
    assert layout.cells["t2.procurement.amount"].kind is Kind.AMOUNT


@pytest.mark.parametrize(
    ("layout", "table", "expected"),
    [
        (get_layout("2021"), "t3", T3_LABELS_2021),
        (get_layout("2021"), "t2", T2_LABELS_2021),
        (get_layout("2021"), "t4", T4_LABELS),
        (get_layout("2019"), "t2", T2_LABELS_2019),
        (get_layout("2019"), "t3", T3_LABELS_2019),
        (get_layout("2019"), "t4", T4_LABELS),
        (get_layout("2021", "henan"), "t3", T3_LABELS_2021),
    ],
    ids=["2021-t3", "2021-t2", "2021-t4", "2019-t2", "2019-t3", "2019-t4", "henan-t3"],
)
def test_official_labels_present_exactly(layout, table, expected):
    have = texts(layout, table)
    for label in expected:
        assert label in have, label


def test_official_merges_of_table3_2021():
    t3 = get_layout("2021").table("t3")
    merges = {(lb.text): (lb.row, lb.col, lb.last_row, lb.last_col) for lb in t3.labels if lb.merged}
    # FORMAT.md rows are 1-based: A1:C3, D1:J1, D2:D3, E2:I2, J2:J3, A6:A27, B8:B15, B16:B18, B19:B23, B24:B26
    assert merges[T3_LABELS_2021[0]] == (0, 0, 2, 2)
    assert merges["申请人情况"] == (0, 3, 0, 9)
    assert merges["自然人"] == (1, 3, 2, 3)
    assert merges["法人或其他组织"] == (1, 4, 1, 8)
    assert merges["总计"] == (1, 9, 2, 9)
    assert merges["三、本年度办理结果"] == (5, 0, 26, 0)
    assert merges["（三）不予公开"] == (7, 1, 14, 1)
    assert merges["（四）无法提供"] == (15, 1, 17, 1)
    assert merges["（五）不予处理"] == (18, 1, 22, 1)
    assert merges["（六）其他处理"] == (23, 1, 25, 1)
    assert merges["四、结转下年度继续办理"] == (27, 0, 27, 2)


def test_table2_single_value_blocks_span_b_to_d():
    layout = get_layout("2021")
    for key in ("t2.licensing.decisions", "t2.penalty.decisions", "t2.enforcement.decisions", "t2.fees.amount"):
        c = layout.cells[key]
        assert (c.col, c.last_col) == (1, 3)


def test_every_label_is_in_format_md():
    if not FORMAT_MD.exists():
        pytest.skip("shared/FORMAT.md is not beside this checkout")
    doc = FORMAT_MD.read_text(encoding="utf-8")
    for layout in all_layouts():
        for t in layout.tables:
            for lb in t.labels:
                assert lb.text in doc, lb.text


def test_henan_is_a_variant_of_2021():
    national, henan = get_layout("2021"), get_layout("2021", "henan")
    assert "本年收费金额（单位：万元，保留4位小数）" in texts(henan, "t2")
    assert "本年收费金额（单位：万元）" not in texts(henan, "t2")
    assert henan.cells["t2.fees.amount"].decimals == 4 and national.cells["t2.fees.amount"].decimals is None
    assert [c.key for c in henan.inputs] == [c.key for c in national.inputs]


def test_year_picks_format():
    assert format_for_year(2021) == "2021" and format_for_year(2025) == "2021"
    assert format_for_year(2020) == "2019" and format_for_year(2019) == "2019"
    assert layout_for_year(2020).format == "2019"


@pytest.mark.parametrize("layout", all_layouts(), ids=lambda lay: lay.label)
def test_totals_are_exactly_the_rule_targets(layout):
    targets = {r.target for r in layout.rules if isinstance(r, SumRule)}
    assert targets == {c.key for c in layout.totals}
    assert all(c.role is Role.TOTAL for c in layout.totals)
    for r in layout.rules:
        keys = [r.target, *r.addends] if isinstance(r, SumRule) else [*r.left, *r.right]
        assert all(k in layout.cells for k in keys)
    assert sum(isinstance(r, BalanceRule) for r in layout.rules) == 7


def test_rule_leaf_counts():
    def leaves(layout):
        rule = next(r for r in layout.rules if r.code == "T3-RESULTTOTAL")
        return len(rule.addends)

    assert leaves(get_layout("2021")) == 21
    # 2019: （六）其他处理 is one row; 三、本年度办理结果 spans 20 rows including （七）总计
    assert leaves(get_layout("2019")) == 19


def test_compute_recomputes_totals():
    layout = get_layout("2021")
    values = layout.compute({"t3.new.natural_person": 5, "t3.new.business": 2, "t3.disclosed.natural_person": 4,
                             "t3.carry_forward.natural_person": 1, "t4.review.upheld": 2, "t4.review.pending": 1,
                             "t2.fees.amount": Decimal("0.0125")})
    assert values["t3.new.total"] == 7
    assert values["t3.result_total.natural_person"] == 4
    assert values["t3.result_total.total"] == 4
    assert values["t4.review.total"] == 3
    assert values["t2.fees.amount"] == Decimal("0.0125")
    assert values["t3.other.other.total"] == 0


def test_a1_addresses():
    layout = get_layout("2021")
    assert layout.a1("t3.new.natural_person") == ("表三", "D6")
    assert layout.a1("t3.carry_forward.total") == ("表三", "J30")
    assert re.fullmatch(r"[A-Z]+\d+", layout.a1("t4.review.total")[1])
    # labels are NFKC-stable apart from punctuation width: a reader can match them after normalising
    for lb in layout.table("t3").labels:
        assert unicodedata.normalize("NFKC", lb.text).strip()


def _a1_block(lb) -> str:
    """A LabelSpec's block in FORMAT.md's spelling: 1-based, the official table's own grid (A1:C3 or E3)."""
    first, last = to_a1(lb.row, lb.col), to_a1(lb.last_row, lb.last_col)
    return first if first == last else f"{first}:{last}"


def test_table4_positions_are_format_md():
    # FORMAT.md, Table 四: Row1 A1:E1 行政复议, F1:O1 行政诉讼; Row2 A2:A3 ... E2:E3, F2:J2, K2:O2; Row3 F3..O3
    for layout in all_layouts():
        blocks = sorted((_a1_block(lb), lb.text) for lb in layout.table("t4").labels)
        expected = [("A1:E1", "行政复议"), ("F1:O1", "行政诉讼"), ("A2:A3", "结果维持"), ("B2:B3", "结果纠正"),
                    ("C2:C3", "其他结果"), ("D2:D3", "尚未审结"), ("E2:E3", "总计"), ("F2:J2", "未经复议直接起诉"),
                    ("K2:O2", "复议后起诉")]
        expected += [(f"{col}3", text) for col, text in zip("FGHIJKLMNO", T4_LABELS[2:7] * 2, strict=True)]
        assert blocks == sorted(expected), layout.label
        cells = {c.key: to_a1(c.row, c.col) for c in layout.table("t4").cells}
        assert [cells[k] for k in sorted(cells, key=lambda k: from_a1(cells[k]))] == [f"{c}4" for c in "ABCDEFGHIJKLMNO"]
        assert {k for k, a1 in cells.items() if a1[0] in "EJO"} == {f"t4.{b}.total" for b in
                                                                  ("review", "suit_direct", "suit_after_review")}


def test_table2_2021_positions_are_format_md():
    # FORMAT.md, Table 二 (2021): captions span A:D; in （五）（六）（八） the value column spans B:D
    t2 = get_layout("2021").table("t2")
    blocks = {(_a1_block(lb), lb.text) for lb in t2.labels}
    expected = {("A1:D1", "第二十条第（一）项"), ("A2", "信息内容"), ("B2", "本年制发件数"), ("C2", "本年废止件数"),
                ("D2", "现行有效件数"), ("A3", "规章"), ("A4", "行政规范性文件"), ("A5:D5", "第二十条第（五）项"),
                ("A6", "信息内容"), ("B6:D6", "本年处理决定数量"), ("A7", "行政许可"), ("A8:D8", "第二十条第（六）项"),
                ("A9", "信息内容"), ("B9:D9", "本年处理决定数量"), ("A10", "行政处罚"), ("A11", "行政强制"),
                ("A12:D12", "第二十条第（八）项"), ("A13", "信息内容"), ("B13:D13", "本年收费金额（单位：万元）"),
                ("A14", "行政事业性收费")}
    assert blocks == expected
    values = {(to_a1(c.row, c.col) + ("" if c.last_col == c.col else ":" + to_a1(c.row, c.last_col))) for c in t2.cells}
    assert values == {"B3", "C3", "D3", "B4", "C4", "D4", "B7:D7", "B10:D10", "B11:D11", "B14:D14"}


def test_table2_2019_blocks():
    """FORMAT.md gives the 2019 blocks (columns after 信息内容, rows); merging the last value column to D is our
    choice, so that every block fills the A:D grid."""
    t2 = get_layout("2019").table("t2")
    captions = [lb for lb in t2.labels if lb.text.startswith("第二十条")]
    assert [(_a1_block(lb), lb.text) for lb in captions] == [
        ("A1:D1", "第二十条第（一）项"), ("A5:D5", "第二十条第（五）项"), ("A9:D9", "第二十条第（六）项"),
        ("A13:D13", "第二十条第（八）项"), ("A16:D16", "第二十条第（九）项")]
    headers = [[lb.text for lb in sorted(t2.labels, key=lambda x: x.col) if lb.row == cap.row + 1] for cap in captions]
    assert headers == [["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                       ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                       ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                       ["信息内容", "上一年项目数量", "本年增/减"],
                       ["信息内容", "采购项目数量", "采购总金额"]]
    for lb in t2.labels:  # the last header of each block reaches column D
        if lb.row - 1 in {c.row for c in captions} and lb.col > 0:
            last_of_block = max(x.col for x in t2.labels if x.row == lb.row)
            assert lb.last_col == (3 if lb.col == last_of_block else lb.col), lb.text
    for c in t2.cells:
        header = max((lb for lb in t2.labels if lb.col == c.col and lb.row < c.row and lb.text == c.col_label),
                     key=lambda lb: lb.row)  # the block's own header: the nearest above
        assert (c.col, c.last_col) == (header.col, header.last_col), c.key
    kinds = {c.key: c.kind for c in t2.cells}
    assert {k for k, v in kinds.items() if v is Kind.SIGNED} == {
        "t2.licensing.change", "t2.other_services.change", "t2.penalty.change", "t2.enforcement.change",
        "t2.fees.change"}
    assert {k for k, v in kinds.items() if v is Kind.AMOUNT} == {"t2.procurement.amount"}


def test_table3_2019_positions_are_format_md():
    # FORMAT.md: as 2021 except （六）其他处理 is one row (B:C); 三 spans 20 rows; （七）总计 row 25; 四 row 26
    t3 = get_layout("2019").table("t3")
    merges = {lb.text: _a1_block(lb) for lb in t3.labels if lb.merged}
    assert merges["三、本年度办理结果"] == "A6:A25"
    assert merges["（六）其他处理"] == "B24:C24"
    assert merges["（七）总计"] == "B25:C25"
    assert merges["四、结转下年度继续办理"] == "A26:C26"
    assert (merges["（三）不予公开"], merges["（四）无法提供"], merges["（五）不予处理"]) == ("B8:B15", "B16:B18", "B19:B23")
    assert get_layout("2019").cells["t3.other.total"].row_label == "（六）其他处理"


@pytest.mark.parametrize("layout", all_layouts(), ids=lambda lay: lay.label)
def test_every_cell_names_its_official_row_and_column(layout):
    """A cell's row and column labels are labels of its table that sit in its row and above its column."""
    for t in layout.tables:
        for c in t.cells:
            texts_in_row = {lb.text for lb in t.labels if lb.row <= c.row <= lb.last_row and lb.col < c.col}
            texts_above = {lb.text for lb in t.labels if lb.row < c.row and lb.col <= c.col <= lb.last_col}
            assert c.row_label in texts_in_row or (t.key == "t4" and c.row_label in texts_above), c.key
            assert c.col_label in texts_above, c.key
            assert c.row_group == "" or c.row_group in texts_in_row | texts_above, c.key
            assert c.col_group == "" or c.col_group in texts_above, c.key
