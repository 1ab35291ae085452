"""Models of the project package itself: the outbox of side effects the broker could not take."""

from django.db import models


class OutboxMessage(models.Model):
    """A task (mail, build, print) that could not be queued because the broker was down after the change committed.

    `thidua.outbox.flush` (a beat task every minute, and at worker start) queues it again once the broker is back
    and stamps `sent_at`: each row is queued once. The tasks themselves are idempotent, so a row queued twice by
    a crash between queueing and stamping does no harm.
    """

    task = models.CharField("tác vụ", max_length=200)
    args = models.JSONField("tham số", default=list)
    label = models.CharField("việc cần làm", max_length=255)
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField("số lần thử", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    sent_at = models.DateTimeField("đã đưa vào hàng đợi lúc", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "việc chờ hàng đợi"
        verbose_name_plural = "việc chờ hàng đợi (hộp thư đi)"
        ordering = ["created_at", "id"]

    def __str__(self):
        state = f"đã gửi {self.sent_at:%d/%m/%Y %H:%M}" if self.sent_at else "đang chờ"
        return f"{self.label} ({state})"
