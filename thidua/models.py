"""Models of the project package itself: the outbox of side effects the broker could not take, and the generic
log of state changes (thidua.workflow)."""

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


class TransitionLog(models.Model):
    """The log of state changes of the models without a log of their own (campaigns, council sittings, decisions,
    review report builds, import batches): written only by `thidua.workflow.Workflow`."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name="loại hồ sơ"
    )
    object_id = models.PositiveBigIntegerField("mã hồ sơ")
    actor = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người thực hiện",
        help_text="Để trống: hệ thống (tiến trình nền)",
    )
    action = models.CharField("thao tác", max_length=32)
    from_state = models.CharField("từ trạng thái", max_length=32)
    to_state = models.CharField("sang trạng thái", max_length=32)
    note = models.TextField("ghi chú / lý do", blank=True)
    at = models.DateTimeField("thời điểm", db_index=True)

    class Meta:
        verbose_name = "lịch sử chuyển trạng thái"
        verbose_name_plural = "lịch sử chuyển trạng thái"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        who = self.actor or "hệ thống"
        return f"{self.at:%d/%m/%Y %H:%M} {who}: {self.action} {self.from_state} → {self.to_state}"

    @classmethod
    def of(cls, obj):
        """The log rows of one object, oldest first."""
        from django.contrib.contenttypes.models import ContentType

        return cls.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
