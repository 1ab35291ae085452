"""Celery tasks of campaigns: thin, take ids, idempotent (safe to run twice or after a retry)."""

import datetime

from celery import shared_task

from . import notifications


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_document_transition(kind_key, log_id):
    """Mail about one move of a unit document of any kind; a second run sends nothing (the log records the mail)."""
    from .unitdocs.core import get_kind

    return notifications.notify_transition(log_id, get_kind(kind_key).log_model)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_subplan_transition(log_id):
    """The sub-plans' mail task under its older name (messages already queued by that name)."""
    return notify_document_transition("subplan", log_id)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_progress_transition(log_id):
    """The progress reports' mail task under its older name (messages already queued by that name)."""
    return notify_document_transition("report", log_id)


@shared_task(acks_late=True)
def send_subplan_reminders(day=None):
    """Daily (beat): reminders before the due date and overdue notices, one per unit, kind and day."""
    return notifications.due_reminders(datetime.date.fromisoformat(day) if day else None)


@shared_task(acks_late=True)
def send_manual_reminders(subplan_ids, actor_id, day):
    """Reminders asked for from the board (at most one per unit per day)."""
    return notifications.manual_reminders(subplan_ids, actor_id, datetime.date.fromisoformat(day))
