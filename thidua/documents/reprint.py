"""Reprinting stored documents (the command `reprint_documents`, the admin action, load_demo)."""

import uuid

from django.utils import timezone

from thidua import outbox

from .issued import adopt_stored, issued_records, needs_reprint, refuse_without_font, reprint
from .models import IssuedDocument

# Above this many documents the admin action queues one task per document instead of printing in the request.
QUEUE_ABOVE = 5


def new_run(prefix):
    return f"{prefix}-{timezone.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"


def adopt_all(kinds=None):
    """Give every issued record its IssuedDocument (and its stored file as version 1 if printed before versions);
    returns the documents."""
    documents = []
    for kind, obj in issued_records(kinds):
        document = adopt_stored(obj, kind)
        if document is not None:
            documents.append(document)
    return documents


def reprint_many(documents, run, *, actor=None, queue=False, only_needed=False):
    """Reprint each document once for this run; returns (reprinted, queued, skipped). Refuses (FontMissing) before
    printing anything when the font is missing."""
    from .tasks import reprint_document_task

    todo = [d for d in documents if not only_needed or needs_reprint(d)]
    reprinted, queued, skipped = 0, 0, len(documents) - len(todo)
    if todo:
        refuse_without_font()
    for document in todo:
        if queue:
            outbox.send(
                reprint_document_task, document.pk, run, getattr(actor, "pk", None), label="việc in lại văn bản"
            )
            queued += 1
            continue
        _version, created = reprint(document, run, actor=actor)
        if created:
            reprinted += 1
        else:
            skipped += 1
    return reprinted, queued, skipped


def documents_by_ids(ids):
    return list(IssuedDocument.objects.filter(pk__in=ids).order_by("pk"))
