"""Regenerate the released templates in this folder from the layout data.

Run from the repository root after changing a layout or the template writer:

    python workbook_templates/regenerate.py

tests/test_template_golden.py regenerates them in a temporary folder and fails when the committed files
differ in meaning (XML parts compared after removing timestamps and the nianbao version).
"""

from __future__ import annotations

from pathlib import Path

from nianbao.template import write_released_templates

if __name__ == "__main__":
    for path in write_released_templates(Path(__file__).resolve().parent):
        print(f"已生成 {path.name}")
