"""Moved to thidua/documents/pdf.py: this re-export stays only until every caller imports the core."""

from thidua.documents.pdf import (  # noqa: F401
    PRINT_BASE_URL,
    DocumentMeta,
    RefusedURL,
    StaticOnlyFetcher,
    count_pdf_pages,
    join_pdfs,
    render_html,
    render_pdf,
    static_path_for,
)
