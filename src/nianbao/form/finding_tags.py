"""What logic outside ``form/`` may know of a finding code: the tags a catalogue row declares, and the few
codes that a wording, a remedy or a step is built for.

Code asks a finding what it is (``f.has(Tag.STRUCTURE)``) rather than naming codes, so that a new code is
one catalogue row with its tags, and no ``if f.code in (...)`` elsewhere needs to learn of it. A place that
means one code itself (a sentence written for the blank template, the step that gathers READ-COERCED)
names it by the constant below, which its catalogue row uses too. ``tests/test_finding_tags.py`` checks
that the tags are what the places asking for them need.
"""

from __future__ import annotations

from enum import StrEnum


class Tag(StrEnum):
    """A property of a finding code, declared on its catalogue row (the sixth item, a tuple of tags)."""

    #: reading gives no report when it finds this: the file, or a table of it, is not read
    REFUSES_READ = "refuses-read"
    #: the workbook's structure is not the template's (a sheet, a label, rows or columns): a copy built
    #: afresh from the template cannot show the office its own file
    STRUCTURE = "structure"
    #: the sheet it names is missing or cannot be read: nothing on it was read
    SHEET_LOST = "sheet-lost"
    #: a required field of 基本信息 is blank or not valid: not said again when the sheet itself is lost
    REQUIRED_INFO = "required-info"
    #: rows or columns inserted in or deleted from a table: a current total formula may sum them
    RESHAPED = "reshaped"
    #: what an input cell may hold (``check.rules.value_finding`` makes it from the cell's spec)
    VALUE_RULE = "value-rule"
    #: its ``actual`` is what the office typed in the cell, as typed (the annotated copy shows it so)
    TYPED = "typed"
    #: a total cell that states other than the sum of its terms (a sum rule of the form, at its target)
    STATED_TOTAL = "stated-total"
    #: a part of the 正文 (its heading is the finding's row label) is missing or empty
    PART_LACKING = "part-lacking"
    #: said in the note of its office's row of the 状态 sheet
    STATUS_NOTE = "status-note"
    #: printed by ``nianbao merge`` below its table (about the merge as a whole, or across years)
    CONSOLE = "console"
    #: the file goes back to the office even when this is only a warning
    SENT_BACK = "sent-back"


#: a catalogue row: (code, severity, title, message template, remedy), and its tags when it has any
Row = tuple[str, str, str, str, str] | tuple[str, str, str, str, str, tuple[Tag, ...]]


# -- codes a step or a sentence is built for (each used in its own catalogue row) -------------------------
#: the blank template sent back: said as such to the office, never summed
UNFILLED = "INFO-UNFILLED"
#: a number typed as text, read as the number: gathered into one finding a table (``check.textcells``)
COERCED = "READ-COERCED"
#: cells read blank (as 0): void when a summary's figures are recomputed from its 明细
READ_BLANK = "READ-BLANK"
#: the sum rule of table 三's （七）总计 over the handling results (its addends are the results' rows)
RESULT_TOTAL = "T3-RESULTTOTAL"
#: an imported page lacks a part of its 正文 (its ``heading``)
MISSING_PART = "IMPORT-MISSING-PART"
#: an imported 表三 prints no 总计 column: its blank totals are not a finding
NO_TOTAL_COLUMN = "IMPORT-NO-TOTAL-COLUMN"
#: a file refused for its 报告年度 / its format: last year's file says why in words of its own
OTHER_YEAR = "MERGE-OTHER-YEAR"
OTHER_FORMAT = "MERGE-OTHER-FORMAT"
#: a file whose name names another office than its 单位名称: set apart by merge and the inbox, said to its sender
OFFICE_FILE_NAME = "INFO-OFFICE-FILE-NAME"
#: such a file left out, its 单位名称's office having a report of its own (``merge.stages``)
NAMED_OTHER = "MERGE-NAMED-OTHER"
#: two files of one office of which it is not known which is the final one: the office's warning too
TIED = "MERGE-TIED"
#: a file that is not a workbook (its ``kind`` param: what it is; a "zip" is the county's to unzip)
NOT_SPREADSHEET = "FILE-NOT-SPREADSHEET"
#: a report of another year than the county collects, as the inbox judges it (its 报告年度 setting)
INBOX_OTHER_YEAR = "INBOX-OTHER-YEAR"
#: an office not on the roster (as opposed to another county's): maybe a roster office's report misnamed
UNLISTED_OFFICE = "MERGE-NOT-ON-ROSTER"
#: a report of another county's office, counted in the overview line
OTHER_COUNTY = "MERGE-OTHER-COUNTY"
#: summaries of different areas summed without a name: ``nianbao merge`` refuses to write
NO_NAME = "MERGE-NO-NAME"
#: a part of the six is missing (not empty): on a page that lost its head, heading 一 is not the report's
PART_MISSING = "NARR-PART-MISSING"
