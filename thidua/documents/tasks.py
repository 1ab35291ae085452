"""Celery tasks of issued documents: thin, take ids, idempotent (one version per document and run)."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reprint_document_task(document_id, run, actor_id=None):
    from .issued import reprint
    from .models import IssuedDocument

    document = IssuedDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    version, _created = reprint(document, run, actor=None if actor_id is None else _user(actor_id))
    return version.pk


def _user(pk):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=pk).first()
