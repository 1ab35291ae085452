"""Celery tasks of campaigns: thin, take ids, idempotent (safe to run twice or after a retry)."""

import datetime

from celery import shared_task

from . import notifications


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_subplan_transition(log_id):
    """Mail about one move of a sub-plan; a second run sends nothing (the log records the mail)."""
    return notifications.notify_transition(log_id)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_progress_transition(log_id):
    """Mail about one move of a progress report; idempotent like the sub-plan's."""
    from .models import ProgressReportLog

    return notifications.notify_transition(log_id, ProgressReportLog)


@shared_task(acks_late=True)
def send_subplan_reminders(day=None):
    """Daily (beat): reminders before the due date and overdue notices, one per unit, kind and day."""
    return notifications.due_reminders(datetime.date.fromisoformat(day) if day else None)


@shared_task(acks_late=True)
def send_manual_reminders(subplan_ids, actor_id, day):
    """Reminders asked for from the board (at most one per unit per day)."""
    return notifications.manual_reminders(subplan_ids, actor_id, datetime.date.fromisoformat(day))
