"""Settings fail loudly on missing or bad configuration."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS")}
    base.update(env)
    base["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=base, capture_output=True, text=True)


def test_production_refuses_to_start_without_secret_key():
    result = run_check(DEBUG="false", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_bad_debug_value_fails_loudly():
    result = run_check(DEBUG="maybe", SECRET_KEY="x")
    assert result.returncode != 0


def test_debug_run_works_on_sqlite_default():
    result = run_check(DEBUG="true")
    assert result.returncode == 0, result.stderr
