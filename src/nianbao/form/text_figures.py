"""How 正文 quotes a figure of the tables (rule N-TEXT, ``check.validate.check_text``).

Each phrase is a pattern on normalised text (NFKC, no whitespace) whose group ``n`` is the number, with the
figure's name as a message says it and the roles (``spec.ROLES``) whose cells it sums. A figure may be
written in Chinese numerals (十二, 一百零五).
"""

from __future__ import annotations

#: a figure and its unit: 12件, 十二宗…
FIGURE = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)(?:件|宗|起|个|条)"
NUMERAL_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000}

#: what counts as "clearly refers to a table figure": the phrase names the figure and its unit 件;
#: (pattern, the figure's name, roles)
TEXT_FIGURES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # 共收到政府信息公开申请12件, 收到依申请公开申请2条, 共收到依申请公开14件, 收到依申请公开信件19件 (the reviewers'
    # real wordings: 吴起, 刚察, 龙游)
    (r"(?:共|全年|本年度?|新)(?:收到|受理|接收|新收)(?:各类)?(?:(?:政府信息公开|信息公开)?申请|依申请公开(?:申请|信件|事项)?)"
     r"(?:共计?)?" + FIGURE,
     "表三“一、本年新收政府信息公开申请数量”的总计", ("new_total",)),
    (r"上年结转(?:政府信息公开|信息公开)?申请(?:共计?)?" + FIGURE,
     "表三“二、上年结转政府信息公开申请数量”的总计", ("carried_over_total",)),
    (r"结转下年度?(?:继续)?办理(?:的申请)?(?:共计?)?" + FIGURE,
     "表三“四、结转下年度继续办理”的总计", ("carry_forward_total",)),
    (r"(?:发生|收到|涉及|办理)?(?:政府信息公开)?行政复议(?:案件|申请)?(?:共计?)?" + FIGURE,
     "表四“行政复议”的总计", ("review_total",)),
    (r"(?:发生|收到|涉及|办理)?(?:政府信息公开)?行政诉讼(?:案件)?(?:共计?)?" + FIGURE,
     "表四“行政诉讼”两栏的总计之和", ("suit_totals",)),
    # "本年度未发生…行政复议、行政诉讼案件", "未收到政府信息公开申请": claims of none are the narrative rule
    # NARR-NONE (nianbao.check.narrative)
)

#: before a quoted figure, in the same clause: the figure is of another year (2022年收到行政复议申请3件, 上年
#:结转…, 同比增加…), not this year's table
OTHER_YEAR_BEFORE = r"(?:上年度?|去年|上一年度?|同比|较上年|(?P<year>(?:19|20)\d\d)年)[^。；;，,]*$"
#: how far before a figure's phrase the clause is looked at for another year
OTHER_YEAR_REACH = 24
