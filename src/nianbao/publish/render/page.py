"""The published report as one HTML page."""

from __future__ import annotations

import html
from collections.abc import Sequence

from nianbao.form.model import Report
from nianbao.form.spec import TableSpec
from nianbao.publish.render.content import Block, BlockKind, is_row_label, table_grid

_CSS = """
body { font-family: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 1.75;
       max-width: 60em; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "宋体", "SimSun", serif; font-size: 22pt; text-align: center; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", serif; font-size: 16pt; font-weight: normal; }
p { text-indent: 2em; margin: 0; }
.forced { border: 2px solid #c00; color: #c00; padding: 0.5em 1em; margin: 1em 0; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-family: "宋体", "SimSun", serif;
        font-size: 10.5pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
th.row { text-align: left; }
"""


def html_table(table: TableSpec, report: Report) -> list[str]:
    out = [f'<table class="{table.key}">']
    for row in table_grid(table, report):
        tds = []
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.is_label:
                cls = ' class="row"' if is_row_label(table, cell) else ""
                tds.append(f"<th{attrs}{cls}>{html.escape(cell.text)}</th>")
            else:
                tds.append(f'<td{attrs} data-key="{cell.key}">{html.escape(cell.text)}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return out


def html_lines(title: str, notes: Sequence[str], blocks: Sequence[Block], report: Report) -> list[str]:
    esc = html.escape(title)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', f"<title>{esc}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{esc}</h1>"]
    if notes:
        out.append('<div class="forced">' + "".join(f"<p>{html.escape(n)}</p>" for n in notes) + "</div>")
    for b in blocks:
        if b.kind is BlockKind.PART:
            out.append(f"<h2>{html.escape(b.text)}</h2>")
        elif b.kind is BlockKind.SUB:
            out.append(f"<h3>{html.escape(b.text)}</h3>")
        elif b.kind is BlockKind.TABLE and b.table is not None:
            out += html_table(b.table, report)
        else:
            out.append(f"<p>{html.escape(b.text)}</p>")
    out += ["</body>", "</html>"]
    return out
