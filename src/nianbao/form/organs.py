"""The organ that signs an area's report (its 落款), from the area's name.

《中华人民共和国政府信息公开条例》第三条: 县级以上地方人民政府办公厅（室）是本行政区域的政府信息公开工作主管部门;
第四十九条: that 主管部门 publishes the 本级政府's annual report. So a county's summary of its offices (全县汇总) is
signed by the county's 人民政府办公室 (a province's 人民政府办公厅), and the county government's own report by
the 人民政府. A name that is not an area's (汇总, 教育系统) or an area without a 人民政府 (a 开发区's 管委会)
gives no organ: it is not guessed.
"""

from __future__ import annotations

from nianbao.form.sheets import AREA_ENDINGS

GOVERNMENT = "人民政府"
#: 人民政府办公室: the disclosure office of a county, a district, a city (条例 第三条)
GENERAL_OFFICE = "办公室"
#: 人民政府办公厅: a province's (and an autonomous region's) disclosure office
PROVINCE_GENERAL_OFFICE = "办公厅"
PROVINCE_ENDINGS = ("省", "自治区")
#: areas governed by a 管理委员会, not a 人民政府: their organ is not guessed
NOT_GOVERNED = ("开发区", "高新区", "园区", "示范区", "管委会")


def area_of(name: str) -> str | None:
    """The area a summary's name names (乙县 for 乙县 and 乙县人民政府); None when it is not an area's name."""
    area = name.strip().removesuffix(GOVERNMENT)
    if not area or not area.endswith(AREA_ENDINGS) or area.endswith(NOT_GOVERNED):
        return None
    return area


def government_of(name: str) -> str | None:
    """The area's 人民政府 (乙县人民政府): the organ of the 本级政府's report; None when ``name`` is no area's."""
    area = area_of(name)
    return None if area is None else area + GOVERNMENT


def general_office_of(name: str) -> str | None:
    """The area's 人民政府办公室 (a province's 办公厅), its disclosure office, which compiles the area's summary;
    None when ``name`` is no area's."""
    area = area_of(name)
    if area is None:
        return None
    return area + GOVERNMENT + (PROVINCE_GENERAL_OFFICE if area.endswith(PROVINCE_ENDINGS) else GENERAL_OFFICE)
