"""What the command line says about itself (help, usage errors) is Chinese: no click or typer English."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from nianbao.cli.app import app

runner = CliRunner()
ENGLISH = re.compile(r"Usage|Error|Missing|Options|Arguments|Commands|Show this message|Try '|No such|"
                     r"Did you mean|required|default:|list\[Path\]|<path>|<str>|int range|x>=|OPTIONS|COMMAND|"
                     r"Input should|not a valid|\{paths\}|\{inputs\}|unexpected|argument")


def _said(args: list[str]) -> tuple[int, str]:
    res = runner.invoke(app, args)
    return res.exit_code, res.output + (res.stderr if res.stderr_bytes is not None else "")


@pytest.mark.parametrize(("args", "code", "words"), [
    (["chek"], 2, ["没有“chek”这个命令", "check", "用法："]),
    (["check"], 2, ["缺少参数", "要检查的工作簿或文件夹"]),
    (["merge", "--help"], 0, ["用法：", "选项", "显示本帮助并退出", "文件或文件夹", "[不小于 1]"]),
    (["--help"], 0, ["命令", "check"]),
    (["merge", "--jobs", "0", "x.xlsx"], 2, ["--jobs", "应不小于 1"]),
    (["merge", "--bogus", "x.xlsx"], 2, ["没有 --bogus 这个选项"]),
    (["render", "x.xlsx"], 2, ["缺少选项 -o"]),
    (["merge", "a.xlsx", "-o"], 2, ["选项 -o 后面需要给出一个值"]),
    (["demo", "演示"], 2, ["多出了参数：演示"]),
])
def test_usage_and_help_in_chinese(args: list[str], code: int, words: list[str]) -> None:
    exit_code, text = _said(args)
    assert exit_code == code, text
    for w in words:
        assert w in text, text
    assert not ENGLISH.search(text), ENGLISH.search(text)


def test_the_installed_entry_point_speaks_chinese() -> None:
    """``nianbao chek`` as a clerk types it (the console script's ``main``), not only under CliRunner."""
    res = subprocess.run([sys.executable, "-c", "import sys; from nianbao.cli import main; sys.argv[0] = 'nianbao'; main()",
                          "chek"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert "没有“chek”这个命令" in res.stderr and "用法：nianbao" in res.stderr
    assert not ENGLISH.search(res.stderr + res.stdout)


def test_an_option_in_a_note_is_only_beside_the_chinese() -> None:
    """状态 notes say what was chosen in Chinese; the option's name only as a reference in brackets."""
    from nianbao.form.findings import make
    from nianbao.wording.merge import ERRORS_POLICY

    for text in (ERRORS_POLICY, make("MERGE-EXCLUDED", name="a.xlsx", count=2).message):
        assert "不计入有错误的报告" in text
        assert "（命令行选项 --exclude-errors）" in text or "（选项 --exclude-errors）" in text, text


@pytest.mark.parametrize("command", ["check", "merge", "render", "import", "template", "demo", "docs", "serve",
                                     "inbox", *(f"inbox {c}" for c in ("add", "status", "history", "return", "accept",
                                                                       "roster", "merge", "export", "log"))])
def test_every_commands_help_is_chinese(command: str) -> None:
    exit_code, text = _said([*command.split(), "--help"])
    assert exit_code == 0 and "用法：" in text and "显示本帮助并退出" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize("group", [[], ["inbox"]])
def test_every_command_in_a_list_of_commands_says_what_it_does(group: list[str]) -> None:
    """``nianbao --help`` lists each command with its line of help, never "..." (click cut the inbox's,
    a long help with spaces in it, down to nothing: acceptance review)."""
    _code, text = _said([*group, "--help"])
    listed = re.findall(r"(?m)^  ([a-z]+) +(\S.*(?:\n {6,}\S.*)*)", text.split("命令:")[1])
    assert len(listed) >= 8
    for name, said in listed:
        assert re.search(r"[\u4e00-\u9fff]{4}", said) and "..." not in said, (name, said)


def test_a_fault_of_nianbao_itself_is_said_in_chinese_not_as_a_traceback(tmp_path, monkeypatch) -> None:
    """A fault in nianbao's own code (a reviewer met a NameError in merge as a page of Python traceback):
    one Chinese line saying it is the program's fault, not the file's, and where the details were written."""
    import subprocess
    import sys

    code = ("import sys, nianbao.merge.job as job\n"
            "def broken(*a, **k): raise NameError('x')\n"
            "job.run_merge = broken\n"
            "sys.argv = ['nianbao', 'merge', sys.argv[1], '-o', sys.argv[2]]\n"
            "from nianbao.cli import main\nmain()\n")
    (tmp_path / "in").mkdir()
    from nianbao.demo import write_county_samples

    write_county_samples(tmp_path / "in")
    res = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in"), str(tmp_path / "out.xlsx")],
                         capture_output=True, text=True, timeout=120, env={**__import__("os").environ, "TMPDIR": str(tmp_path)})
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr and "程序本身的问题" in res.stderr and "NameError" in res.stderr
    (log,) = tmp_path.glob("nianbao-fault-*.txt")
    assert str(log) in res.stderr.replace("\n", "") and "Traceback" in log.read_text(encoding="utf-8")
