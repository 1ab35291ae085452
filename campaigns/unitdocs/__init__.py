"""The unit-document core: one set of services, selectors, views, URLs, templates and board for every document
a unit writes for a campaign and the committee reviews (sub-plans, progress reports, registrations, …).

A kind is declared once, in its own module `campaigns/unitdocs/kinds/<name>.py` (found by `core.autodiscover`
when the app is ready; no list to edit):

    from ..core import DocumentKind, register

    THING = register(DocumentKind(
        key="thing",                       # URL names campaigns:thing, thing_edit, thing_pdf, thing_board…
        model=Thing, log_model=ThingLog,   # Thing(UnitDocument) in campaigns/models.py
        slug="thu-gi-do",                  # /phong-trao/thu-gi-do/<pk>/, /phong-trao/<campaign>/thu-gi-do/
        labels={"noun": "…", "plural": "…", "board": "…", "code": "KH", "type": "KẾ HOẠCH", "file": "…",
                "more": "…"},
        form=ThingForm,                    # forms.UnitDocumentForm subclass: header() + parts()
        save_parts=save_parts,             # (doc, parts): the kind's child rows, inside the version-checked save
        digest=digest,                     # (pk) -> what prints (stamps content_changed_at on a real change)
        checklist=checklist,               # (doc) -> [(label, done)] a submission needs
        document=document,                 # (doc) -> reads shown on the page and the print
        parts_template="campaigns/unitdocs/kinds/thing.html",  # part == "detail" | "edit" | "board" | "empty"
        print_template="campaigns/print/thing.html", print_title=lambda doc: "…",
    ))

Optional: `variants` (TextChoices on the model's `kind` field splitting the board, as interim/final reports),
`board_context`, `remind` (a reminders task for the board), `extra_urls` (kind-specific pages such as
"oblige units"), `url_aliases` (older URL names), `next_step`, `can_write`/`can_review` (default: the unit
writes while the campaign runs; the committee staff of the campaign review), `workflow` (default: the review
table of `campaigns.workflows`: submit, withdraw, return with a reason, approve), `order`.

The core then gives the kind, with nothing more to write:
- services (`services.py`): `save` (version check, NFC, content-changed stamp), `transition` (the workflow
  table, the submission checklist, conditional update, log, mail after commit), `add_attachment`,
  `delete_attachment`, `set_due_date`, `oblige` (create the obligation rows), `scan_may_be_stale`;
- selectors (`selectors.py`): `documents_for(user, kind)` scoped to the user (another unit's is 404),
  `review_queue`, `my_documents`, `board` (every count in one query), `units_without_email`;
- pages (`views.py`, `urls.py`): the document, edit, print, moves, uploads, due date, the board with filters,
  xlsx and reminders, the unit's list ("Kế hoạch của tôi") and the review queue, both over every kind;
- templates: `templates/campaigns/unitdocs/` (the kind's own parts in one file of `kinds/`);
- mail on every move (`tasks.notify_document_transition`) and the admin's read-only state.

`core.kind_of(doc)` gives a document's kind; `core.all_kinds()` every kind in `order`.
"""
