"""The words the narrative rules (``nianbao.check.narrative``) read a report's text by: how published reports
write their headings, placeholders, citations, periods, claims of none, fees and shares. Patterns are kept
as the source of regular expressions (compiled where they are used); each was taken from real reports
(../shared/reference, FORMAT.md) or from the reviewers' examples named beside it."""

from __future__ import annotations

# -- structure ------------------------------------------------------------------------------------------------

#: a part heading (一、总体情况) and a sub-heading (（一）主动公开) of a published document, NFKC-normalised
PART_LINE = r"^([一二三四五六])[、.．,，]\s*(\S.{0,40})$"
SUB_LINE = r"^[（(]([一二三四五六七八九])[)）]\s*(.*)$"
#: the parts whose text is narrative (the others are tables)
NARRATIVE_PARTS = ("一", "五", "六")
#: the part with the five sub-items
OVERVIEW_PART = "一"
#: the parts whose every section says what the year was, so that "无。" alone is marked down (六's items may be 无)
NOT_NONE_PARTS = ("一", "五")
#: the five sub-items of 一, by the words a sub-heading names them with (real reports vary the rest)
SUB_ITEMS = (("（一）主动公开", ("主动公开",)), ("（二）依申请公开", ("依申请",)),
             ("（三）政府信息管理", ("信息管理", "管理")), ("（四）政府信息公开平台建设", ("平台",)),
             ("（五）监督保障", ("监督", "保障")))

#: "本报告由总体情况、……六部分组成": the list and the count of the parts an intro names
INTRO = r"(?:由|包括|分为|分)?(?P<list>[^。；]{0,160}?)(?:等|共)?(?P<n>[一二三四五六七八九十\d]+)(?:个)?部分"
#: the word every match of ``INTRO`` ends with, and the marks no match holds (it lies within one clause)
INTRO_WORD, INTRO_CLAUSE_ENDS = "部分", "。；"
INTRO_LIST_START = r"^.*?(?:由|包括|分为)"
INTRO_LIST_SEPARATORS = r"[、,，和及]"
#: a count of parts that an intro of the report itself says (not "第一部分" of something else)
INTRO_OF_REPORT = "报告"
CHINESE_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# -- leftovers of a template ------------------------------------------------------------------------------------

#: (pattern, what it is called in NARR-LEFTOVER's message); XX not inside a Latin word, an address or a
#: number (xxgk.gov.cn, xx@163.com: the reviewers' false alarms), X before a measure word (X条)
LEFTOVERS = (
    (r"(?<![A-Za-z0-9@._/-])[XＸ×xｘ]{2,}(?![A-Za-z0-9@._/-])|＊{2,}|\*{2,}", "XX 或 ××"),
    (r"(?<![A-Za-z0-9ＸX×ｘ])[XＸ×](?=\s*(?:条|件|个|项|次|人|篇|期|场|万元|元|年|月|日))", "X条、X件"),
    (r"[（(][\s　]*[)）]", "空括号（ ）"),
    (r"【[^】\n]{0,30}】", "【】"),
    (r"[□☐■]", "□"),
    # (not when the number is on the next line: 联系电话：\n0517-86881234)
    (r"(?m)(?:电话|联系电话|传真|邮箱|地址)[:：](?![\s　]*[0-9A-Za-z（(+])[\s　]*(?=$|[，,。；;）)\n])", "空白的电话："),
)

#: a citation of the format notice (国办公开办函〔2021〕30号), however it was typed
CITATION = r"国办公开办函\s*(?P<open>\D{0,2}?)\s*(?P<year>\d{4})\s*(?P<close>\D{0,2}?)\s*(?P<no>\d{1,3})\s*号"
CITATION_OTHER_NOTICE = "引用的是另一版格式的通知"
CITATION_MISTYPED = "文号写法不对（年份用六角括号〔〕）"

#: the statistics period (2023年1月1日至2023年12月31日) and the title's year (2023年政府信息公开工作年度报告)
#: (统计期限为2022年1月1日至12月31日: the second year left out, as most openings write it)
PERIOD = r"(?P<y1>(?:19|20)\d\d)年1月1日(?:起)?(?:至|到|—|-|－|~|～)(?:(?P<y2>(?:19|20)\d\d)年)?12月31日"
TITLE_YEAR = r"(?P<y1>(?:19|20)\d\d)年度?(?:的)?政府信息公开(?:工作)?年度报告"

# -- claims of none ---------------------------------------------------------------------------------------------

#: (pattern, the roles whose total it denies, how the message names that total)
_NO = r"(?:未|没有|无)"
_WHO = r"(?:[^。；;，,]{0,20}?(?:提出|提交)的)?"  # 没有收到公民、法人或其他组织提出的政府信息公开申请
_FOR = r"(?:因)?(?:政府信息公开)?(?:方面|工作|事项)?(?:的|引起的|引发的)?(?:被)?(?:申请|提起|提请)?"  # 未发生因政府信息公开被申请行政复议
NONE_CLAIMS = (
    (_NO + r"(?:收到|受理|接到)?(?:过|任何)?" + _WHO + r"(?:(?:政府信息公开|信息公开|依申请公开|政府信息)(?:的)?申请"
     r"|依申请公开(?:事项|件|信件))|零申请", ("new_total",), "表三“一、本年新收政府信息公开申请数量”的总计"),
    (_NO + r"(?:发生|收到|产生|出现|涉及)?" + _FOR + r"行政复议(?!被|纠|败|结果|决定)", ("review_total",),
     "表四“行政复议”的总计"),
    (_NO + r"(?:发生|收到|产生|出现|涉及)?" + _FOR + r"(?:行政复议(?:和|、|或|及|与)?(?:被)?(?:提起|起诉)?)?行政诉讼"
     r"(?!被|纠|败|结果|判决)", ("suit_totals",), "表四“行政诉讼”两栏的总计之和"),
)
#: a section of 一 about applications (（二）依申请公开) written as "无。" while 表三 has some: a claim of none too
NONE_ALONE = r"^(?:无|没有|暂无)[。.]?$"
REQUEST_SECTION = "依申请"
#: before a claim of none, in the same clause: it speaks of another year (上年未发生行政复议，本年发生…)
NONE_OF_ANOTHER_YEAR = r"(?:上年度?|去年|上一年度?|(?P<year>(?:19|20)\d\d)年)[^。；;，,]{0,6}$"
#: the rest of a clause that makes a claim of none about something else than how many there were: 未发生
#: 行政复议、行政诉讼被纠错, 未收到政府信息公开申请人的投诉举报, 没有政府信息公开申请逾期答复
NOT_A_COUNT = r"被纠|纠错|败诉|逾期|超期|投诉|举报|申请人的"
CLAUSE_END = r"[，,。；;！？!?]"

# -- the fee ----------------------------------------------------------------------------------------------------

#: 六's fee item saying no 信息处理费 was charged: 未收取信息处理费, 未向公众收取政府信息处理相关费用, 收费为零
NO_FEE = (r"(?:未|没有|无|不|均未)(?:向[^。；，,]{0,10})?(?:收取|收|产生|发生)(?:过|任何)?(?:政府)?(?:信息)?"
          r"(?:公开)?(?:处理)?(?:相关)?(?:费用|费)|(?:信息处理费|依申请公开收费|收费)(?:金额)?(?:为|是)?"
          r"(?:零|0(?:\.0+)?)(?:元|万元)?(?![\d.])")
#: a text that speaks of the fee notices themselves (发出收费通知 2 件，申请人未缴纳) says what table 三 counts
FEE_NOTICE = r"收费通知|缴费通知|缴纳"
#: how NARR-FEE names the row of 表三 it compares with
FEE_TABLE_NAME = "表三“{group} {label}”的总计"

# -- shares -----------------------------------------------------------------------------------------------------

#: the results of 表三 a text names, by the words of their row (or row group) label
RESULTS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
#: "予以公开 42 件，占 42.86%": only where the text names a result of 表三 ("政策解读 60 条，占 5%" is a share
#: of something else)
PERCENT = (r"(?P<what>" + "|".join(RESULTS) + r")[^。；%％]{0,10}?(?<![\d.])(?P<n>\d+)(?:件|个|条)"
           r"[,，]?(?:约|共)?(?:占|占比|比例为|比例是)[^\d。；]{0,8}?(?P<p>\d+(?:\.\d+)?)[%％]")

# -- sameness ---------------------------------------------------------------------------------------------------

#: a figure masked before sentences are compared: digits, and Chinese numerals before a measure word
FIGURE = r"[0-9０-９]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+(?=[件条个项次人篇年])"
