"""Celery tasks of awards: thin, take ids, idempotent."""

from celery import shared_task

from . import printing


@shared_task(acks_late=True)
def print_decision(decision_id):
    """The decision's PDF and its certificates; a second run prints only what is missing."""
    return printing.print_decision(decision_id)
