"""The county's list of offices expected to report (名单), as ``read.roster`` reads it: the column headings
it looks for (in the header row, or in a row below a title) and how a cell of 别名 separates names."""

from __future__ import annotations

NAME_COLUMN, CATEGORY_COLUMN = "单位名称", "单位类别"
ALIAS_COLUMN = "别名"
#: the optional columns beside the name and category: column heading -> RosterEntry field
EXTRA_COLUMNS = {"所属县": "county", "联系人": "contact", "联系电话": "phone", ALIAS_COLUMN: "aliases"}
#: what separates the names of one 别名 cell (a regular expression)
ALIAS_SEPARATORS = r"[、,，;；/／|]"
