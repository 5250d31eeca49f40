"""How a published report prints itself, as the renderer writes it and the importer reads it: its title,
the numerals of its parts, the words by which a page's tables are known, how sub-headings, counts and
sentences look, the fonts of GB/T 9704-2012, and its 落款 (the organ, then the date: GB/T 9704-2012 7.3.5,
the date in Arabic numerals, though many pages still write it in Chinese ones, 二〇二二年一月二十日, as the
2000 standard had it).

The patterns are matched against a page's text in comparable form (``imports.tokens.canon``: NFKC, no
whitespace) unless said otherwise.
"""

from __future__ import annotations

import datetime as _dt
import re

from nianbao.form.common import PART_HEADINGS, REPORT_NAME

#: the numerals of the six parts, by what each part is (一 总体情况 … 六 其他需要报告的事项)
OVERVIEW, ACTIVE, APPLICATIONS, CASES, PROBLEMS, OTHER = PART_HEADINGS
#: the parts whose sub-items the official format prescribes: 一's five (六's four are a custom of real reports)
OFFICIAL_SUB_PARTS = (OVERVIEW,)

# -- the title -------------------------------------------------------------------------------------------
#: the title: "{单位名称}{年度}年" and this
TITLE_SUFFIX = REPORT_NAME
#: the end of a title, however it is broken over lines (a paragraph of a Word file)
TITLE_END = "年度报告"
#: where an organ's name may break over the title's lines: after an area (内蒙古自治区 | 鄂尔多斯市 | 伊金霍洛旗…),
#: unless what follows makes one name or word with it (伊金霍洛旗人民政府, 县人大, 县委, 市场, 市政, 区域, 县直,
#: 城市管理局; a bare 州 is a city's name, 郑州片区, unless its 人民政府 follows); after a party committee (中共西平县委 |
#: 机构编制委员会办公室); after a 局 before another body (国家税务总局 | 西平县税务局); after 中华人民共和国
#: (matched against the name as printed)
ORGAN_BREAK = (r"(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|(?<!城)市|盟|县|区|旗)"
               r"(?![人委场政直域级辖属市区县州省旗盟）)])"
               r"|(?<=[省市州县区旗])委(?!员)|总?局(?![长])|^中华人民共和国")
#: a title's office and year: "{单位}{年}年…", "{年}年{单位}…", "{单位}…工作{年}年度报告"
TITLE_PATTERNS = (
    r"^(?P<office>.*?)(?P<year>(?:19|20)\d\d)年度?(?:的)?政府信息公开(?:工作)?年度报告",
    r"^(?P<year>(?:19|20)\d\d)年度?(?P<office>.*?)(?:的)?政府信息公开(?:工作)?年度报告",
    r"^(?P<office>.*?)政府信息公开(?:工作)?(?P<year>(?:19|20)\d\d)年度?(?:工作)?报告",
)
#: what the office part of a title never holds: a sentence that cites a law or a notice ("按照《条例》规定，
#: 特向社会公布2021年度…年度报告" is boilerplate, not a title naming 按照…公布 as the office)
NOT_A_TITLE_NAME = r"[《》，。,;；:：]|按照|根据|依据|特向|现将|予以公布|向社会公布"
#: what is trimmed off the office of a title: a bracketed tag before it, 关于 / 的 after it
TITLE_OFFICE_TRIM = r"^(?:[\[【(][^\]】)]*[\]】)])+|(?:关于|的)+$"

# -- headings --------------------------------------------------------------------------------------------
#: a part heading's numeral and its separator (一、 二. 三,), before the heading's words
PART_NUMERAL = r"[一二三四五六]\s*[、.,]"
#: a sub-heading （一）…（五） and the rest of its line
SUB_HEADING = r"^\s*[(（]\s*([一二三四五])\s*[)）]\s*(.*)$"
#: a page whose first line is （一）: its title and 一's heading were lost when it was saved
FIRST_SUB_HEADING = r"^[(（]一[)）]"
#: an office's own sub-heading at the start of its text, on its own line ("（一）主动公开政府信息的情况") or
#: inline, the usual style, ending at 。 or ： ("（一）主动公开政府信息的情况。2025年，本局…"): numeral,
#: heading, the rest (matched against the text as typed)
OWN_SUB_HEADING = r"^\s*[（(]\s*([一二三四五])\s*[)）]\s*([^\s。；：:，,][^。；：:，,]{0,29}?)\s*(?:[。：:]\s*(.*))?$"
#: the numeral a sub-item's text starts with, when what follows is not a heading ("（一）主动公开方面，本局…")
#: a run-in sub-heading whose own wording has a comma (（一）坚持以公开为常态，主动公开提质增效。不断…):
#: the heading up to its first full stop or colon, at most 30 characters, then the text
RUN_IN_SUB_HEADING = r"^\s*[（(]\s*[一二三四五]\s*[)）]\s*[^\s。；：:][^。；：:]{0,29}?[。：:]\s*(\S.*)$"
#: what ends a sub-heading printed alone (（二）依申请公开情况。): not the heading's wording
SUB_HEADING_END = "。：:；;，,"
OWN_SUB_NUMERAL = r"^\s*[（(]\s*([一二三四五])\s*[)）]\s*"
#: a heading's start on a PDF page (一、 or （一）), as extracted
#: a line of a web page's chrome after the report (its footer: print/close buttons, the site's sponsor and
#: registration numbers, share links); the report's text ends before the first one after its last part
SITE_CHROME = (r"^\s*(?:[【\[]\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏)\s*[】\]]|(?:主办|承办|主办单位|承办单位|"
               r"技术支持|联系我们|版权所有)\s*[:：]|分享到|扫一扫|网站标识码|网站地图)|ICP备|公网安备")
#: the heading of the last part (六、), after which :data:`SITE_CHROME` ends the text
LAST_PART_START = r"^\s*六\s*[、.,]"

PDF_HEADING_START = r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
#: how an official row's label starts (1. / （一） / 一、): a row at the top of a PDF page that starts so is a row
PDF_ROW_START = r"^(?:\d+[.．、]|[(（]|[一二三四五六七八九十]+、)"
#: a page number printed in a PDF's footer (— 1 —, - 2 -, 第 3 页)
PDF_PAGE_NUMBER = r"^(?:[—\-－–]\s*\d+\s*[—\-－–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+)$"
#: how a PDF line that ends its paragraph ends (。！？；：, a closing quote or bracket after them): a long line
#: ending otherwise goes on in the next line, on the same page or the next one
PDF_LINE_END = r"[。！？!?；;：:][”’」』）)]*$"
#: an item's start on a PDF line (1、 2. （1） ①): a line starting so begins a paragraph of its own
PDF_ITEM_START = r"^\s*(?:\d+\s*[.．、](?!\d)|[(（]\s*\d+\s*[)）]|[①-⑳])"
#: a phone number in the text (the opening's 如对本报告有疑问，请与…联系（电话：0396-6222222）, a 联系电话 line by the
#: 落款), as canonical text has it (half-width)
PHONE_IN_TEXT = r"(?:电话|联系方式|热线)\s*(?:号码)?\s*[:：为是]?\s*(\d[\d\s()\-—－]{5,22}\d)"
#: a line of contacts by the 落款 (联系人：… 联系电话：…): part of the 落款, not of 六's text
CONTACT_LINE = r"^(?:联系人|联系电话|咨询电话|联系方式|电话)\s*[:：]"
#: the numbering a label starts with: （一）, 一、, 1. or 1、
LEADING_ENUM = r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、])"
#: the numerals of sub-headings, in order
NUMERALS = "一二三四五六七八九十"
#: the numbers of 表三's top rows (一、本年新收 … 四、结转下年度): a group spanning most of the table
TOP_ROW_NUMBERS = ("一、", "二、", "三、", "四、")

# -- the tables' words, by which a page's table is known ----------------------------------------------------
#: words only 表三's head prints
T3_MARKERS = ("勾稽关系", "申请人情况")
#: words only 表四's head prints; and the two words it prints together (narrative text has them too)
T4_MARKERS = ("复议后起诉", "未经复议直接起诉")
T4_LOOSE_MARKERS = ("行政复议", "行政诉讼")
#: how 表二's captions start (第二十条第（一）项); the head of its blocks (narrative text has it too)
T2_CAPTION_START = "第二十条第"
T2_LOOSE_MARKER = "信息内容"
#: words of a row of 表三, and of 表二, that tell a table printed outside its part which it is
T3_ROW_WORDS = ("本年新收", "予以公开", "不予公开", "结转下年度")
T2_ROW_WORDS = ("规章", "行政许可", "行政处罚", "行政事业性收费")
#: a subtotal row or column that pages print and the official tables lack
SUBTOTAL = "小计"
#: what only a sentence prints: its punctuation, a year (a line of narrative, not a table's labels)
SENTENCE = r"[。,;!?]|(?:19|20)\d\d年"

# -- counts as printed ----------------------------------------------------------------------------------------
#: what a page prints for zero (NFKC, no whitespace)
ZERO_MARKS = frozenset({"/", "-", "--", "—", "——", "–", "─", "一一", "无", "\\"})
#: units printed after a count or an amount
UNITS = ("万元", "件", "元", "个", "条", "项")
#: a change written in words before its number: 增3 / 增加3 (+3), 减4 / 减少4 (-4)
SIGN_WORD = r"^(增加|增|减少|减)(?=\d)"
MINUS_WORD = "减"
#: traditional characters of the official labels and headings, and their simplified ones
TRADITIONAL = ("萬業為爲舉於會體關內決況減製辦務動區單發髮後國處復複審對屬廢開強當總執護報據數無機權條構沒現確穩類係"
               "糾納組織經結繼續維繳罰範獲補規計認議許訟訪訴詢請購費轉過這進採問項題額表資訊實際價規範與個來們從"
               "設監臺縣鎮鄉區祕")
SIMPLIFIED = ("万业为为举于会体关内决况减制办务动区单发发后国处复复审对属废开强当总执护报据数无机权条构没现确稳类系"
              "纠纳组织经结继续维缴罚范获补规计认议许讼访诉询请购费转过这进采问项题额表资讯实际价规范与个来们从"
              "设监台县镇乡区秘")

# -- the office and the year a page's narrative names ------------------------------------------------------
#: an office's name in a sentence (街道办事处, 镇人民政府 … and their 办公室)
OFFICE_IN_TEXT = (r"([\u4e00-\u9fff]{2,12}?(?:街道办事处|镇人民政府|乡人民政府|县人民政府|区人民政府|市人民政府)"
                  r"(?:办公室)?)")
#: what an office's name does not hold: the words before it in a sentence end at one of these
BEFORE_NAME = r"^.*[的由向与对在为请经及和、将按据照根]"
#: a clause that cites another body (a notice, a superior government's request): boilerplate, not the
#: office that reports
CITING = r"根据|按照|依据|遵照|贯彻|落实|要求|通知|印发|转发|上级|文件精神"
#: how a name found in a sentence starts when it is no office's (本局, 我县, 全县…)
NOT_A_NAME_START = "本我该各全此其即"
#: a year the narrative names
YEAR_IN_TEXT = r"((?:19|20)\d\d)\s*年"

# -- the fonts of GB/T 9704-2012, and those every Chinese Windows has -----------------------------------------
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
SONGTI = "宋体"
FANGSONG = "仿宋"
KAITI = "楷体"

# -- the 落款 ---------------------------------------------------------------------------------------------------

#: the digits of a year written in Chinese numerals (〇, the circle ○ and 零 all stand for 0)
_YEAR_DIGITS = {ch: str(i) for i, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
                for ch in chars}
_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TEN = "十"
#: the date line of a 落款, in comparable form (whitespace removed): 2022年1月20日, 二〇二二年一月二十日
SIGNATURE_DATE = re.compile(r"^(?:(?P<year>(?:19|20)\d\d)年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
                            r"|(?P<cyear>[〇○零一二三四五六七八九]{4})年(?P<cmonth>[一二三四五六七八九十]{1,2})月"
                            r"(?P<cday>[一二三四五六七八九十]{1,3})日)$")


def _small_number(text: str) -> int | None:
    """一 … 三十一 (a month or a day in Chinese numerals); None for anything else (十十, 二二)."""
    if _TEN not in text:
        return _SMALL.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition(_TEN)
    if len(tens) > 1 or len(ones) > 1 or _TEN in ones:
        return None
    high = _SMALL.get(tens) if tens else 1
    low = _SMALL.get(ones) if ones else 0
    return None if high is None or low is None else high * 10 + low


def signature_date(line: str) -> _dt.date | None:
    """The date of a 落款's date line (comparable form: no whitespace), or None when the line is not one or
    names no real day (2022年2月30日)."""
    m = SIGNATURE_DATE.match(line)
    if m is None:
        return None
    if m.group("year"):
        y, mo, d = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    else:
        y = int("".join(_YEAR_DIGITS[ch] for ch in m.group("cyear")))
        month, day = _small_number(m.group("cmonth")), _small_number(m.group("cday"))
        if month is None or day is None:
            return None
        mo, d = month, day
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None
