from celery import shared_task
from django.conf import settings

from . import services


@shared_task(
    # Idempotent, so safe to run again: acknowledged only when done (a worker killed mid-build leaves the message
    # to be redelivered after the broker's visibility timeout), and put back at once when the pool child running
    # it dies (WorkerLostError: OOM, SIGKILL). services.build_review_report resumes it, up to MAX_BUILD_ATTEMPTS.
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=getattr(settings, "REVIEW_REPORT_SOFT_TIME_LIMIT", settings.CELERY_TASK_SOFT_TIME_LIMIT),
    time_limit=getattr(settings, "REVIEW_REPORT_TIME_LIMIT", settings.CELERY_TASK_TIME_LIMIT),
)
def build_review_report_task(report_id):
    services.build_review_report(report_id)
