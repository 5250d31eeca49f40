"""The words of the form that a summary's drafted narrative and its charts look for (``merge.draft``,
``merge.summary``): row labels of 表二 and 表三, the sub-headings of 正文 一 a draft is written under, and how
table 三's labels are grouped. Matched against the layout's own labels, so each is a part of those labels."""

from __future__ import annotations

#: the results of 表三 a draft names, in the official order, by the words of their row labels
RESULT_WORDS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
#: 表二's decisions: the rows named (by their row label), and the name a draft gives each
DECISIONS = (("行政许可", "行政许可决定"), ("行政处罚", "行政处罚决定"), ("行政强制", "行政强制决定"))
#: the words of 表二's column that counts the decisions
DECISION_COLUMN = "处理决定"
#: the sub-headings of 正文 一 a draft is written under, by their last words: 主动公开, then 依申请公开
ACTIVE_SECTION, REQUEST_SECTION = "主动公开", "依申请公开"
#: the group label of 表三's handling results (三、本年度办理结果): its rows are named by their own label
RESULTS_GROUP_PREFIX = "三、"
#: where a row label's qualifier starts (（二）部分公开（区分处理的，只计这一情形…）): a chart leaves it out
LABEL_QUALIFIER = "（区分"
