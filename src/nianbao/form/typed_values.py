"""How clerks type a figure into a cell of the tables other than as a bare number (read by
``read.values.parse_value``): the words for "nothing happened", and the units they append."""

from __future__ import annotations

#: texts that mean "nothing happened" (read as 0, with a warning)
ZERO_WORDS = frozenset({"—", "——", "-", "--", "–", "――", "―", "─", "━", "/", "\\", "无", "没有", "暂无", "空", "零", "〇",
                        "×", "x", "X"})
#: units people append to a number, by the kind of cell they fit; any other unit makes the value an error
#: (a fee "1200元" is not 1200 万元, a count "3万元" is not a count)
COUNT_UNITS = ("件次", "件", "条", "个", "项", "次", "份")
AMOUNT_UNITS = ("万元", "万")
