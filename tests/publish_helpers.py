"""Test helpers for render/import: the peer JSON reports as an HTML page, and a report flattened into
web-page text the way published pages are (labels and numbers on lines), with the quirks of real pages."""

from __future__ import annotations

import html
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from nianbao.form.model import Report
from nianbao.publish.render import format_value

# -- the peer JSON (another checker's parse of real 2023 reports) -----------------------------------

T3_ROWS: list[tuple[str, str, str]] = [  # (json path, group label, row label) as printed on a real page
    ("newReceived", "", "一、本年新收政府信息公开申请数量"),
    ("carriedOver", "", "二、上年结转政府信息公开申请数量"),
    ("results.granted", "", "（一）予以公开"),
    ("results.partialGrant", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("results.denied.stateSecret", "（三）不予公开", "1．属于国家秘密"),
    ("results.denied.lawForbidden", "（三）不予公开", "2．其他法律行政法规禁止公开"),
    ("results.denied.safetyStability", "（三）不予公开", "3．危及“三安全一稳定”"),
    ("results.denied.thirdPartyRights", "（三）不予公开", "4．保护第三方合法权益"),
    ("results.denied.internalAffairs", "（三）不予公开", "5．属于三类内部事务信息"),
    ("results.denied.processInfo", "（三）不予公开", "6．属于四类过程性信息"),
    ("results.denied.enforcementCase", "（三）不予公开", "7．属于行政执法案卷"),
    ("results.denied.adminQuery", "（三）不予公开", "8．属于行政查询事项"),
    ("results.unableToProvide.noInfo", "（四）无法提供", "1．本机关不掌握相关政府信息"),
    ("results.unableToProvide.needCreation", "（四）无法提供", "2．没有现成信息需要另行制作"),
    ("results.unableToProvide.unclear", "（四）无法提供", "3．补正后申请内容仍不明确"),
    ("results.notProcessed.complaint", "（五）不予处理", "1．信访举报投诉类申请"),
    ("results.notProcessed.repeat", "（五）不予处理", "2．重复申请"),
    ("results.notProcessed.publication", "（五）不予处理", "3．要求提供公开出版物"),
    ("results.notProcessed.massiveRequests", "（五）不予处理", "4．无正当理由大量反复申请"),
    ("results.notProcessed.confirmInfo", "（五）不予处理", "5．要求行政机关确认或重新出具已获取信息"),
    ("results.other.overdueCorrection", "（六）其他处理",
     "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("results.other.overdueFee", "（六）其他处理", "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("results.other.otherReasons", "（六）其他处理", "3．其他"),
    ("results.totalProcessed", "", "（七）总计"),
    ("results.carriedForward", "", "四、结转下年度继续办理"),
]
T3_COLS = ("naturalPerson", "legalPerson.commercial", "legalPerson.research", "legalPerson.social",
           "legalPerson.legal", "legalPerson.other", "total")
T3_KEYS = ("natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total")
T3_ROW_KEYS = ("new", "carried_over", "disclosed", "partial", *(f"withheld.{k}" for k in (
    "state_secret", "prohibited_by_law", "three_safety", "third_party", "internal_affairs", "process_info",
    "enforcement_file", "inquiry")), "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
    "not_processed.petition", "not_processed.repeat", "not_processed.publication", "not_processed.mass_repeat",
    "not_processed.confirmation", "other.no_correction", "other.no_fee", "other.other", "result_total",
    "carry_forward")
T4_BLOCKS = (("review", "review"), ("litigationDirect", "suit_direct"), ("litigationPostReview", "suit_after_review"))
T4_COLS = (("maintain", "upheld"), ("correct", "corrected"), ("other", "other"), ("unfinished", "pending"),
           ("total", "total"))


def load_peer(path: Path) -> dict[str, Any]:
    """The sections of a peer report: {"table_2": {...}, "table_3": {...}, "table_4": {...}}."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if "active_version" in data:
        data = data["active_version"]["parsed_json"]
    out: dict[str, Any] = {}
    for sec in data["sections"]:
        if sec["type"] == "table_2":
            out["table_2"] = sec["activeDisclosureData"]
        elif sec["type"] == "table_3":
            out["table_3"] = sec["tableData"]
        elif sec["type"] == "table_4":
            out["table_4"] = sec["reviewLitigationData"]
    return out


def _get(d: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        d = d[part]
    return d


def peer_values(peer: dict[str, Any]) -> dict[str, Any]:
    """The numbers of a peer report as nianbao cell keys (totals as printed)."""
    t2 = peer["table_2"]
    out: dict[str, Any] = {}
    for src, key in (("regulations", "rules"), ("normativeDocuments", "normative")):
        for a, b in (("made", "issued"), ("repealed", "repealed"), ("valid", "in_force")):
            out[f"t2.{key}.{b}"] = t2[src][a]
    out["t2.licensing.decisions"] = t2["licensing"]["processed"]
    out["t2.penalty.decisions"] = t2["punishment"]["processed"]
    out["t2.enforcement.decisions"] = t2["coercion"]["processed"]
    out["t2.fees.amount"] = Decimal(str(t2["fees"]["amount"]))
    t3 = peer["table_3"]
    for (path, _g, _l), rkey in zip(T3_ROWS, T3_ROW_KEYS, strict=True):
        for col, ckey in zip(T3_COLS, T3_KEYS, strict=True):
            out[f"t3.{rkey}.{ckey}"] = _get(_get(t3, col), path)
    for src, block in T4_BLOCKS:
        for a, b in T4_COLS:
            out[f"t4.{block}.{b}"] = peer["table_4"][src][a]
    return out


def _num(v: Any) -> str:
    return f'<p style="text-align:center"><span style="font-family:宋体">{html.escape(str(v))}</span></p>'


#: part 一 of the pages made here: its five sub-items, each with a sentence (a complete report's)
OVERVIEW = ("(一)主动公开政府信息情况", "全年主动公开政府信息。", "(二)依申请公开情况", "依法办理政府信息公开申请。",
            "(三)政府信息管理情况", "及时更新已公开的政府信息。", "(四)政府信息公开平台建设情况", "依托门户网站发布政府信息。",
            "(五)监督保障情况", "将政府信息公开纳入年度考核。")


def peer_html(peer: dict[str, Any], title: str) -> str:
    """An HTML page like a portal's: headings in <p><strong>, tables with rowspan/colspan, labels broken
    with <br>, values wrapped in <p><span>."""
    t2, t3, t4 = peer["table_2"], peer["table_3"], peer["table_4"]
    out = ["<html><head><meta charset='utf-8'><title>", html.escape(title), "</title></head><body>",
           f"<h1>{html.escape(title)}</h1>", "<p><strong>一、总体情况</strong></p>",
           *(f"<p>{line}</p>" for line in OVERVIEW),
           "<p><strong>二、主动公开政府信息情况</strong></p>", "<table border='1'><tbody>"]

    def caption(text: str) -> None:
        out.append(f"<tr><td colspan='4'>{text}</td></tr>")

    caption("第二十条第（一）项")
    out.append("<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>")
    for src, label in (("regulations", "规章"), ("normativeDocuments", "行政规范性文件")):
        out.append(f"<tr><td>{label}</td>" + "".join(f"<td>{_num(t2[src][k])}</td>" for k in ("made", "repealed", "valid"))
                   + "</tr>")
    for cap, header, rows in (
        ("第二十条第（五）项", "本年处理决定数量", (("licensing", "行政许可"),)),
        ("第二十条第（六）项", "本年处理决定数量", (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees", "行政事业性收费"),)),
    ):
        caption(cap)
        out.append(f"<tr><td>信息内容</td><td colspan='3'>{header}</td></tr>")
        for src, label in rows:
            v = t2[src].get("processed", t2[src].get("amount"))
            out.append(f"<tr><td>{label}</td><td colspan='3'>{_num(v)}</td></tr>")
    out += ["</tbody></table>", "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>", "<table border='1'>",
            "<tr><td rowspan='3' colspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td>"
            "<td colspan='7'>申请人情况</td></tr>",
            "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>",
            "<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益<br>组织</td><td>法律服务<br>机构</td><td>其他</td></tr>"]
    done_groups: set[str] = set()
    for i, (path, group, label) in enumerate(T3_ROWS):
        cells = []
        if i == 2:
            cells.append("<td rowspan='22'>三、本年度<br>办理结果</td>")
        if group and group not in done_groups:
            n = sum(1 for _p, g, _l in T3_ROWS if g == group)
            cells.append(f"<td rowspan='{n}'>{group}</td>")
            done_groups.add(group)
        if group:
            cells.append(f"<td>{label}</td>")
        elif 2 <= i <= 23:
            cells.append(f"<td colspan='2'>{label}</td>")
        else:
            cells.append(f"<td colspan='3'>{label}</td>")
        cells += [f"<td>{_num(_get(_get(t3, col), path))}</td>" for col in T3_COLS]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</table>", "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>", "<table border='1'>",
            "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>",
            "<tr>" + "".join(f"<td rowspan='2'>{n}</td>" for n in ("结果<br>维持", "结果<br>纠正", "其他<br>结果",
                                                                      "尚未<br>审结", "总计"))
            + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>",
            "<tr>" + "".join(f"<td>{n}</td>" for n in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2)
            + "</tr>",
            "<tr>" + "".join(f"<td>{_num(t4[src][a])}</td>" for src, _b in T4_BLOCKS for a, _k in T4_COLS) + "</tr>",
            "</table>", "<p><strong>五、存在的主要问题及改进情况</strong></p>", "<p>公开力度有待加强。</p>",
            "<p><strong>六、其他需要报告的事项</strong></p>", "<p>无。</p>", "</body></html>"]
    return "\n".join(out)


# -- a report flattened into web-page text ---------------------------------------------------------


def web_text(report: Report, *, title: bool = True, subtotal_rows: bool = False, subtotal_col: bool = False,
             no_total_col: bool = False, split_labels: bool = False, slash_zero: bool = False) -> str:
    """``report`` as the text of a web page (as baicheng-2021.txt): tables flattened into lines of labels
    and numbers, with optional quirks of real pages."""
    layout = report.layout
    values = report.values
    lines: list[str] = []
    if title:
        lines.append(f"{report.office}{report.year}年政府信息公开工作年度报告")
    lines += ["一、总体情况", *OVERVIEW]

    def num(key: str) -> str:
        spec = layout.cells[key]
        text = format_value(spec, values[key])
        return "/" if slash_zero and text == "0" else text

    t2 = layout.table("t2")
    lines.append("二、主动公开政府信息情况")
    for r in range(t2.n_rows):
        labels = [lb.text for lb in sorted(t2.labels, key=lambda lb: lb.col) if lb.row == r]
        cells = sorted((c for c in t2.cells if c.row == r), key=lambda c: c.col)
        lines.append(" ".join(labels + [num(c.key) for c in cells]))
    t3 = layout.table("t3")
    lines += ["三、收到和处理政府信息公开申请情况",
              "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) 申请人情况",
              "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"
              + (" 小计" if subtotal_col else "")]
    current_group = ""
    for r in range(3, t3.n_rows):
        cells = sorted((c for c in t3.cells if c.row == r), key=lambda c: c.col)
        first = cells[0]
        group = first.row_group if not first.row_group.startswith("三、") else ""
        if subtotal_rows and group and group != current_group:
            keys = [c.key.rsplit(".", 1)[0] for c in t3.cells if c.row_group == group and c.col == 3]
            sums = [sum(values[f"{k}.{c.key.rsplit('.', 1)[1]}"] for k in keys) for c in cells]
            lines.append(f"{group} " + " ".join(str(s) for s in sums))
        labels = [lb.text for lb in sorted(t3.labels, key=lambda lb: lb.col) if lb.row == r and lb.col < 3]
        if split_labels:
            joined = "".join(labels)
            half = len(joined) // 2
            labels = [joined[:half] + "\n" + joined[half:]]
        nums = [num(c.key) for c in cells]
        if subtotal_col:
            nums.insert(6, str(sum(values[c.key] for c in cells[1:6])))
        if no_total_col:
            nums = nums[:-1]
        lines.append(" ".join(labels + nums))
        current_group = group
    t4 = layout.table("t4")
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼",
              "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
              "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
              " ".join(num(c.key) for c in sorted(t4.cells, key=lambda c: c.col))]
    lines += ["五、存在的主要问题及改进情况", "公开力度有待加强。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines) + "\n"
