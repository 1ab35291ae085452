"""Text helpers for Vietnamese: NFC on save, diacritic-free keys for search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value):
    """Normalise to NFC: decomposed input renders the same but compares differently."""
    if value is None:
        return value
    return unicodedata.normalize("NFC", value)


def fold(value):
    """Lower-case, strip diacritics ("Chiềng Mung" -> "chieng mung"), fold spaces."""
    if not value:
        return ""
    value = unicodedata.normalize("NFD", str(value)).replace("đ", "d").replace("Đ", "D")
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", value).strip().lower()


def normalize_text_fields(instance):
    """NFC every non-empty CharField/TextField of a model instance (call from save())."""
    for field in instance._meta.concrete_fields:
        if field.get_internal_type() in ("CharField", "TextField"):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))


def vn_date(value):
    """'ngày 25 tháng 10 năm 2019' as official documents write a date."""
    if not value:
        return ""
    # Decree 30/2020: days below 10 and months below 3 take a leading zero.
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def paragraphs(text):
    """Split stored text into paragraphs: one per non-empty line."""
    if not text:
        return []
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
