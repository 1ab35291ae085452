"""Side effects that survive a broker outage.

A change commits, then its side effect (a mail, a report build, a print) is handed to Celery. If the broker is
down at that moment the change is still saved: the request must not fail, and the side effect must not be lost.
`send()` queues the task; when the broker refuses, it records an `OutboxMessage` and notes it for the current
request (the `OutboxNoticeMiddleware` then tells the user that the change is saved and the mail/print will go
out when the queue is back). `flush()` (beat task `thidua.tasks.flush_outbox`, every minute) queues the
recorded tasks once the broker answers again, each once.
"""

import logging
import threading

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# What the broker raises when it cannot be reached (kombu wraps most; a refused socket may come through as is).
BROKER_ERRORS = (BrokerError, ConnectionError, OSError)

_request = threading.local()


def begin_request():
    _request.deferred = []


def deferred_labels():
    """Labels of side effects recorded in the outbox during the current request."""
    return list(getattr(_request, "deferred", []))


def _publish(task, args):
    # Fail fast: one short retry, not kombu's default, so a request answers in about a second when Redis is down.
    task.apply_async(args=list(args), retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2})


def send(task, *args, label):
    """Queue `task(*args)` now; if the broker is down, record it in the outbox. Returns True when queued."""
    from .models import OutboxMessage

    if task.app.conf.task_always_eager:  # no broker (first run): the task runs here and its errors are its own
        task.apply_async(args=list(args))
        return True
    try:
        _publish(task, args)
        return True
    except BROKER_ERRORS as exc:
        logger.warning("broker unavailable, %s kept in the outbox: %s", task.name, exc)
        OutboxMessage.objects.create(task=task.name, args=list(args), label=label, attempts=1, last_error=str(exc))
        if hasattr(_request, "deferred"):
            _request.deferred.append(label)
        return False


def send_on_commit(task, *args, label):
    """`send()` once the current transaction commits (nothing is queued for a change that rolled back)."""
    transaction.on_commit(lambda: send(task, *args, label=label))


def flush(limit=500):
    """Queue the outbox's waiting tasks, oldest first, each once. Stops at the first broker failure.

    Returns the number queued. Safe to run in several processes at once (rows are locked, skip_locked).
    """
    from .celery import app
    from .models import OutboxMessage

    sent = 0
    while sent < limit:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True)
                .order_by("created_at", "id")
                .first()
            )
            if message is None:
                return sent
            task = app.tasks[message.task]
            try:
                _publish(task, message.args)
            except BROKER_ERRORS as exc:
                OutboxMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1, last_error=str(exc))
                logger.warning("outbox: broker still unavailable: %s", exc)
                return sent
            OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=message.attempts + 1)
            sent += 1
    return sent
