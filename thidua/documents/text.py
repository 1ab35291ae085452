"""The text of a PDF, for comparing a copy with the stored version (a re-saved copy has other bytes, same text)."""

import io
import logging
import re
import unicodedata
import warnings

MAX_PAGES = 200


def pdf_text(data):
    """The text of every page, NFC, without whitespace (line breaks and spacing differ between savers); None if
    the file does not read."""
    from pypdf import PdfReader

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(bytes(data)), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return None
            parts = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except Exception:  # noqa: BLE001 - an unreadable file has no text to compare
        return None
    finally:
        logger.setLevel(level)
    return normalize("".join(parts))


def normalize(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or ""))


def same_text(a, b):
    return bool(a) and normalize(a) == normalize(b)
