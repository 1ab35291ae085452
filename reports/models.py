"""The committee's review reports (báo cáo sơ kết / tổng kết), each build a stored version."""

import datetime

from django.conf import settings
from django.db import models

from campaigns.enums import ReviewKind
from campaigns.models import Campaign
from thidua.workflow import StateGuardedModel

from .enums import ReviewStatus


def review_file_name(report, extension):
    kind = "so-ket" if report.kind == ReviewKind.INTERIM else "tong-ket"
    return f"reviews/{report.campaign_id}/{kind}-v{report.version}-{report.pk}.{extension}"


class ReviewReport(StateGuardedModel):
    """One build of a review report: the data snapshot it used, the narrative, and its files.

    A build is requested (queued), built by a Celery task (running, with progress) and ends done or failed.
    Among the done builds of a campaign and kind exactly one is current. A done build is never changed:
    edited narrative is printed as a new version that reuses the snapshot of the one it was edited from.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="review_reports", verbose_name="phong trào"
    )
    kind = models.CharField("loại báo cáo", max_length=16, choices=ReviewKind.choices)
    version = models.PositiveIntegerField("phiên bản")
    status = models.CharField(
        "trạng thái", max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    progress_note = models.CharField("đang làm", max_length=255, blank=True)
    failure_reason = models.TextField("lý do lỗi", blank=True)
    is_current = models.BooleanField("bản hiện hành", default=False)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="in lại từ phiên bản",
    )
    data_as_of = models.DateField(
        "số liệu tính đến ngày",
        null=True,
        blank=True,
        help_text="Ngày chốt số liệu của bản tổng hợp; ngày ban hành không được trước ngày này",
    )
    snapshot = models.JSONField("số liệu đã dùng", default=dict, blank=True)
    sections = models.JSONField("các phần của báo cáo", default=list, blank=True)
    pdf = models.FileField("tệp PDF", blank=True, max_length=255)
    xlsx = models.FileField("tệp Excel phụ lục", blank=True, max_length=255)
    docx = models.FileField("tệp Word", blank=True, max_length=255)
    # The document's header and closing, edited by staff with the narrative (carried to the next version).
    number = models.PositiveIntegerField("số", null=True, blank=True, help_text="Để trống: in chỗ trống để ghi tay")
    symbol = models.CharField("ký hiệu", max_length=32, blank=True, help_text="Ví dụ BC/HU")
    term = models.CharField("nhiệm kỳ", max_length=16, blank=True)
    # The body whose book of reports the number belongs to (the campaign's issuer, copied so the database can
    # keep one number per issuer, symbol and term).
    issuer = models.ForeignKey(
        "units.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan ban hành",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    place = models.CharField("địa danh", max_length=64, blank=True)
    sign_on_behalf = models.CharField("thẩm quyền ký", max_length=128, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=128, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    is_final = models.BooleanField(
        "bản ban hành", default=False, help_text="Bản chính thức (không in DỰ THẢO); không sửa, không in lại được nữa"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người yêu cầu"
    )
    requested_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)

    class Meta:
        verbose_name = "báo cáo sơ kết, tổng kết"
        verbose_name_plural = "báo cáo sơ kết, tổng kết"
        ordering = ["campaign", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind", "version"], name="unique_review_version"),
            models.UniqueConstraint(
                fields=["campaign", "kind"], condition=models.Q(is_current=True), name="one_current_review_per_kind"
            ),
            # An issued report's number is the issuer's for the term: two reports cannot be issued with one number
            # (a failed build of the issued version does not hold it).
            models.UniqueConstraint(
                fields=["issuer", "symbol", "term", "number"],
                condition=models.Q(is_final=True, number__isnull=False) & ~models.Q(status="failed"),
                name="unique_issued_review_number_in_term",
            ),
        ]

    def __str__(self):
        return f"Báo cáo {self.get_kind_display().lower()} {self.campaign.dated_reference} — phiên bản {self.version}"

    def save(self, *args, **kwargs):
        if self.issuer_id is None and self.campaign_id:
            self.issuer_id = Campaign.objects.filter(pk=self.campaign_id).values_list("issuer_id", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status in (ReviewStatus.QUEUED, ReviewStatus.RUNNING)

    HEADER_FIELDS = ("number", "issued_on", "place", "sign_on_behalf", "signer_title", "signer_name", "recipients")

    def header(self):
        return {name: getattr(self, name) for name in self.HEADER_FIELDS}

    @property
    def data_date(self):
        """The date the figures are as of: the chosen cut-off, else (older builds) the day they were gathered."""
        if self.data_as_of:
            return self.data_as_of
        generated = (self.snapshot or {}).get("data_as_of") or (self.snapshot or {}).get("generated_at")
        return datetime.date.fromisoformat(generated[:10]) if generated else None

    @property
    def reference(self):
        return f"{self.number}-{self.symbol}" if self.number else f"…-{self.symbol}"

    @property
    def title_text(self):
        return f"{self.get_kind_display()} phong trào thi đua"
