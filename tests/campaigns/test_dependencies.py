"""Campaigns sit below reports: no module of campaigns/ imports reports (reports contributes through registries)."""

import ast
from pathlib import Path

import campaigns

ROOT = Path(campaigns.__file__).resolve().parent


def imported_modules(path):
    """Every module name a Python file imports, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def reports_imports():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for name in imported_modules(path):
            if name == "reports" or name.startswith("reports."):
                found.append(f"{path.relative_to(ROOT.parent)}: {name}")
    return found


def test_no_campaigns_module_imports_reports():
    # campaigns/printing.py takes the renderer from the documents core (thidua/documents), not from reports.
    assert reports_imports() == []


def test_the_scan_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from reports.models import ReviewReport\n    import reports.pdf\n")
    assert list(imported_modules(sample)) == ["reports.models", "reports.pdf"]
