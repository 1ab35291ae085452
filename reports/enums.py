"""Statuses of review report builds. The kind of review (interim/final) is campaigns.enums.ReviewKind."""

from django.db import models


class ReviewStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tổng hợp"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


ACTIVE_STATUSES = (ReviewStatus.QUEUED, ReviewStatus.RUNNING)
