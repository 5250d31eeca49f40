"""LibreOffice (soffice --headless) for the round-trip tests: convert files with a throwaway profile
that recalculates every formula on load, so what we read back is what a real spreadsheet computed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

_RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def convert(files: list[Path] | Path, fmt: str, outdir: Path, *, timeout: int = 240) -> list[Path]:
    """Convert ``files`` with LibreOffice to ``fmt`` (xlsx, xls, ods, pdf, ...) into ``outdir``.

    Formulas are recalculated on load. Returns the output paths, in input order; fails the test
    when LibreOffice did not produce one of them (it can stop early with exit code 0).
    """
    assert SOFFICE is not None
    files = [files] if isinstance(files, Path) else list(files)
    outdir.mkdir(parents=True, exist_ok=True)
    target = fmt.split(":")[0]
    outs: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_RECALC, encoding="utf-8")
        for start in range(0, len(files), 50):  # batches: one long call can stop silently
            batch = files[start : start + 50]
            subprocess.run(
                [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", fmt, "--outdir", str(outdir), *map(str, batch)],
                check=True, capture_output=True, timeout=timeout,
            )
            for f in batch:
                out = outdir / f"{f.stem}.{target}"
                assert out.exists(), f"LibreOffice did not convert {f.name}"
                outs.append(out)
    return outs
