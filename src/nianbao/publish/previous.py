"""Last year's files for ``--previous``: a workbook, a summary with its 明细, or the report as it was published
(a page, a Word or PDF document), imported, so that this year's narrative is compared with last year's text."""

from __future__ import annotations

from pathlib import Path

from nianbao.form.result import FileResult
from nianbao.merge.reading import default_reader, read_previous
from nianbao.publish.importer import PUBLISHED_SUFFIXES, import_file

__all__ = ["read_last_year"]


def read_last_year(path: str) -> FileResult:
    """One of last year's files, read (a workbook or a summary) or imported (a published document, by its
    file name's suffix). Module-level: it runs in the reading workers."""
    if Path(path).suffix.lower() in PUBLISHED_SUFFIXES:
        return import_file(path)
    return read_previous(default_reader, path)
