"""Models of the official-documents core: the editable format settings (and, below, the register of outgoing
documents)."""

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
