"""`make bench`: run every bench/bench_*.py against a fresh benchmark database and print the figures.

Each module defines `run(report)`; `report(name, value, unit="", note="")` prints one figure.
Pass module names (e.g. `core`) to run only some: `make bench BENCH="core"`.
"""

import atexit
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "plugins")]


SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cunwu").rsplit("/", 1)[0]
HOST = SERVER.split("@")[-1].split(":")[0]


def fresh_database(module):
    """A database of its own per run and module: benchmarks never see each other's rows, nor another run's."""
    if not SERVER.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL")
    name = f"cunwu_bench_{os.getpid()}_{module}"
    subprocess.run(["createdb", "-h", HOST, "-U", "postgres", name], check=True)
    atexit.register(subprocess.run, ["dropdb", "-h", HOST, "-U", "postgres", "--if-exists", "--force", name], check=False)
    os.environ["DATABASE_URL"] = f"{SERVER}/{name}"  # for the servers and workers a benchmark starts
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)
    cache.clear()


def report(name, value, unit="", note=""):
    shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else str(value)
    print(f"  {name:<58} {shown:>14} {unit:<8} {note}", flush=True)


def main(selected):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cunwu.settings.test")
    import django

    django.setup()
    modules = sorted(path.stem for path in (ROOT / "bench").glob("bench_*.py"))
    if selected:
        modules = [m for m in modules if m.removeprefix("bench_") in selected]
    for name in modules:
        fresh_database(name)
        module = importlib.import_module(f"bench.{name}")
        print(f"\n== {name.removeprefix('bench_')}: {(module.__doc__ or '').strip().splitlines()[0] if module.__doc__ else ''}", flush=True)
        started = time.perf_counter()
        module.run(report)
        print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main(set(sys.argv[1:]) | set(os.environ.get("BENCH", "").split()) - {""})
