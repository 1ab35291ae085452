"""The campaign plan as structured data.

A plan is edited freely while it is a draft. Once launched its issued text is
frozen (the model refuses changes to it); later changes are recorded as
amendments (văn bản sửa đổi, bổ sung), so what was issued stays printable as
it was issued.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from thidua.documents import blocks
from thidua.text import normalize_text_fields
from thidua.uploads import UploadedFileBase
from thidua.validation import NARRATIVE, TITLE, limited, validate_figure
from thidua.workflow import StateGuardedModel, TransitionLogBase
from units.models import Organization

from .enums import CampaignStatus, DocumentStatus, LegalBasisKind, MilestoneKind, ReminderKind, ReviewKind


class DocumentFormat(models.TextChoices):
    PARTY = "party", "Văn bản của Đảng (HD 36-HD/VPTW)"
    STATE = "state", "Văn bản hành chính (NĐ 30/2020/NĐ-CP)"


FROZEN_ERROR = "Kế hoạch đã phát hành: không sửa văn bản đã ban hành, hãy ghi nhận bằng văn bản sửa đổi, bổ sung."


class Campaign(StateGuardedModel):
    guarded_fields = ("status", "version")  # written by launch/close and the version-checked draft save

    # Fields that make up the issued text; frozen once the plan is launched.
    FROZEN_FIELDS = (
        "issuer_id",
        "superior_body",
        "issuing_body",
        "document_format",
        "document_type",
        "symbol",
        "number",
        "term",
        "place",
        "issued_on",
        "title",
        "preamble",
        "introduction",
        "purpose",
        "requirements",
        "period_text",
        "closing",
        "sign_on_behalf",
        "signer_title",
        "signer_name",
    )

    issuer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="issued_campaigns", verbose_name="cơ quan ban hành"
    )
    superior_body = models.CharField(
        "cơ quan cấp trên (dòng 1 tiêu đề)", max_length=255, blank=True, help_text="Ví dụ: ĐẢNG BỘ TỈNH SƠN LA"
    )
    issuing_body = models.CharField(
        "cơ quan ban hành (dòng 2 tiêu đề)", max_length=255, help_text="Ví dụ: HUYỆN ỦY MAI SƠN"
    )
    document_format = models.CharField(
        "thể thức", max_length=8, choices=DocumentFormat.choices, default=DocumentFormat.PARTY
    )
    document_type = models.CharField("tên loại văn bản", max_length=64, default="KẾ HOẠCH")
    symbol = models.CharField("ký hiệu", max_length=32, default="KH/HU", help_text="Phần sau số, ví dụ KH/HU")
    number = models.PositiveIntegerField("số", null=True, blank=True, help_text="Cấp khi phát hành")
    term = models.CharField(
        "nhiệm kỳ", max_length=16, help_text="Số văn bản đánh theo loại trong nhiệm kỳ, ví dụ 2015-2020"
    )
    place = models.CharField("địa danh", max_length=64)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True, help_text="Cấp khi phát hành")
    number_note = models.CharField(
        "ghi chú về số, ngày", max_length=255, blank=True, help_text="Nguồn gốc số và ngày (ví dụ: do dữ liệu mẫu gán)"
    )
    title = models.TextField("trích yếu", help_text="Mỗi dòng một dòng in", **limited(TITLE))
    preamble = models.TextField("căn cứ (đoạn mở đầu)", blank=True, **limited(NARRATIVE))
    introduction = models.TextField("lời dẫn", blank=True, **limited(NARRATIVE))
    purpose = models.TextField("mục đích", blank=True, **limited(NARRATIVE))
    requirements = models.TextField("yêu cầu", blank=True, **limited(NARRATIVE))
    period_start = models.DateField("thời gian thực hiện từ")
    period_end = models.DateField("thời gian thực hiện đến")
    period_text = models.CharField("thời gian thực hiện (như văn bản)", max_length=255, blank=True)
    closing = models.TextField("đoạn kết", blank=True, **limited(NARRATIVE))
    sign_on_behalf = models.CharField("thẩm quyền ký", max_length=128, blank=True, help_text="Ví dụ: T/M BAN THƯỜNG VỤ")
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=128, blank=True)

    status = models.CharField(
        "trạng thái", max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        "phiên bản", default=1, editable=False, help_text="Tăng mỗi lần lưu dự thảo ở trang soạn thảo"
    )
    launched_at = models.DateTimeField("phát động lúc", null=True, blank=True)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người phát động",
    )
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "kế hoạch phát động thi đua"
        verbose_name_plural = "kế hoạch phát động thi đua"
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "symbol", "term", "number"],
                name="unique_campaign_number_in_term",
                condition=models.Q(number__isnull=False),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self):
        first_line = self.title.strip().splitlines()[0] if self.title.strip() else ""
        return f"{self.dated_reference} — {first_line}"

    @property
    def reference(self):
        """ "215-KH/HU" ("05-KH/HU" from 2026, "12/KH-UBND" for the state), or "…-KH/HU" while no number is given."""
        return blocks.reference(self.document_format, self.number, self.symbol, self.issued_on)

    @property
    def dated_reference(self):
        """How lists and pages name the plan: numbers restart every term, so "1-KH/HU" alone is ambiguous.
        "1-KH/HU ngày 25/10/2019"; a draft "…-KH/HU (dự thảo, nhiệm kỳ 2020-2025)"."""
        if self.issued_on:
            return f"{self.reference} ngày {self.issued_on:%d/%m/%Y}"
        return f"{self.reference} (dự thảo{f', nhiệm kỳ {self.term}' if self.term else ''})"

    @property
    def printed_reference(self):
        # Party documents: "Số 215-KH/HU" (no colon); state documents: "Số: 12/QĐ-UBND" (thidua/documents/blocks.py).
        return blocks.printed_reference(self.document_format, self.number, self.symbol, self.issued_on, blank="    ")

    @property
    def place_and_date(self):
        return blocks.place_and_date(self.place, self.issued_on, year=self.period_start.year, blank="    ")

    @property
    def is_frozen(self):
        return self.status != CampaignStatus.DRAFT

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Thời gian kết thúc phải sau thời gian bắt đầu."})

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        if self.pk:
            stored = Campaign.objects.filter(pk=self.pk).values("status", *self.FROZEN_FIELDS).first()
            if stored and stored["status"] != CampaignStatus.DRAFT:
                changed = [f for f in self.FROZEN_FIELDS if stored[f] != getattr(self, f)]
                if changed:
                    raise ValidationError(FROZEN_ERROR)
        super().save(*args, **kwargs)


class CampaignPart(models.Model):
    """Base for the parts of a plan's text: refuses edits once the plan is launched."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, verbose_name="kế hoạch")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def _check_draft(self):
        if Campaign.objects.filter(pk=self.campaign_id).exclude(status=CampaignStatus.DRAFT).exists():
            raise ValidationError(FROZEN_ERROR)

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_draft()
        return super().delete(*args, **kwargs)


class LegalBasis(CampaignPart):
    class Role(models.TextChoices):
        BASIS = "basis", "Căn cứ ban hành"
        REFERENCED = "referenced", "Văn bản được dẫn trong nội dung"

    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.BASIS)
    kind = models.CharField("loại văn bản", max_length=8, choices=LegalBasisKind.choices)
    number = models.CharField("số, ký hiệu", max_length=64, help_text="Ví dụ: 26-CT/TU")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    title = models.TextField("trích yếu", blank=True, **limited(TITLE))

    class Meta(CampaignPart.Meta):
        verbose_name = "văn bản căn cứ"
        verbose_name_plural = "văn bản căn cứ"
        default_related_name = "legal_bases"

    def __str__(self):
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{self.get_kind_display()} số {self.number}{day} của {self.issuer}"


class ContentArea(CampaignPart):
    heading = models.CharField("tên ngắn", max_length=255, blank=True, help_text="Tên gọn để hiển thị trong bảng")
    body = models.TextField(
        "nội dung",
        help_text="Nguyên văn như văn bản. Mỗi dòng một đoạn; *chữ nghiêng* đặt giữa hai dấu sao.",
        **limited(NARRATIVE),
    )

    class Meta(CampaignPart.Meta):
        verbose_name = "nội dung thi đua"
        verbose_name_plural = "nội dung thi đua"
        default_related_name = "content_areas"

    def __str__(self):
        return f"{self.order}. {self.heading or self.body[:80]}"


class ContentAreaChild(models.Model):
    """Movement or target of a content area; frozen with the plan."""

    content_area = models.ForeignKey(ContentArea, on_delete=models.CASCADE, verbose_name="nội dung thi đua")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        if Campaign.objects.filter(content_areas=self.content_area_id).exclude(status=CampaignStatus.DRAFT).exists():
            raise ValidationError(FROZEN_ERROR)
        super().save(*args, **kwargs)


class Movement(ContentAreaChild):
    name = models.CharField("tên phong trào", max_length=255)

    class Meta(ContentAreaChild.Meta):
        verbose_name = "phong trào"
        verbose_name_plural = "phong trào"
        default_related_name = "movements"

    def __str__(self):
        return self.name


class Target(ContentAreaChild):
    """A measurable target set by the plan itself (units add their own in sub-plans)."""

    name = models.CharField("chỉ tiêu", max_length=255)
    unit_of_measure = models.CharField("đơn vị tính", max_length=64, blank=True)
    value = models.DecimalField(
        "mức chỉ tiêu", max_digits=14, decimal_places=2, null=True, blank=True, validators=[validate_figure]
    )

    class Meta(ContentAreaChild.Meta):
        verbose_name = "chỉ tiêu của kế hoạch"
        verbose_name_plural = "chỉ tiêu của kế hoạch"
        default_related_name = "targets"

    def __str__(self):
        return self.name


class Occasion(CampaignPart):
    name = models.CharField("sự kiện chào mừng", max_length=255)
    date = models.DateField("ngày", null=True, blank=True)

    class Meta(CampaignPart.Meta):
        verbose_name = "sự kiện chào mừng"
        verbose_name_plural = "sự kiện chào mừng"
        default_related_name = "occasions"

    def __str__(self):
        return self.name


class Assignment(CampaignPart):
    """One paragraph of "Tổ chức thực hiện": who is responsible for what."""

    body = models.TextField("nhiệm vụ (nguyên văn)", **limited(NARRATIVE))
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="assignments", verbose_name="đơn vị chủ trì"
    )
    requires_subplan = models.BooleanField("phải xây dựng kế hoạch riêng", default=False)
    due_date = models.DateField("hạn nộp kế hoạch", null=True, blank=True)

    class Meta(CampaignPart.Meta):
        verbose_name = "nhiệm vụ tổ chức thực hiện"
        verbose_name_plural = "tổ chức thực hiện"
        default_related_name = "assignments"

    def __str__(self):
        return f"{self.order}. {self.body[:80]}"


class Recipient(CampaignPart):
    text = models.CharField("nơi nhận (như văn bản)", max_length=255)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="đơn vị"
    )

    class Meta(CampaignPart.Meta):
        verbose_name = "nơi nhận"
        verbose_name_plural = "nơi nhận"
        default_related_name = "recipients"

    def __str__(self):
        return self.text


class Milestone(models.Model):
    """Deadlines and review dates: not part of the issued text, editable after launch."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones", verbose_name="kế hoạch")
    kind = models.CharField("loại mốc", max_length=32, choices=MilestoneKind.choices)
    date = models.DateField("ngày")
    label = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "mốc thời gian"
        verbose_name_plural = "mốc thời gian"
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.date:%d/%m/%Y}"


class Amendment(models.Model):
    """A change to a launched plan, issued as its own document."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="amendments", verbose_name="kế hoạch")
    reference = models.CharField("số, ký hiệu", max_length=64, blank=True)
    issued_on = models.DateField("ngày")
    text = models.TextField("nội dung sửa đổi, bổ sung", **limited(NARRATIVE))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người ghi"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "văn bản sửa đổi, bổ sung"
        verbose_name_plural = "văn bản sửa đổi, bổ sung"
        ordering = ["issued_on", "id"]

    def __str__(self):
        return f"{self.reference or 'Sửa đổi'} ({self.issued_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


# --- Units' documents: sub-plans (and progress reports) -------------------------------------------


class UnitDocument(StateGuardedModel):
    """Abstract: a document a unit writes for a campaign and the committee reviews (every kind of
    `campaigns.unitdocs`: sub-plans, progress reports, …). Subclasses add `campaign` and `organization` (with
    their own related names), their content fields, an attachments model (related_name "attachments") and a
    log model (related_name "logs").

    The row exists from the moment the unit is obliged to write it (status draft, nothing filled).
    State changes only through the kind's workflow (the log cannot be bypassed); `version` grows on
    every save so two tabs saving the same draft cannot silently overwrite each other.
    """

    guarded_fields = ("status", "version")  # written only by the workflow and the version-checked saves

    status = models.CharField(
        "trạng thái", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    due_date = models.DateField("hạn nộp", null=True, blank=True)
    submitted_at = models.DateTimeField("nộp lần gần nhất lúc", null=True, blank=True)
    first_submitted_at = models.DateTimeField("nộp lần đầu lúc", null=True, blank=True)
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người xét duyệt",
    )
    return_reason = models.TextField("lý do trả lại gần nhất", blank=True, **limited(TITLE))
    content_changed_at = models.DateTimeField(
        "nội dung thay đổi lúc",
        null=True,
        blank=True,
        editable=False,
        help_text="Lần lưu gần nhất làm thay đổi nội dung (để cảnh báo bản ký đính kèm trước đó có thể không còn khớp)",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người giao",
    )
    created_at = models.DateTimeField("giao lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    sign_on_behalf = models.CharField(
        "thẩm quyền ký",
        max_length=128,
        blank=True,
        help_text="Ví dụ: T/M ĐẢNG ỦY, TM. ỦY BAN NHÂN DÂN. Để trống: theo loại tổ chức của đơn vị",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=128, blank=True)

    doc_kind_key = ""  # the key of its kind, set by campaigns.unitdocs.core.register

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(f"campaigns:{self.doc_kind_key}", args=[self.pk])

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)

    @property
    def is_editable(self):
        return self.status in (DocumentStatus.DRAFT, DocumentStatus.RETURNED)

    def days_late(self, today):
        """Days past the due date, counted to the first submission (or today while none) and never beyond the end
        of the campaign's period: a unit that never submitted a 2019 plan is not late by thousands of days, and
        the figure does not jump when it finally submits years later (it was "412" before, "2574" after)."""
        if not self.due_date:
            return 0
        if self.first_submitted_at:
            from django.utils import timezone as tz

            end = tz.localtime(self.first_submitted_at).date()
        else:
            end = today
        end = min(end, self.campaign.period_end)  # callers select_related("campaign")
        return max((end - self.due_date).days, 0)


class SubPlan(UnitDocument):
    """A unit's own plan for a campaign (kế hoạch của đơn vị). One row per (campaign, unit) is the obligation."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="subplans", verbose_name="kế hoạch phát động"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="subplans", verbose_name="đơn vị"
    )
    number = models.CharField("số, ký hiệu", max_length=64, blank=True, help_text="Ví dụ: 45-KH/ĐU")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    place = models.CharField("địa danh", max_length=64, blank=True)
    title = models.TextField("trích yếu", blank=True, **limited(TITLE))
    introduction = models.TextField("mục đích, yêu cầu", blank=True, **limited(NARRATIVE))
    further_content = models.TextField("nội dung khác, tổ chức thực hiện", blank=True, **limited(NARRATIVE))

    class Meta:
        verbose_name = "kế hoạch của đơn vị"
        verbose_name_plural = "kế hoạch của đơn vị"
        ordering = ["campaign", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="unique_subplan_per_unit"),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    noun = "kế hoạch"

    def __str__(self):
        return f"Kế hoạch của {self.organization} ({self.campaign.dated_reference})"


class SubPlanItem(models.Model):
    """The unit's section for one content area of the campaign: its measures (and targets below)."""

    subplan = models.ForeignKey(
        SubPlan, on_delete=models.CASCADE, related_name="items", verbose_name="kế hoạch của đơn vị"
    )
    content_area = models.ForeignKey(
        ContentArea, on_delete=models.PROTECT, related_name="subplan_items", verbose_name="nội dung thi đua"
    )
    measures = models.TextField("nhiệm vụ, giải pháp", blank=True, **limited(NARRATIVE))

    class Meta:
        verbose_name = "phần theo nội dung thi đua"
        verbose_name_plural = "phần theo nội dung thi đua"
        ordering = ["content_area__order", "content_area_id"]
        constraints = [
            models.UniqueConstraint(fields=["subplan", "content_area"], name="unique_subplan_item_per_area"),
        ]

    def __str__(self):
        return f"{self.subplan.organization} — {self.content_area}"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class SubPlanTarget(models.Model):
    """A measurable commitment of the unit: what, figure, unit of measure, deadline, who is responsible."""

    item = models.ForeignKey(SubPlanItem, on_delete=models.CASCADE, related_name="targets", verbose_name="phần")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("chỉ tiêu", max_length=500)
    value = models.DecimalField(
        "mức chỉ tiêu", max_digits=14, decimal_places=2, null=True, blank=True, validators=[validate_figure]
    )
    unit_of_measure = models.CharField("đơn vị tính", max_length=64, blank=True)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    responsible = models.CharField("người, bộ phận chịu trách nhiệm", max_length=255, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu của đơn vị"
        verbose_name_plural = "chỉ tiêu của đơn vị"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class SubPlanAttachment(UploadedFileBase):
    UPLOAD_PREFIX = "subplans"

    subplan = models.ForeignKey(
        SubPlan, on_delete=models.CASCADE, related_name="attachments", verbose_name="kế hoạch của đơn vị"
    )

    class Meta(UploadedFileBase.Meta):
        verbose_name = "tệp đính kèm kế hoạch"
        verbose_name_plural = "tệp đính kèm kế hoạch"


class SubPlanLog(TransitionLogBase):
    states = DocumentStatus
    subject = models.ForeignKey(
        SubPlan, on_delete=models.CASCADE, related_name="logs", verbose_name="kế hoạch của đơn vị"
    )
    notified_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta(TransitionLogBase.Meta):
        verbose_name = "nhật ký kế hoạch của đơn vị"
        verbose_name_plural = "nhật ký kế hoạch của đơn vị"


class SubPlanReminder(models.Model):
    """Bookkeeping of reminders: at most one per sub-plan, kind and day (the unique row makes the task idempotent)."""

    subplan = models.ForeignKey(
        SubPlan, on_delete=models.CASCADE, related_name="reminders", verbose_name="kế hoạch của đơn vị"
    )
    kind = models.CharField("loại nhắc nhở", max_length=16, choices=ReminderKind.choices)
    day = models.DateField("ngày")
    sent_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    recipients = models.TextField("gửi tới", blank=True, **limited(TITLE))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người gửi",
    )

    class Meta:
        verbose_name = "nhắc nhở"
        verbose_name_plural = "nhắc nhở"
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["subplan", "kind", "day"], name="unique_subplan_reminder_per_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day:%d/%m/%Y} — {self.subplan.organization}"


# --- Units' progress reports (báo cáo sơ kết / tổng kết của đơn vị) --------------------------------------


class ProgressReport(UnitDocument):
    """A unit's interim or final report: results against its approved sub-plan, narrative, examples, proposals.

    One per (campaign, unit, kind). Same workflow, permissions and upload checks as sub-plans.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="progress_reports", verbose_name="kế hoạch phát động"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="progress_reports", verbose_name="đơn vị"
    )
    kind = models.CharField("loại báo cáo", max_length=16, choices=ReviewKind.choices)
    subplan = models.ForeignKey(
        SubPlan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_reports",
        verbose_name="kế hoạch của đơn vị",
        help_text="Kế hoạch (đã duyệt) mà báo cáo đối chiếu chỉ tiêu",
    )
    number = models.CharField("số, ký hiệu", max_length=64, blank=True, help_text="Ví dụ: 30-BC/ĐU")
    issued_on = models.DateField("ngày báo cáo", null=True, blank=True)
    place = models.CharField("địa danh", max_length=64, blank=True)
    summary = models.TextField("công tác lãnh đạo, chỉ đạo, tổ chức thực hiện", blank=True, **limited(NARRATIVE))
    notable_examples = models.TextField("gương điển hình tiên tiến", blank=True, **limited(NARRATIVE))
    difficulties = models.TextField("khó khăn, hạn chế và nguyên nhân", blank=True, **limited(NARRATIVE))
    proposals = models.TextField("kiến nghị, đề xuất", blank=True, **limited(NARRATIVE))

    class Meta:
        verbose_name = "báo cáo sơ kết, tổng kết của đơn vị"
        verbose_name_plural = "báo cáo sơ kết, tổng kết của đơn vị"
        ordering = ["campaign", "kind", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization", "kind"], name="unique_progress_report"),
        ]
        indexes = [models.Index(fields=["campaign", "kind", "status"])]

    def __str__(self):
        return f"Báo cáo {self.get_kind_display().lower()} của {self.organization} ({self.campaign.dated_reference})"

    @property
    def noun(self):
        return f"báo cáo {self.get_kind_display().lower()}"


class ProgressResult(models.Model):
    """What the unit achieved against one target of its approved sub-plan."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="results", verbose_name="báo cáo")
    target = models.ForeignKey(
        SubPlanTarget, on_delete=models.PROTECT, related_name="results", verbose_name="chỉ tiêu của đơn vị"
    )
    achieved = models.DecimalField(
        "kết quả đạt được", max_digits=14, decimal_places=2, null=True, blank=True, validators=[validate_figure]
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "kết quả thực hiện chỉ tiêu"
        verbose_name_plural = "kết quả thực hiện chỉ tiêu"
        ordering = ["target__item__content_area__order", "target__order", "target_id"]
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="unique_result_per_target")]

    def __str__(self):
        return f"{self.target}: {self.achieved}"

    @property
    def share(self):
        """Achieved as a percentage of the target's figure (None when either is missing or the figure is 0)."""
        return share_of(self.achieved, self.target.value)


def share_of(achieved, value):
    if achieved is None or not value:
        return None
    return (achieved * 100 / value).quantize(Decimal("0.1"))


class ProgressNarrative(models.Model):
    """The unit's account of one content area of the campaign."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="narratives", verbose_name="báo cáo"
    )
    content_area = models.ForeignKey(
        ContentArea, on_delete=models.PROTECT, related_name="progress_narratives", verbose_name="nội dung thi đua"
    )
    text = models.TextField("kết quả thực hiện", **limited(NARRATIVE))

    class Meta:
        verbose_name = "kết quả theo nội dung thi đua"
        verbose_name_plural = "kết quả theo nội dung thi đua"
        ordering = ["content_area__order", "content_area_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "content_area"], name="unique_narrative_per_area"),
        ]

    def __str__(self):
        return f"{self.report.organization} — {self.content_area}"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class CommendationProposal(models.Model):
    """A collective or individual the unit proposes for commendation (a simple list; awards links it later)."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="commendations", verbose_name="báo cáo"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tập thể, cá nhân", max_length=255)
    is_collective = models.BooleanField("là tập thể", default=False)
    award = models.CharField("hình thức, danh hiệu đề nghị", max_length=255, blank=True)
    achievement = models.TextField("thành tích tóm tắt", blank=True, **limited(NARRATIVE))

    class Meta:
        verbose_name = "đề nghị khen thưởng (trong báo cáo)"
        verbose_name_plural = "đề nghị khen thưởng (trong báo cáo)"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class ProgressReportAttachment(UploadedFileBase):
    UPLOAD_PREFIX = "progress"

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="attachments", verbose_name="báo cáo"
    )

    class Meta(UploadedFileBase.Meta):
        verbose_name = "minh chứng của báo cáo"
        verbose_name_plural = "minh chứng của báo cáo"


class ProgressReportLog(TransitionLogBase):
    states = DocumentStatus
    subject = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="logs", verbose_name="báo cáo")
    notified_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta(TransitionLogBase.Meta):
        verbose_name = "nhật ký báo cáo của đơn vị"
        verbose_name_plural = "nhật ký báo cáo của đơn vị"
