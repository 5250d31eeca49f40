"""The published report as PDF: the .docx printed by LibreOffice (``soffice --headless``), fonts embedded.

LibreOffice runs with a throwaway profile (parallel runs do not collide) and a fontconfig file that names,
for each font of the document, the fonts to print it with where it is not installed: 仿宋_GB2312 with 仿宋
(FangSong) or else Noto Serif CJK SC, 黑体 with SimHei or Noto Sans CJK SC, and so on; 方正小标宋简体 with a
bold serif. LibreOffice embeds the fonts it prints with (``pdffonts`` lists them as embedded).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from nianbao.form.published import BODY_FONT, FANGSONG, HEADING_FONT, KAITI, SONGTI, SUBHEADING_FONT, TITLE_FONT
from nianbao.wording import publish as words

__all__ = ["PdfUnavailable", "docx_to_pdf", "soffice"]

#: LibreOffice's own time limit for one document (it can hang on a damaged profile)
TIMEOUT_S = 180
#: each font of the document: the fonts that stand in for it, in order, and whether it is set in bold
FONT_STAND_INS: dict[str, tuple[tuple[str, ...], bool]] = {
    TITLE_FONT: (("FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Noto Serif CJK", "AR PL UMing CN"), True),
    BODY_FONT: (("FangSong", FANGSONG, "Noto Serif CJK SC", "AR PL UMing CN"), False),
    FANGSONG: (("FangSong", "Noto Serif CJK SC", "AR PL UMing CN"), False),
    SUBHEADING_FONT: (("KaiTi", KAITI, "AR PL UKai CN", "Noto Serif CJK SC"), False),
    KAITI: (("KaiTi", "AR PL UKai CN", "Noto Serif CJK SC"), False),
    HEADING_FONT: (("SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"), False),
    SONGTI: (("SimSun", "Noto Serif CJK SC", "AR PL UMing CN"), False),
}
#: the system's fontconfig file, included first (its fonts and rules stay)
SYSTEM_FONTS_CONF = "/etc/fonts/fonts.conf"


class PdfUnavailable(Exception):
    """LibreOffice is not installed, or did not print the document (``reason``, in Chinese)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def fonts_conf() -> str:
    """A fontconfig file: the system's, then for each font of ``FONT_STAND_INS`` its stand-ins."""
    rules = []
    for family, (stand_ins, bold) in FONT_STAND_INS.items():
        prefer = "".join(f"<string>{escape(f)}</string>" for f in stand_ins)
        weight = '<edit name="weight" mode="assign"><const>bold</const></edit>' if bold else ""
        rules.append(f'<match target="pattern"><test name="family"><string>{escape(family)}</string></test>'
                     f'<edit name="family" mode="append" binding="strong">{prefer}</edit>{weight}</match>')
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
            f'<include ignore_missing="yes">{SYSTEM_FONTS_CONF}</include>{"".join(rules)}</fontconfig>\n')


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF LibreOffice prints of the Word document ``docx``; ``PdfUnavailable`` when it cannot."""
    program = soffice()
    if program is None:
        raise PdfUnavailable(words.NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as tmp:
        folder = Path(tmp)
        src = folder / "report.docx"
        src.write_bytes(docx)
        (folder / "fonts.conf").write_text(fonts_conf(), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(folder / "fonts.conf")}
        try:
            subprocess.run([program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                            "--norestore", "--convert-to", "pdf", "--outdir", str(folder / "out"), str(src)],
                           check=True, capture_output=True, timeout=TIMEOUT_S, env=env)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(words.PDF_TIMEOUT.format(seconds=TIMEOUT_S)) from None
        except (subprocess.CalledProcessError, OSError) as exc:
            raise PdfUnavailable(words.PDF_FAILED.format(error=type(exc).__name__)) from None
        out = folder / "out" / "report.pdf"
        if not out.exists():
            raise PdfUnavailable(words.PDF_NO_OUTPUT)
        return out.read_bytes()
