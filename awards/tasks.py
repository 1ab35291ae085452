"""Celery tasks of awards: thin, take ids, idempotent."""

from celery import shared_task

from . import printing


@shared_task(acks_late=True, reject_on_worker_lost=True)  # idempotent: prints only what is missing
def print_decision(decision_id):
    """The decision's PDF and its certificates; a second run prints only what is missing."""
    return printing.print_decision(decision_id)
