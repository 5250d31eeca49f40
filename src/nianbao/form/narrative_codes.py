"""The codes of the narrative rules (``nianbao.check.narrative``): (code, severity, title, message template,
remedy), made ``CodeSpec``s of the catalogue by ``nianbao.form.findings``."""

from __future__ import annotations

from nianbao.form.finding_tags import PART_MISSING, Row, Tag

NARRATIVE: tuple[Row, ...] = (
    (PART_MISSING, "warning", "报告缺少六个部分中的一个",
     "没有找到“{heading}”这一部分（报告应有六个部分，标题用《格式》的原文）。",
     "请按国办《政府信息公开工作年度报告格式》补上这一部分和它的标题；没有内容的写“无。”。", (Tag.PART_LACKING,)),
    ("NARR-PART-ORDER", "warning", "六个部分的顺序不对",
     "报告各部分的顺序是 {actual}，应为 {expected}。",
     "请按“一、总体情况”到“六、其他需要报告的事项”的顺序排列各部分。"),
    ("NARR-PART-HEADING", "warning", "部分标题与《格式》的原文不同",
     "标题写作“{actual}”，《格式》的原文是“{expected}”。",
     "把标题改为《格式》的原文：{expected}。"),
    ("NARR-PART-EMPTY", "warning", "一个部分只有标题，没有内容",
     "“{heading}”下面没有内容。",
     "写上这一部分的内容，不要只留标题：“五、存在的主要问题及改进情况”写出问题和改进措施；“六、其他需要报告的事项”"
     "中没有可报告的，写“无。”。", (Tag.PART_LACKING,)),
    ("NARR-ONLY-NONE", "warning", "应写明本年情况的一项只写了“无”",
     "正文“{section}”只写了“{quote}”：这一项每个单位都要写明本年的情况，只写“无”在评估中会被扣分。",
     "写出本年这方面做了什么、有哪些数字；“五、存在的主要问题及改进情况”写出存在的问题和改进措施；确实没有开展的，"
     "写明没有开展及原因。"),
    ("NARR-SUB-MISSING", "warning", "“一、总体情况”缺少规定的小项",
     "“一、总体情况”应写主动公开、依申请公开、政府信息管理、平台建设、监督保障五项，缺少：{missing}"
     "（现有小标题：{found}）。",
     "按五个小项分别撰写总体情况，可以用本单位自己的小标题，但五项都要写到。", (Tag.PART_LACKING,)),
    ("NARR-ITEM-EMPTY", "warning", "“六、其他需要报告的事项”有一项没有写",
     "“{part}”的“{item}”没有填写（已写的有：{found}）；发布稿中这一项会连同标题一起缺失。",
     "请每一项都写上：没有可报告的，填“无。”；收取信息处理费一项写明是否收取、金额多少。"),
    ("NARR-INTRO-PARTS", "warning", "开头说报告有几部分，与实际列出的不符",
     "正文“{section}”写的是“{quote}”：说是 {said} 部分，列出的是 {listed} 部分；年度报告有六部分。",
     "开头一段应写明报告由总体情况、主动公开政府信息情况等六部分组成，并逐一列出。"),
    ("NARR-LEFTOVER", "warning", "正文中有模板留下的占位符",
     "正文“{section}”中有模板留下的占位符（{what}）：“{quote}”。",
     "把占位符换成实际内容（数字、名称、电话），或删去这句话。"),
    ("NARR-CITATION", "warning", "格式通知的文号写错了",
     "正文“{section}”引用的是“{actual}”，{how}；应为“{expected}”。",
     "照抄文号：{expected}（年份用六角括号〔〕，“号”前是序号）。"),
    ("NARR-YEAR", "warning", "标题或统计期限的年份不是报告年度",
     "{where}中的“{quote}”是 {actual} 年，本报告是 {expected} 年度的报告。",
     "改正年份；照上年报告修改时，标题、统计期限和正文中的年份都要改为本年。"),
    ("NARR-NONE", "warning", "正文说没有，表格中却有",
     "正文“{section}”说“{quote}”，但{table_name}是 {expected}。",
     "核对正文与表格：有申请或案件的，正文写明件数和办理情况；确实没有的，改正表格。"),
    ("NARR-FEE", "warning", "正文说未收取信息处理费，表三却有发出收费通知的申请",
     "正文“{section}”说“{quote}”，但{table_name}是 {expected} 件：本年向申请人发出过收费通知，正文没有写到。",
     "在“六、其他需要报告的事项”的“（一）收取信息处理费”中写明发出收费通知的件数和实际收取的金额"
     "（申请人逾期未缴纳的，写明未缴纳、不再处理）；没有发出过收费通知的，改正表三该行。"),
    ("NARR-PERCENT", "warning", "正文中的百分比与表格算出的不一致",
     "正文“{section}”写的是“{quote}”，按表格计算应为 {expected}（以 {base} 件为基数）。",
     "用表格中的件数重新计算百分比（该项件数 ÷ 办理结果总计 × 100%），改正正文或表格。"),
    ("NARR-SAME-YEAR", "warning", "正文与上年报告大半相同",
     "正文有 {share} 与{office}{year}年度报告的正文相同（超过 {limit}；数字不同的句子也算相同）。",
     "按本年的实际工作重写总体情况、存在的问题及改进情况；考核中正文与上年雷同超过一半会被扣分。"),
    ("NARR-COPY-YEAR", "warning", "正文几乎照搬上年报告",
     "正文几乎照搬了{office}{year}年度的报告：{share} 的内容相同，{how}。",
     "重写正文，写本年做了什么、有什么问题、怎么改进；照搬上年报告在考核和第三方评估中都会被点名扣分。"),
    ("NARR-SAME-OFFICE", "warning", "两个单位的正文几乎相同",
     "正文与“{other}”的报告几乎相同（{share} 相同）。",
     "各单位的报告应写本单位的工作：核对是否交错了文件，或按本单位的实际重写正文。"),
)
