"""PDF helpers for tests: text through pdftotext (as a reader copies it), positions through pdfplumber."""

import io
import subprocess


def pdf_text(pdf_bytes, *args):
    """Text in content order (-raw keeps a line-final "-" that the default mode would join away)."""
    result = subprocess.run(["pdftotext", "-raw", *args, "-", "-"], input=pdf_bytes, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def page_count(pdf_bytes):
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)


def body_text(pdf_bytes):
    """The text without the page numbers printed at the top of pages 2, 3, …"""
    pages = pdf_text(pdf_bytes).split("\f")
    kept = []
    for number, page in enumerate(pages, start=1):
        lines = page.strip("\n").split("\n")
        if number > 1 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        elif number > 1 and lines and lines[-1].strip() == str(number):
            lines = lines[:-1]
        kept.append("\n".join(lines))
    return "\n".join(kept)
