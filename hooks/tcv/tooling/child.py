"""One measured child process of the benchmark: `python -m tcv.tooling.child PEAK_FILE JOB ARGS`.

At exit the process writes its peak resident memory (VmHWM) to PEAK_FILE. The rusage of a child
is no good for this: Linux carries the parent's peak over into a child started with fork/vfork
and exec, and the benchmark's parent process is large. The jobs:

- `module NAME ARGS`: run a module as `python -m NAME ARGS` would (e.g. mkdocs build);
- `validate DATA_DIR`: load and check the data, print seconds, records and problems as JSON;
- `profile OUTPUT ARGS`: an instrumented `mkdocs build ARGS` (tcv.tooling.bench).
"""

from __future__ import annotations

import atexit
import json
import runpy
import sys
import time
from pathlib import Path


def _write_peak(path: str) -> None:
    with open("/proc/self/status", encoding="utf-8") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    Path(path).write_text(str(kb), encoding="utf-8")


def validate(data_dir: str) -> None:
    from tcv.problems import Severity
    from tcv.site import validate as validate_data

    start = time.perf_counter()
    data, problems = validate_data(Path(data_dir))
    elapsed = time.perf_counter() - start
    records = len(data.municipalities) + sum(len(v) for v in data.records.values()) + 1
    errors = sum(p.severity is Severity.ERROR for p in problems)
    result = {"seconds": elapsed, "records": records, "errors": errors}
    print(json.dumps({**result, "warnings": len(problems) - errors}))


def main(argv: list[str]) -> None:
    peak, job, *args = argv
    atexit.register(_write_peak, peak)
    if job == "module":
        name, *rest = args
        sys.argv = [name, *rest]
        runpy.run_module(name, run_name="__main__", alter_sys=True)
    elif job == "validate":
        validate(*args)
    elif job == "profile":
        from tcv.tooling.bench import instrumented_build

        instrumented_build(args[0], args[1:])
    else:
        raise SystemExit(f"okänt jobb '{job}': module, validate eller profile")


if __name__ == "__main__":
    main(sys.argv[1:])
