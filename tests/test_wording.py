"""The literal sweep stays done: the swept packages say nothing in Chinese themselves, they name a text of
the wording catalogue (``nianbao.wording``); and every text of the catalogue is used by some module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nianbao

SRC = Path(nianbao.__file__).parent
#: the packages (and modules) whose user-facing texts live in ``nianbao.wording``
SWEPT = ("cli", "web", "inbox", "demo", "files.py", "check", "template", "merge", "read", "publish")
#: modules of a swept package not swept yet (read's plan and quickfar: swept after the speed work that is
#: rewriting them)
UNSWEPT: tuple[str, ...] = ()
HAN = re.compile(r"[\u4e00-\u9fff]")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _chinese_literals(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [f"{path.relative_to(root)}:{node.lineno}: {node.value[:40]!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and HAN.search(node.value)]


def _swept_modules() -> list[Path]:
    modules = (p for name in SWEPT for p in ((SRC / name).rglob("*.py") if (SRC / name).is_dir() else [SRC / name]))
    return sorted(p for p in modules if p.relative_to(SRC).as_posix() not in UNSWEPT)


def test_swept_packages_hold_no_chinese_literal() -> None:
    modules = _swept_modules()
    assert len(modules) > 30  # the walk found the packages
    assert {"check/sendback.py", "check/annotate.py"} <= {p.relative_to(SRC).as_posix() for p in modules}
    found = [hit for p in modules for hit in _chinese_literals(p)]
    assert found == [], "Chinese text belongs in nianbao/wording/ (or form/ for format knowledge):\n" + "\n".join(found)


def test_the_walk_sees_a_chinese_literal(tmp_path: Path) -> None:
    """The check can fail: a literal in code is found, a docstring and a name of the catalogue are not."""
    module = tmp_path / "m.py"
    module.write_text('"""说明。"""\n\ndef f(x):\n    """说明。"""\n    return words.A.format(x=x) + f"共 {x} 个"\n',
                      encoding="utf-8")
    assert [hit.split(": ", 1)[1] for hit in _chinese_literals(module, tmp_path)] == ["'共 '", "' 个'"]


def test_every_text_of_the_catalogue_is_used() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")
                     if "wording" not in p.relative_to(SRC).parts)
    unused = []
    for module in sorted((SRC / "wording").glob("*.py")):
        if module.name == "__init__.py":
            continue
        names = re.findall(r"(?m)^([A-Z][A-Z0-9_]*) = ", module.read_text(encoding="utf-8"))
        assert names, module
        unused += [f"{module.stem}.{n}" for n in names if not re.search(rf"\bwords\.{n}\b", code)]
    assert unused == []


#: short words two catalogues say in different senses (a column heading of the CLI and of a web page; the
#: inbox's action 汇总 and an unnamed summary's name): alike by chance, free to change apart
ALIKE = {"联系人", "单位名称", "联系电话", "状态", "说明", "计入汇总", "汇总"}


def test_no_text_is_written_twice() -> None:
    """A text the wording modules (or form/) say alike is written once: the other module names it."""
    where: dict[str, list[str]] = {}
    for path in sorted([*(SRC / "wording").glob("*.py"), *(SRC / "form").glob("*.py")]):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str) and HAN.search(node.value.value)):
                where.setdefault(node.value.value, []).extend(
                    f"{path.parent.name}/{path.stem}.{t.id}" for t in node.targets if isinstance(t, ast.Name))
    twice = {text: names for text, names in where.items() if len(names) > 1 and text not in ALIKE}
    assert twice == {}


def _format_calls(tree: ast.AST) -> list[tuple[int, str, str, set[str]]]:
    """(line, catalogue module, name, keywords) of every ``words.NAME.format(k=…)`` of a module."""
    modules = {a.asname or a.name: a.name for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module == "nianbao.wording" for a in node.names}
    return [(node.lineno, modules[node.func.value.value.id], node.func.value.attr, {k.arg or "**" for k in node.keywords})
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and isinstance(node.func.value, ast.Attribute) and isinstance(node.func.value.value, ast.Name)
            and node.func.value.value.id in modules and not node.args]


def test_every_template_gets_exactly_its_fields() -> None:
    """A field given that the text lacks, or missing (a KeyError on a path tests may never take), fails."""
    import importlib
    import string

    calls, wrong = 0, []
    for path in sorted(SRC.rglob("*.py")):
        for line, module, name, given in _format_calls(ast.parse(path.read_text(encoding="utf-8"))):
            text = getattr(importlib.import_module(f"nianbao.wording.{module}"), name)
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            calls += 1
            if "**" not in given and fields != given:
                wrong.append(f"{path.relative_to(SRC)}:{line}: {module}.{name} has {sorted(fields)}, given {sorted(given)}")
    assert calls > 150  # the walk found the calls
    assert wrong == []
