"""`make benchmark` runs both benchmarks against the DATABASE_URL given, by default the local thidua_bench."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dry_run(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    result = subprocess.run(
        ["make", "-n", "benchmark"], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return [line for line in result.stdout.splitlines() if "benchmarks/" in line]


def test_make_benchmark_runs_both_benchmarks_on_the_local_bench_database_by_default():
    commands = dry_run()
    assert [c.split("benchmarks/")[1].split()[0] for c in commands] == ["review_report.py", "board.py"]
    assert all("DATABASE_URL='postgres://postgres@127.0.0.1:5432/thidua_bench'" in c for c in commands)


def test_make_benchmark_uses_the_database_url_given():
    url = "postgres://postgres@127.0.0.1:5432/thidua_bench_other"
    commands = dry_run(DATABASE_URL=url)
    assert len(commands) == 2 and all(f"DATABASE_URL='{url}'" in c for c in commands)
