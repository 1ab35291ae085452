"""`make benchmark` runs benchmarks/pages.py against the DATABASE_URL given, by default the local thidua_bench."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dry_run(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    result = subprocess.run(
        ["make", "-n", "benchmark"], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    joined = result.stdout.replace("\\\n", " ")
    return [line for line in joined.splitlines() if "benchmarks/" in line]


def test_make_benchmark_runs_the_page_benchmark_on_the_local_bench_database_by_default():
    commands = dry_run()
    assert [c.split("benchmarks/")[1].split()[0] for c in commands] == ["pages.py"]
    assert "DATABASE_URL='postgres://postgres@127.0.0.1:5432/thidua_bench'" in commands[0]


def test_make_benchmark_uses_the_database_url_and_broker_given():
    url = "postgres://postgres@127.0.0.1:5432/thidua_bench_other"
    commands = dry_run(DATABASE_URL=url, BENCH_BROKER="redis://127.0.0.1:6379/9")
    assert len(commands) == 1 and f"DATABASE_URL='{url}'" in commands[0]
    assert "BENCH_BROKER='redis://127.0.0.1:6379/9'" in commands[0]
