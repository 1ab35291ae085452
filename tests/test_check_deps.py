"""scripts/check-deps: one line per missing thing with its Debian package, exit 1; silent and 0 when all is there."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check-deps"
BASH = shutil.which("bash")


def run(mode, path, **env):
    base = {"PATH": path, "VENV": "/nonexistent-venv", "HOME": os.environ.get("HOME", "/")}
    base.update(env)
    return subprocess.run([BASH, str(SCRIPT), mode, ""], env=base, capture_output=True, text=True)


def test_everything_missing_is_named_with_its_package(tmp_path):
    # A PATH with only the shell tools the script itself uses: no Python, npm, poppler, fontconfig.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("grep", "ldconfig"):
        found = shutil.which(tool) or shutil.which(tool, path="/sbin:/usr/sbin")
        if found:
            (bin_dir / tool).symlink_to(found)
    result = run("test", str(bin_dir), CHROMIUM_PATH=str(tmp_path / "no-chromium"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith("missing: ") and "sudo apt install " in line for line in lines), lines
    packages = {line.rsplit("sudo apt install ", 1)[1] for line in lines}
    assert {"python3 python3-venv", "nodejs npm", "fontconfig", "chromium", "poppler-utils"} <= packages
    assert "libreoffice-writer-nogui" in packages
    assert sum("poppler-utils" in line for line in lines) == 2  # pdftotext and pdftoppm, one line each


def test_run_does_not_ask_for_test_tools(tmp_path):
    result = run("run", str(tmp_path), CHROMIUM_PATH=str(tmp_path / "no-chromium"))
    assert "chromium" not in result.stdout
    assert "poppler-utils" not in result.stdout
    assert "libreoffice" not in result.stdout


def test_this_machine_has_everything():
    venv = ROOT / ".venv"
    result = run("test", os.environ["PATH"], VENV=str(venv))
    assert (result.returncode, result.stdout) == (0, "")
