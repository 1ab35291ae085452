"""Celery tasks of registrations: thin, take ids, idempotent (safe to run twice or after a retry)."""

import datetime

from celery import shared_task

from . import notifications


@shared_task(acks_late=True)
def send_registration_reminders(day=None):
    """Daily (beat): reminders before the due date and overdue notices, one per unit, kind and day."""
    return notifications.due_reminders(datetime.date.fromisoformat(day) if day else None)


@shared_task(acks_late=True)
def send_registration_manual_reminders(registration_ids, actor_id, day):
    """Reminders asked for from the roll-up page (at most one per unit per day)."""
    return notifications.manual_reminders(registration_ids, actor_id, datetime.date.fromisoformat(day))
