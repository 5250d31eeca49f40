"""The released templates in workbook_templates/ are what the tool generates now.

Like XlsxWriter's own tests against files made by Excel: compare the parts of the two zip files, XML
parsed and canonicalised, after removing what may differ without changing the meaning (document dates,
the generating nianbao version). Regenerate with ``python workbook_templates/regenerate.py``.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from nianbao.template import RELEASED, write_released_templates

GOLDEN = Path(__file__).resolve().parents[1] / "workbook_templates"

_DATES = re.compile(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


_VERSION = re.compile(r'name="nianbao_nianbao_version"><vt:lpwstr>([^<]*)</vt:lpwstr>')


def parts(path: Path) -> dict[str, str | bytes]:
    """The zip's members: XML canonicalised, without timestamps and without the generating nianbao version
    (a committed template may come from an earlier version; its template_version is what counts)."""
    with zipfile.ZipFile(path) as zf:
        raw = {name: zf.read(name) for name in zf.namelist()}
    found = _VERSION.search(raw.get("docProps/custom.xml", b"").decode("utf-8"))
    assert found, f"{path.name} has no nianbao version mark"
    version = found.group(1)
    out: dict[str, str | bytes] = {}
    for name, data in raw.items():
        if not name.endswith((".xml", ".rels")):
            out[name] = data
            continue
        text = _DATES.sub("", data.decode("utf-8"))
        text = text.replace(f"nianbao {version}", "nianbao VERSION").replace(f">{version}<", ">VERSION<")
        out[name] = ElementTree.canonicalize(text, strip_text=True).replace("><", ">\n<")
    return out


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    write_released_templates(out)
    return out


@pytest.mark.parametrize("name", [name for _f, _v, name in RELEASED], ids=[f"{f}-{v}" for f, v, _n in RELEASED])
def test_released_template_is_current(regenerated, name):
    golden = GOLDEN / name
    assert golden.exists(), f"{name} is missing: run python workbook_templates/regenerate.py"
    old, new = parts(golden), parts(regenerated / name)
    assert sorted(old) == sorted(new), "different parts"
    for part in sorted(new):
        if old[part] != new[part]:
            a, b = old[part], new[part]
            if isinstance(a, str) and isinstance(b, str):
                diff = "\n".join(list(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=1))[:40])
            else:
                diff = "(binary part differs)"
            pytest.fail(f"{name}: {part} differs from the regenerated template "
                        f"(run python workbook_templates/regenerate.py if the change is intended):\n{diff}")


def test_comparison_sees_a_change_of_meaning(tmp_path, regenerated):
    """The comparison is not blind: one changed label makes a part differ, a changed date does not."""
    name = RELEASED[0][2]
    src = regenerated / name
    changed, redated = tmp_path / "changed.xlsx", tmp_path / "redated.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(changed, "w") as zc, zipfile.ZipFile(redated, "w") as zd:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                zc.writestr(item.filename, data.replace("行政许可".encode(), "行政确认".encode()))
            else:
                zc.writestr(item.filename, data)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"2021-09-26T00:00:00Z", b"2030-01-01T12:00:00Z", data)
            zd.writestr(item.filename, data)
    base = parts(src)
    assert parts(redated) == base
    differing = [k for k, v in parts(changed).items() if v != base[k]]
    assert differing == ["xl/sharedStrings.xml"]
