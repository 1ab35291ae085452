"""Font guard: official documents print in Times New Roman metrics (Liberation Serif, from Debian's
fonts-liberation2). Without it WeasyPrint falls back silently to another serif (DejaVu Serif, wider): lines break
elsewhere ("ngày 25 tháng 12 năm / 2020", "1-KH/ HU") and the stored document is wrong for good.

- ``check_fonts`` is a Django system check (``manage.py check``, run at every start): an error naming the command
  that installs the font.
- ``require_print_font()`` is called by the renderer before every document (thidua/documents/pdf.py): it raises
  ``PrintFontMissing`` (a ValidationError with a Vietnamese message), so nothing is rendered nor stored.

The answer of fontconfig is cached for the process (one ``fc-list`` call); ``clear_cache()`` forgets it.
"""

import functools
import shutil
import subprocess

from django.core import checks
from django.core.exceptions import ValidationError

# A family with Times New Roman metrics that has every Vietnamese letter (U+1EC7 "ệ" stands for them).
FAMILIES = ("Liberation Serif", "Times New Roman")
VIETNAMESE = "1ec7"
INSTALL = "apt-get install fonts-liberation2"


class PrintFontMissing(ValidationError):
    """The serif font the formats need is not installed: no official document is rendered."""


@functools.lru_cache(maxsize=1)
def installed_family():
    """The first of FAMILIES fontconfig has with Vietnamese letters (regular and bold), or None."""
    if shutil.which("fc-list") is None:
        return None
    for family in FAMILIES:
        styles = set()
        for style in ("Regular", "Bold"):
            result = subprocess.run(
                ["fc-list", f":family={family}:style={style}:charset={VIETNAMESE}", "family"],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            )
            if result.returncode == 0 and result.stdout.strip():
                styles.add(style)
        if styles == {"Regular", "Bold"}:
            return family
    return None


def clear_cache():
    installed_family.cache_clear()


def missing_message():
    return (
        "Máy chủ chưa cài phông chữ Liberation Serif (cùng số đo với Times New Roman) mà thể thức văn bản yêu cầu: "
        f"không in, không ban hành văn bản. Quản trị viên cài bằng lệnh: {INSTALL}"
    )


def require_print_font():
    """Raise PrintFontMissing unless the print font is installed (called before rendering any document)."""
    if installed_family() is None:
        raise PrintFontMissing(missing_message(), code="print_font_missing")


@checks.register(checks.Tags.compatibility)
def check_fonts(app_configs=None, **kwargs):
    if installed_family() is not None:
        return []
    return [
        checks.Error(
            "The serif font of the official formats (Liberation Serif, Times New Roman metrics, with Vietnamese "
            "letters) is not installed: documents would print in another font.",
            hint=f"Install it: sudo {INSTALL} (fontconfig: fc-list ':family=Liberation Serif:charset=1ec7').",
            id="documents.E001",
        )
    ]
