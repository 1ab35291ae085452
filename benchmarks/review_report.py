"""Benchmark of the final review report (1,000 units, 5 content areas, 5,000 targets) in a Celery worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python benchmarks/review_report.py \
        --broker redis://127.0.0.1:6379/12

Same as `python manage.py bench_review_report` (reports/management/commands/bench_review_report.py): prints the
wall time from queueing to done, the build time inside the worker, and the worker's peak RSS.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "bench_review_report", *sys.argv[1:]])
