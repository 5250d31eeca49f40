"""What nianbao.read says to a user outside the findings catalogue: named texts, ``str.format`` templates."""

from __future__ import annotations

#: a summary's 明细 sheet could not be read (said after "文件" / "它"): which file, why, and what to do
DETAIL_UNREADABLE = "（{name}）的“明细”表无法读取：{reason}；请确认文件能用 WPS 打开，或用 nianbao merge 重新生成这份汇总表"
