from celery import shared_task
from django.conf import settings

from . import services


@shared_task(
    acks_late=True,  # idempotent: a build redelivered after a worker crash is finished, not doubled
    soft_time_limit=getattr(settings, "REVIEW_REPORT_SOFT_TIME_LIMIT", settings.CELERY_TASK_SOFT_TIME_LIMIT),
    time_limit=getattr(settings, "REVIEW_REPORT_TIME_LIMIT", settings.CELERY_TASK_TIME_LIMIT),
)
def build_review_report_task(report_id):
    services.build_review_report(report_id)
