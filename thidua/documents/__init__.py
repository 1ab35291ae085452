"""The official-documents core: every official document the system prints (plan, units' sub-plans and reports,
review reports, decisions, proposals upward, certificates) goes through this package. Every app may import it; it
imports no app. Django app label ``documents``.

Modules (import them directly; this file imports nothing so the app registry stays untouched):

``thidua.documents.formats`` — the format rules as dated data
    ``format_for(kind, issued_on=None) -> FormatRules``: kind "party" or "state"; the format in force on
    ``issued_on`` (today's when None; the oldest format of the kind for dates before it).
    ``format_by_key(key)``, ``formats()`` (with the database's overrides), ``FORMATS`` (built-in).
    Formats: "party-hd36-2018" (Hướng dẫn 36-HD/VPTW, from 03/4/2018), "party-hd05-2026" (Quy định 399-QĐ/TW +
    Hướng dẫn 05-HD/VPTW, from 27/5/2026), "state-nd30-2020" (Nghị định 30/2020/NĐ-CP).
    ``FormatRules`` fields (stable; sizes in pt, lengths in mm):
        key, kind, name, legal_basis, valid_from,
        margin_top_mm, margin_bottom_mm, margin_left_mm, margin_right_mm,
        body_pt, line_spacing_pt (exact spacing or None), line_height (multiple, used when line_spacing_pt is None),
        paragraph_after_pt, first_line_indent_mm,
        header_left_pct, header_right_pct (widths of the two header columns),
        superior_pt, issuing_pt, headline_pt ("ĐẢNG CỘNG SẢN VIỆT NAM" / "CỘNG HÒA …"), motto_pt (state),
        reference_pt, place_date_pt, document_type_pt, subject_pt,
        recipients_label_pt, recipients_pt, signature_pt,
        reference_pattern ("Số {number}-{symbol}" / "Số: {number}/{symbol}"), number_zero_pad (2 → "05"),
        on_behalf ("T/M" / "TM."), deputy ("K/T" / "KT."), by_order ("T/L" / "TL."), authorised ("T/U" / "TUQ."),
        committee_spelling ("ỦY" / "UỶ"), archive_recipient ("Lưu Văn phòng" / "Lưu: VT" / "Lưu"),
        numbering_period ("term" / "year"), unverified (names of the settings not checked against the text).
    Methods: ``printed_reference(number, symbol)`` → "Số 05-NQ/ĐU" / "Số 215-KH/HU" / "Số: 12/QĐ-UBND" (a blank
    while there is no number), ``reference(number, symbol)`` → "215-KH/HU", ``number_text(number)`` → "05",
    ``css_variables()`` → the ``:root { --doc-…: … }`` rule the print base template emits.

``thidua.documents.blocks`` — the parts every document prints, said once (take a kind + issue date, or a FormatRules)
    ``printed_reference(kind, number, symbol, issued_on=None, *, blank=…)`` → "Số 1-KH/HU" / "Số 05-NQ/ĐU" /
    "Số: 12/QĐ-UBND"; ``reference(kind, number, symbol, issued_on)`` → "215-KH/HU" (titles, lists, citations);
    ``printed_reference_text(kind, text)`` → "Số " / "Số: " + a reference already written out;
    ``place_and_date(place, issued_on, *, year=None, blank=…)`` → "Mai Sơn, ngày 25 tháng 10 năm 2019";
    ``authority(kind, "TM. BAN THƯỜNG VỤ")`` → "T/M BAN THƯỜNG VỤ" in a Party format (T/M, K/T, T/L, T/U ↔ TM., KT.,
    TL., TUQ.); ``committee_spelling(kind, text)`` ("ĐẢNG UỶ" → "ĐẢNG ỦY" in the 2026 Party format);
    ``recipients(kind, lines, *, office="")`` → Nơi nhận ending with the format's "Lưu …" line.
    ``DocumentMeta`` applies authority, committee_spelling and recipients to its fields when it is built.

``thidua.documents.pdf`` — the renderer (moved from reports/pdf.py)
    ``render_pdf(template_name, context, *, fetcher=None, on_page=None) -> bytes``: renders a Django template to
    HTML and the HTML to PDF with WeasyPrint. Call it in a Celery task for anything longer than a few pages
    (WeasyPrint keeps its memory until the process ends); a synchronous view is acceptable only for short
    documents. ``on_page(n)`` is called as page n is laid out (to show progress).
    ``render_html(html, *, fetcher=None, on_page=None) -> bytes``: the same for an HTML string you built.
    ``StaticOnlyFetcher``: the url_fetcher of both. It serves the app's own static files (``/static/...``, found
    through the staticfiles finders, else STATIC_ROOT) and refuses every other URL (http(s) elsewhere, ``file:``,
    ``data:``, path traversal); it records every URL asked for in ``.requested``.
    ``count_pdf_pages(pdf)``, ``join_pdfs(pdfs)``.
    ``DocumentMeta`` — what the header, title and closing blocks print (stable fields; add, do not rename):
        issuing_body, printed_reference ("Số 215-KH/HU"), place_and_date ("Mai Sơn, ngày 25 tháng 10 năm 2019"),
        document_type ("KẾ HOẠCH"), title (subject; one printed line per line), superior_body,
        document_format ("party"/"state"), sign_on_behalf ("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH"), signer_title, signer_name, recipients (list of str), issued_on (date or None),
        format_rules (FormatRules; chosen by format_for(document_format, issued_on) when not given).
        ``DocumentMeta.for_campaign(campaign, **overrides)`` for a plan.
    Print templates extend ``reports/print/base.html``: it links ``static/print/document.css`` and emits
    ``doc.format_rules.css_variables()``; the stylesheet reads margins and sizes from those variables. Blocks:
    ``body``, ``title_block``, ``closing``, ``appendix``, ``extra_css``. Context ``landscape=True`` (A4 landscape),
    ``no_header=True``, ``draft=True`` ("DỰ THẢO").
    User text reaches templates as plain strings (autoescaped); ``{% load doc %}`` filters allow *italic* only.

``thidua.documents.register`` — the register of outgoing documents (sổ văn bản đi), ``models.RegisterEntry``
    One number per (issuer, document type, period); period: the term for Party documents, the calendar year for
    state ones (``period_for(kind, day, term)``). ``take_number(issuer, type, day, *, kind, term, symbol, subject,
    document, created_by, number=None, period=None)`` (race-safe; a typed number taken → ``NumberTaken``),
    ``next_number(issuer, type, day, *, kind, term, period=None)``, ``entry_for(obj)``, ``release(obj)``,
    ``series(issuer_ids)`` (next number per series), ``document_type_of("KH/HU") == "KH"``.

``thidua.documents.models`` — ``FormatSetting`` (editable overrides of format settings, admin "Thể thức văn bản"),
``RegisterEntry`` (admin: read-only, filters issuer/type/year/period).

``thidua.documents.issued`` — issued documents as stored versions (``IssuedDocument``, ``DocumentVersion`` in
    ``issued_models.py``): apps ``register(Source(...))`` in their ``issued_documents.py``; ``print_issued(obj, kind)``,
    ``stored_pdf(obj, kind)``, ``reprint(document, run)``, ``verifying(document)`` (the code and QR code in the
    footer of page 1), ``compare_copy``, ``record_signed_original``. ``signatures.py`` verifies signed PDFs (pyHanko)
    against ``TrustedRoot``; ``signing.py`` signs copies with the organisation's ``SigningIdentity``.
"""
