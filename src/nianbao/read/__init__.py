"""Reading: bytes in, a ``Report`` and what reading found out.

Byte safety before any parser runs (``safety``), locating the tables by their labels (``locate``), cell
values (``values``), the workbook reader (``reader``), the roster (``roster``) and a summary's 明细 sheet
(``detail``). Judging the figures is the check layer's work, not this one's.
"""
