"""Models of the official-documents core: the editable format settings (and, below, the register of outgoing
documents)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import formats
from .issued_models import (  # noqa: F401  (issued documents, versions, trust: thidua/documents/issued_models.py)
    CompareAttempt,
    DocumentKind,
    DocumentVersion,
    IssuedDocument,
    SigningIdentity,
    TrustedRoot,
    VersionReason,
)


class FormatSetting(models.Model):
    """One setting of a format that overrides the built-in value (formats.py): the values that could not be
    checked against the published text are kept here, seeded by a data migration, so an office corrects them in
    the admin. ``valid_from`` of a format is a setting too (the date from which documents follow it)."""

    FORMAT_CHOICES = [(rules.key, rules.name) for rules in formats.FORMATS]
    FIELD_CHOICES = [(name, name) for name in formats.SETTING_FIELDS]

    format_key = models.CharField("thể thức", max_length=32, choices=FORMAT_CHOICES)
    field = models.CharField("thông số", max_length=32, choices=FIELD_CHOICES)
    value = models.CharField(
        "giá trị", max_length=255, blank=True, help_text="Số (mm, pt), ngày dạng 2026-05-27, hoặc chữ"
    )
    source = models.CharField(
        "nguồn / ghi chú",
        max_length=255,
        blank=True,
        help_text="Văn bản, trang đã đối chiếu; để trống nếu chưa đối chiếu được",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thông số thể thức văn bản"
        verbose_name_plural = "thông số thể thức văn bản"
        ordering = ["format_key", "field"]
        constraints = [models.UniqueConstraint(fields=["format_key", "field"], name="unique_format_setting")]

    def __str__(self):
        return f"{self.format_key}: {self.field} = {self.value}"

    def clean(self):
        from django.core.exceptions import ValidationError

        try:
            formats.coerce(self.field, self.value)
        except (TypeError, ValueError) as exc:
            raise ValidationError({"value": f"Giá trị không hợp lệ cho {self.field}: {exc}"}) from exc


@receiver((post_save, post_delete), sender=FormatSetting)
def _format_settings_changed(**kwargs):
    formats.clear_cache()


class RegisterEntry(models.Model):
    """One line of the register of outgoing documents (sổ văn bản đi): a number an issuer gave to a document of a
    type in a numbering period (Party: the term, nhiệm kỳ; state: the calendar year). The database refuses a second
    document with the same issuer, type, period and number; thidua/documents/register.py takes the numbers."""

    issuer = models.ForeignKey(
        "units.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan ban hành"
    )
    document_type = models.CharField(
        "loại văn bản", max_length=16, help_text="Chữ viết tắt tên loại: KH, BC, QĐ, TTr, GK…"
    )
    period = models.CharField("kỳ đánh số", max_length=16, help_text="Nhiệm kỳ (văn bản của Đảng) hoặc năm")
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("ký hiệu", max_length=64, help_text="KH/HU, QĐ-UBND…")
    document_format = models.CharField("thể thức", max_length=8, default=formats.PARTY)
    issued_on = models.DateField("ngày văn bản", null=True, blank=True)
    subject = models.CharField("trích yếu", max_length=500, blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="loại đối tượng"
    )
    object_id = models.PositiveBigIntegerField("mã đối tượng", null=True, blank=True)
    document = GenericForeignKey("content_type", "object_id")
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người lấy số",
    )
    created_at = models.DateTimeField("lấy số lúc", auto_now_add=True)

    class Meta:
        verbose_name = "văn bản đi (sổ đăng ký)"
        verbose_name_plural = "sổ văn bản đi"
        ordering = ["issuer", "document_type", "-period", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "document_type", "period", "number"], name="unique_register_number"
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(object_id__isnull=False),
                name="one_register_entry_per_document",
            ),
        ]
        indexes = [models.Index(fields=["issuer", "document_type", "period"], name="register_series")]

    def __str__(self):
        return f"{self.printed_reference} — {self.subject[:80]}"

    @property
    def rules(self):
        return formats.format_for(self.document_format, self.issued_on)

    @property
    def reference(self):
        # A book without an issuer part (certificates: "12/GK") writes the number before a slash in every format.
        if self.symbol == self.document_type:
            return f"{self.rules.number_text(self.number)}/{self.symbol}"
        return self.rules.reference(self.number, self.symbol)

    @property
    def printed_reference(self):
        return self.rules.printed_reference(self.number, self.symbol)
