"""Start-up: ``nianbao --help`` and ``nianbao check ONE.xlsx`` as whole processes, median of N runs each,
beside the bare interpreter (``python -c pass``) measured interleaved in the same run.

    python benchmarks/startup.py [--runs 10]

The workbook checked is one filled template made by ``build_workbook`` in a temporary folder. Each round
runs the commands once, in turn, so the machine's load falls alike on all: the bare interpreter and
``python -c "import python_calamine"`` are the baselines. The commands run without PYTHONDONTWRITEBYTECODE
(set, every run would compile nianbao's modules again, as no installed copy does), after one warm-up run
that writes the compiled modules. On a shared machine the CPU time (user + system, the worker's included)
is the steadier figure; the wall time is what a clerk waits. Also printed:
which heavy modules ``import nianbao.cli`` and the one-file check load (pandas, pydantic, openpyxl,
sqlalchemy, xlsxwriter, python-docx, starlette should not be among them).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

HEAVY = ("pandas", "numpy", "pydantic", "openpyxl", "sqlalchemy", "xlsxwriter", "docx", "starlette", "jinja2")
_PROBE = ("import runpy, sys\nsys.argv = ['nianbao'] + sys.argv[1:]\ntry:\n    runpy.run_module('nianbao', run_name='__main__')\n"
          f"except SystemExit:\n    pass\nheavy = {{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})\n"
          "print(' '.join(sorted(heavy)) or '(none)', file=sys.stderr)\n")


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


#: the children's environment: compiled modules written and used, as in an installed copy
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run: on a shared machine CPU time is the steadier."""
    t0, c0 = time.perf_counter(), _cpu()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - t0, _cpu() - c0


def _heavy(args: list[str]) -> str:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=False,
                          env=ENV)
    return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "?"


def main(runs: int) -> None:
    layout = get_layout("2021")
    with tempfile.TemporaryDirectory(prefix="nianbao-startup-") as d:
        one = Path(d) / "单位.xlsx"
        one.write_bytes(build_workbook(layout, report=random_report(layout, random.Random(1), office="某单位")))
        cmds = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import calamine'": [sys.executable, "-c", "import python_calamine"],
            "nianbao --help": [sys.executable, "-m", "nianbao", "--help"],
            "nianbao check one.xlsx": [sys.executable, "-m", "nianbao", "check", str(one)],
        }
        for cmd in cmds.values():  # the warm-up: compiled modules written
            _time(cmd)
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
        for _ in range(runs):
            for name, cmd in cmds.items():
                times[name].append(_time(cmd))
        base = statistics.median(w for w, _c in times["python -c pass"])
        for name, ts in times.items():
            walls = [w for w, _c in ts]
            med, cpu = statistics.median(walls), statistics.median(c for _w, c in ts)
            extra = "" if name.startswith("python") else f"  (interpreter + {1000 * (med - base):.0f} ms)"
            print(f"{name:28s} median of {runs}: {med:.3f} s wall, {cpu:.3f} s CPU"
                  f"  [wall min {min(walls):.3f}, max {max(walls):.3f}]{extra}")
        print(f"(PYTHONDONTWRITEBYTECODE {'was set here, unset for the runs' if 'PYTHONDONTWRITEBYTECODE' in os.environ else 'unset'};"
              " target: both nianbao commands <= 0.25 s)")
        print("heavy modules loaded by nianbao --help:        ", _heavy(["--help"]))
        print("heavy modules loaded by nianbao check one.xlsx:", _heavy(["check", str(one)]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    main(parser.parse_args().runs)
