"""The command line starts without the heavy libraries: what a process loads is behaviour, not timing
(the timings are in benchmarks/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "柏城街道办事处-2021年报.xlsx"
HEAVY = ("pandas", "numpy", "pydantic", "openpyxl", "sqlalchemy", "xlsxwriter", "docx", "starlette", "jinja2")
_RUN = """
import json, runpy, sys
args, watched = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
sys.argv = ["nianbao", *args]
code = 0
try:
    runpy.run_module("nianbao", run_name="__main__")
except SystemExit as exc:
    code = exc.code
heavy = sorted(({m.split(".")[0] for m in sys.modules} | set(sys.modules)) & watched)
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def _loaded(args: list[str], watched: tuple[str, ...] = HEAVY) -> tuple[int, list[str], str]:
    """Exit code, the ``watched`` modules (heavy libraries, or any module by its full name) the command
    loaded, and what it printed."""
    res = subprocess.run([sys.executable, "-c", _RUN, json.dumps(args), json.dumps(watched)], capture_output=True,
                         text=True, timeout=120)
    said = json.loads(res.stderr.strip().splitlines()[-1])
    return said["code"], said["heavy"], res.stdout


def test_import_of_the_command_line_loads_no_heavy_library() -> None:
    code = f"import sys, nianbao.cli; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.stdout.strip() == "[]", res.stdout + res.stderr


#: the form's layouts: their classes take a tenth of ``nianbao --help`` to build, and help needs none of them
LAYOUTS = ("nianbao.form.spec", "nianbao.form.registry")


@pytest.mark.parametrize("args", [["--help"], ["merge", "--help"], ["inbox", "--help"], ["template", "--help"]])
def test_help_loads_no_heavy_library_and_builds_no_layout(args: list[str]) -> None:
    code, heavy, out = _loaded(args, HEAVY + LAYOUTS)
    assert code == 0 and "用法：" in out
    assert heavy == []


def test_the_template_help_names_every_office_category() -> None:
    """The categories the help names without the layouts (``form.choices``) are those the form offers."""
    from nianbao.form.common import OFFICE_CATEGORIES
    from nianbao.form.registry import get_layout

    _code, _heavy, out = _loaded(["template", "--help"])
    assert "、".join(OFFICE_CATEGORIES) in out.replace("\n", "")
    info = {f.key: f for f in get_layout("2021").info_fields}
    assert set(OFFICE_CATEGORIES) <= set(info["category"].choices)


def test_check_of_one_file_loads_no_heavy_library() -> None:
    """A one-file check reads with calamine: no pandas, no pydantic (typer's coercion of a path), no openpyxl."""
    code, heavy, out = _loaded(["check", str(SAMPLE)])
    assert code in (0, 1) and "检查结果" in out and "柏城街道" in out
    assert heavy == []


def test_the_help_names_the_inbox_default_database() -> None:
    """The inbox commands' default database, written in the CLI so that its help needs no SQLAlchemy, is
    the library's."""
    from nianbao.cli import inbox as inbox_cli
    from nianbao.inbox import DEFAULT_DB

    assert inbox_cli.DEFAULT_DB == DEFAULT_DB


def test_values_reach_the_command_as_typer_gives_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths, lists of paths, strings and integers: the same types and values with the light coercion as
    typer's own (pydantic) gives."""
    from typer.testing import CliRunner

    from nianbao.cli import merge as merge_cli
    from nianbao.cli.app import app

    seen: dict[str, object] = {}

    class Stop(Exception):
        pass

    def plan(inputs: object, **kwargs: object) -> None:
        seen.update(kwargs, inputs=inputs)
        raise Stop

    monkeypatch.setattr("nianbao.merge.job.plan_merge", plan)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))  # where the fault's details are written
    assert merge_cli.merge_command is not None
    res = CliRunner().invoke(app, ["merge", "a.xlsx", str(tmp_path), "-o", "x.xlsx", "--name", "某县",
                                   "--jobs", "3", "--previous", "p.xlsx"])
    assert res.exit_code == 2 and "（Stop）" in res.output, res.output  # the command reached, its fault said
    assert seen["inputs"] == [Path("a.xlsx"), tmp_path] and all(type(p) is type(tmp_path) for p in seen["inputs"])
    assert seen["out"] == Path("x.xlsx") and seen["name"] == "某县" and seen["jobs"] == 3
    assert seen["previous"] == [Path("p.xlsx")] and seen["roster"] is None and seen["force"] is False


def test_each_command_is_loaded_from_the_module_that_registers_it() -> None:
    """``nianbao CMD …`` loads only CMD's module (``nianbao.cli.COMMAND_MODULES``): the table names every
    command and group of the full command line, each with the module that registers it."""
    from nianbao.cli import COMMAND_MODULES
    from nianbao.cli.app import app

    registered = {c.name: c.callback.__module__ for c in app.registered_commands if c.callback is not None}
    for group in app.registered_groups:
        modules = {c.callback.__module__ for c in group.typer_instance.registered_commands if c.callback is not None}
        assert len(modules) == 1, group.name
        registered[group.name] = modules.pop()
    assert {name: f"nianbao.cli.{module}" for name, module in COMMAND_MODULES.items()} == registered


_MODULES = _RUN.replace('heavy = sorted(({m.split(".")[0] for m in sys.modules} | set(sys.modules)) & watched)',
                        'heavy = sorted(m for m in sys.modules if m.startswith("nianbao.cli."))')


@pytest.mark.parametrize(("args", "loaded"), [
    (["check", str(SAMPLE)], {"check"}),
    (["merge", "--help"], {"merge"}),
    (["--help"], {"check", "demo", "docs", "inbox", "merge", "publish", "serve", "template"}),
    (["chek"], {"check", "demo", "docs", "inbox", "merge", "publish", "serve", "template"}),
])
def test_a_command_loads_only_its_own_module(args: list[str], loaded: set[str]) -> None:
    """What runs loads only its command's module (the help of the whole program, and a mistyped command that
    is answered with the nearest one, load them all); the command is still a command of the group: its
    usage line says ``nianbao CMD``."""
    res = subprocess.run([sys.executable, "-c", _MODULES, json.dumps(args), "[]"], capture_output=True, text=True,
                         timeout=120)
    said = json.loads(res.stderr.strip().splitlines()[-1])
    got = {m.removeprefix("nianbao.cli.") for m in said["heavy"]} - {"app", "coerce", "zh"}
    assert got == loaded, res.stderr[-2000:]
    if args[0] == "merge":
        assert "用法：nianbao merge" in res.stdout
    if args[0] == "check":
        assert "检查结果" in res.stdout and "柏城街道" in res.stdout
