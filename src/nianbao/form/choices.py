"""The form's choices by name, without its layouts: the command line's help names them before any layout is
built (building the layouts' classes is a tenth of ``nianbao --help``, benchmarks/startup.py)."""

from __future__ import annotations

#: the choices of 单位类别
COUNTY_GOVERNMENT, COUNTY_DEPARTMENT, TOWNSHIP, SUBDISTRICT = "县级人民政府本级", "县直部门", "乡镇人民政府", "街道办事处"
OTHER_CATEGORY = "其他"
OFFICE_CATEGORIES = (COUNTY_GOVERNMENT, COUNTY_DEPARTMENT, TOWNSHIP, SUBDISTRICT, OTHER_CATEGORY)
#: categories at county level or below: they make no 规章 (rule L-RULES)
COUNTY_LEVEL_CATEGORIES = (COUNTY_GOVERNMENT, COUNTY_DEPARTMENT, TOWNSHIP, SUBDISTRICT)

#: the variant of a format that is no province's own (the national tables)
NATIONAL = "national"
