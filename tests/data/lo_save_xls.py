"""Save a workbook as .xls with LibreOffice itself, through its UNO bridge, as a clerk would.

Run with the Python that has LibreOffice's ``uno`` module (Debian: /usr/bin/python3 with python3-uno):

    python3 lo_save_xls.py IN OUT [--password PW] [--far] [--filter calc8]

``--password`` is LibreOffice's "save with password" (the .xls is encrypted: a FILEPASS record);
``--far`` first types 1 into 表三!IV65536, the last cell of an .xls sheet. make_bad.py calls this.
``--filter calc8`` saves an .ods instead (tests/data/saved/password-1234.ods was made so).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _desktop(pipe: str):  # type: ignore[no-untyped-def]
    ctx = uno.getComponentContext()
    resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
    for _ in range(200):
        try:
            remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        except Exception:  # LibreOffice is still starting
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--password", default="")
    ap.add_argument("--far", action="store_true")
    ap.add_argument("--filter", default="MS Excel 97", help="LibreOffice's filter name (calc8: an .ods)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as profile:
        pipe = f"nianbao{os.getpid()}"
        office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                                   "--invisible", f"--accept=pipe,name={pipe};urp;"])
        try:
            desktop = _desktop(pipe)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(args.src)), "_blank", 0,
                                               (_prop("Hidden", True),))
            if args.far:
                sheet = doc.Sheets.getByName("表三")
                sheet.unprotect("")
                sheet.getCellByPosition(255, 65535).setValue(1)
            props = [_prop("FilterName", args.filter)]
            if args.password:
                props.append(_prop("Password", args.password))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(args.dst)), tuple(props))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:  # the bridge closes as LibreOffice exits
                pass
            office.wait(timeout=60)
        finally:
            if office.poll() is None:
                office.kill()


if __name__ == "__main__":
    main()
