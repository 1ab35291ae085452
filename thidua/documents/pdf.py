"""The one PDF renderer for every official document (plan, sub-plan, review report, decision, certificate).

The package's API is documented in thidua/documents/__init__.py (render_pdf, render_html, StaticOnlyFetcher,
DocumentMeta and its FormatRules).
"""

from __future__ import annotations

import gc
import io
import logging
import mimetypes
import posixpath
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import blocks
from .fonts import require_print_font
from .formats import FormatRules, format_for

# WeasyPrint logs every layout step at INFO: keep workers' logs readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative and root-relative URLs in print templates resolve against this origin, which exists nowhere.
PRINT_BASE_URL = "https://print.thidua.invalid/"
_PRINT_ORIGIN = urlsplit(PRINT_BASE_URL)


class RefusedURL(Exception):
    """The fetcher refuses a URL (WeasyPrint logs it and goes on without the resource)."""


def static_path_for(url):
    """The file behind a /static/... URL on the print origin, or None. Never leaves the static roots."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (_PRINT_ORIGIN.scheme, _PRINT_ORIGIN.netloc):
        return None
    static_prefix = urlsplit(settings.STATIC_URL).path or "/static/"
    path = unquote(parts.path)
    if not path.startswith(static_prefix):
        return None
    relative = path[len(static_prefix) :]
    normalized = posixpath.normpath(relative)
    if not relative or normalized.startswith(("..", "/")) or "\\" in relative or "\x00" in relative:
        return None
    found = finders.find(normalized)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / normalized).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            return candidate
    return None


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's own static files; refuses everything else (file:, http(s) elsewhere, data:)."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False, timeout=1)
        self.requested = []  # every URL WeasyPrint asked for
        self.served = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        path = static_path_for(url)
        if path is None:
            raise RefusedURL(f"refused: {url[:200]}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


@dataclass
class DocumentMeta:
    """What the header, title and signature blocks of an official document print (fields documented in
    thidua/documents/__init__.py; stable: add fields, do not rename them).

    ``format_rules`` (a FormatRules) is chosen from ``document_format`` and ``issued_on`` when not given:
    the format in force on the issue date, today's for a draft."""

    issuing_body: str
    printed_reference: str
    place_and_date: str
    document_type: str
    title: str = ""
    superior_body: str = ""
    document_format: str = "party"
    sign_on_behalf: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: list = field(default_factory=list)
    issued_on: date | None = None
    format_rules: FormatRules | None = None

    def __post_init__(self):
        if self.format_rules is None:
            self.format_rules = format_for(self.document_format, self.issued_on)
        else:
            self.document_format = self.format_rules.kind
        # The blocks in the format's own conventions (thidua/documents/blocks.py).
        rules = self.format_rules
        self.sign_on_behalf = blocks.authority(rules, self.sign_on_behalf)
        self.issuing_body = blocks.committee_spelling(rules, self.issuing_body)
        self.superior_body = blocks.committee_spelling(rules, self.superior_body)
        self.recipients = blocks.recipients(rules, self.recipients)

    @classmethod
    def for_campaign(cls, campaign, **overrides):
        values = {
            "issuing_body": campaign.issuing_body,
            "superior_body": campaign.superior_body,
            "printed_reference": campaign.printed_reference,
            "place_and_date": campaign.place_and_date,
            "document_format": campaign.document_format,
            "document_type": campaign.document_type,
            "title": campaign.title,
            "sign_on_behalf": campaign.sign_on_behalf,
            "signer_title": campaign.signer_title,
            "signer_name": campaign.signer_name,
            "recipients": [r.text for r in campaign.recipients.all()],
            "issued_on": campaign.issued_on,
        }
        values.update(overrides)
        return cls(**values)


class _PageProgress(logging.Handler):
    """Calls on_page(n) as WeasyPrint lays out page n (from its progress log, this thread only)."""

    def __init__(self, on_page):
        super().__init__(logging.INFO)
        self.on_page = on_page
        self.thread = threading.get_ident()

    def emit(self, record):
        if record.thread == self.thread and record.msg.startswith("Step 5 - Creating layout - Page"):
            self.on_page(record.args[0])


@contextmanager
def _page_progress(on_page):
    if on_page is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _PageProgress(on_page)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # to our handler only, not to the application's log
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextmanager
def _fewer_collections():
    """WeasyPrint allocates millions of small objects that live until the document is written: the cyclic garbage
    collector walks them again and again (about 30 % of a long render). Collect rarely while rendering."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), max(thresholds[1], 50), max(thresholds[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.collect()


def render_html(html, *, fetcher=None, on_page=None):
    # Never print an official document in a fallback font (fonts.PrintFontMissing: nothing rendered, nothing stored).
    require_print_font()
    fetcher = fetcher or StaticOnlyFetcher()
    with _page_progress(on_page), _fewer_collections():
        return HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=fetcher).write_pdf()


def count_pdf_pages(pdf):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def join_pdfs(pdfs):
    """One PDF from documents rendered separately (a long report's parts), in order; the first one's metadata."""
    if len(pdfs) == 1:
        return pdfs[0]
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    first = PdfReader(io.BytesIO(pdfs[0])).metadata
    if first:
        writer.add_metadata({k: v for k, v in first.items() if isinstance(v, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_pdf(template_name, context, *, fetcher=None, on_page=None):
    """Render a print template (extending reports/print/base.html) to PDF bytes.

    on_page: optional callable(page_number) called as each page is laid out (progress of long reports).
    """
    html = render_to_string(template_name, {"STATIC_URL": settings.STATIC_URL, **context})
    return render_html(html, fetcher=fetcher, on_page=on_page)
