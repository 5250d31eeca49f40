"""The demo: templates and filled samples written to a folder (grows as capabilities land)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from nianbao.formats import all_layouts
from nianbao.template import default_year, write_workbook


def run_demo(out_dir: Path) -> Iterator[str]:
    """Run the demo into ``out_dir``; yields one Chinese line per step for the terminal."""
    out_dir = Path(out_dir)
    templates = out_dir / "模板"
    for layout in all_layouts():
        year = default_year() if layout.format == "2021" else 2020
        name = f"年报模板-{layout.format}{'-' + layout.variant if layout.variant != 'national' else ''}.xlsx"
        path = write_workbook(templates / name, layout, year=year)
        yield f"已生成模板：{path}（{layout.name}）"
