from django.db import models


class ReviewKind(models.TextChoices):
    INTERIM = "interim", "Sơ kết"
    FINAL = "final", "Tổng kết"


class ReviewStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tổng hợp"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


ACTIVE_STATUSES = (ReviewStatus.QUEUED, ReviewStatus.RUNNING)
