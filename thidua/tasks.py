"""Celery tasks of the project package."""

from celery import shared_task

from . import outbox


@shared_task
def flush_outbox():
    """Every minute (beat): queue the tasks kept in the outbox while the broker was down."""
    return outbox.flush()
