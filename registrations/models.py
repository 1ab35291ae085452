"""Registrations (đăng ký thi đua): the third kind of unit document, after sub-plans and progress reports.

A unit registers, for a campaign and its emulation year, the title its collective aims for (Tập thể lao động tiên
tiến, Cờ thi đua…) with its targets, and the list of its people with the title each aims for (Lao động tiên tiến,
Chiến sĩ thi đua cơ sở…). Titles are rows of the award catalogue (`awards.AwardType`, the version valid on the
campaign's rules date). The unit submits it, committee staff return or approve it: the unit-document core's
workflow table, pages, board, print and mail (`campaigns/unitdocs`), its own log. At the year's end the eligibility check looks the nominee up
here (`awards.eligibility.check_registration`). The kind is declared in `campaigns/unitdocs/kinds/registration.py`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from awards.enums import Gender, NomineeKind
from awards.models import AwardType, nominee_key
from campaigns.enums import DocumentStatus, ReminderKind
from campaigns.models import Campaign, UnitDocument
from thidua.text import normalize_text_fields
from thidua.uploads import UploadedFileBase
from thidua.validation import NARRATIVE, TITLE, limited, validate_birth_year, validate_year
from thidua.workflow import TransitionLogBase
from units.models import Organization

# States in which a registration counts as made (the roll-up's "registered"; the eligibility check wants approved).
REGISTERED_STATES = (DocumentStatus.SUBMITTED, DocumentStatus.APPROVED)


class Registration(UnitDocument):
    """A unit's registration for a campaign (one per campaign and unit); `year` is the emulation year it is for."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="registrations", verbose_name="phong trào"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="registrations", verbose_name="đơn vị"
    )
    year = models.PositiveSmallIntegerField(
        "năm thi đua", validators=[validate_year], help_text="Năm của phong trào (năm kết thúc thời gian thi đua)"
    )
    collective_title = models.ForeignKey(
        AwardType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="danh hiệu tập thể đăng ký",
    )
    targets = models.TextField(
        "mục tiêu, chỉ tiêu thi đua của tập thể", blank=True, help_text="Mỗi dòng một chỉ tiêu", **limited(NARRATIVE)
    )
    number = models.CharField("số, ký hiệu", max_length=64, blank=True, help_text="Ví dụ: 05-ĐK/ĐU")
    issued_on = models.DateField("ngày đăng ký", null=True, blank=True)
    place = models.CharField("địa danh", max_length=64, blank=True)
    sign_on_behalf = models.CharField(
        "thẩm quyền ký",
        max_length=128,
        blank=True,
        help_text="Ví dụ: T/M ĐẢNG ỦY, TM. ỦY BAN NHÂN DÂN. Để trống: theo loại tổ chức của đơn vị",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=128, blank=True)

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["campaign", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="unique_registration_per_unit"),
        ]
        indexes = [models.Index(fields=["campaign", "status"]), models.Index(fields=["year", "status"])]

    noun = "bản đăng ký thi đua"

    def __str__(self):
        return f"Đăng ký thi đua năm {self.year} của {self.organization} ({self.campaign.dated_reference})"

    def get_absolute_url(self):
        return reverse("campaigns:registration", args=[self.pk])

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)

    @property
    def target_lines(self):
        return [line.strip() for line in self.targets.splitlines() if line.strip()]


class RegistrationPerson(models.Model):
    """One person of the unit and the title they register for."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="people", verbose_name="đăng ký thi đua"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    full_name = models.CharField("họ và tên", max_length=255)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices, blank=True)
    ethnicity = models.CharField("dân tộc", max_length=64, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True, validators=[validate_birth_year])
    title = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu đăng ký")
    nominee_key = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "cá nhân đăng ký"
        verbose_name_plural = "cá nhân đăng ký"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.full_name} — {self.title.name}"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        self.fill_key()
        super().save(*args, **kwargs)

    def fill_key(self):
        """The same key a nomination of this person computes (awards.models.nominee_key): how eligibility finds it."""
        self.nominee_key = nominee_key(NomineeKind.INDIVIDUAL, full_name=self.full_name, birth_year=self.birth_year)


class RegistrationAttachment(UploadedFileBase):
    UPLOAD_PREFIX = "registrations"

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attachments", verbose_name="đăng ký thi đua"
    )

    class Meta(UploadedFileBase.Meta):
        verbose_name = "tệp đính kèm đăng ký thi đua"
        verbose_name_plural = "tệp đính kèm đăng ký thi đua"


class RegistrationLog(TransitionLogBase):
    states = DocumentStatus
    subject = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="logs", verbose_name="đăng ký thi đua"
    )
    notified_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta(TransitionLogBase.Meta):
        verbose_name = "nhật ký đăng ký thi đua"
        verbose_name_plural = "nhật ký đăng ký thi đua"


class RegistrationReminder(models.Model):
    """At most one reminder per registration, kind and day (the unique row makes the task idempotent)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders", verbose_name="đăng ký thi đua"
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
        verbose_name = "nhắc nhở đăng ký thi đua"
        verbose_name_plural = "nhắc nhở đăng ký thi đua"
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "day"], name="unique_registration_reminder_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day:%d/%m/%Y} — {self.registration.organization}"
