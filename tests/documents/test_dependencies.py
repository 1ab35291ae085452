"""The documents core sits below every app: it imports none of them (every app may import it)."""

from pathlib import Path

import thidua.documents
from tests.campaigns.test_dependencies import imported_modules

ROOT = Path(thidua.documents.__file__).resolve().parent
APPS = ("units", "campaigns", "reports", "awards")


def test_the_documents_core_imports_no_app():
    found = [
        f"{path.relative_to(ROOT.parent)}: {name}"
        for path in sorted(ROOT.rglob("*.py"))
        for name in imported_modules(path)
        if name.split(".")[0] in APPS
    ]
    assert found == []
