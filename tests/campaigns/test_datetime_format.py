"""One date-time order everywhere: dd/mm/yyyy HH:MM (never the time first)."""

import re
from pathlib import Path

from django.conf import settings

TIME_FIRST = re.compile(r"""date:\s*["'][^"']*[HGgh]:i[^"']*[djDNn][/.\-][^"']*["']""")
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_no_template_prints_the_time_before_the_date():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in TIME_FIRST.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_pattern_would_catch_it():
    assert TIME_FIRST.search('{{ x|date:"H:i d/m/Y" }}')
    assert not TIME_FIRST.search('{{ x|date:"d/m/Y H:i" }}')


def test_vietnamese_datetime_format_is_day_first():
    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.get_format("DATETIME_FORMAT") == "d/m/Y H:i"
        assert formats.get_format("SHORT_DATETIME_FORMAT") == "d/m/Y H:i"
