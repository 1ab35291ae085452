"""Issued documents as stored files with versions, their verification codes, signed originals and trust.

An ``IssuedDocument`` is one official document once issued (a decision, a certificate, a final review report, a
launched plan), linked to the record it prints (generic link: the core does not import the apps), with the few
facts the public verification page may show. Each stored PDF of it is a ``DocumentVersion``: the issued print, a
reprint (old versions kept), or the signed original uploaded by staff. See thidua/documents/issued.py.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class DocumentKind(models.TextChoices):
    PLAN = "plan", "Kế hoạch"
    REVIEW = "review", "Báo cáo sơ kết, tổng kết"
    DECISION = "decision", "Quyết định"
    CERTIFICATE = "certificate", "Giấy khen, Bằng khen"


class VersionReason(models.TextChoices):
    ISSUED = "issued", "Bản in ban hành"
    REPRINT = "reprint", "In lại"
    SIGNED = "signed", "Bản gốc đã ký số"


class IssuedDocument(models.Model):
    kind = models.CharField("loại văn bản", max_length=16, choices=DocumentKind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    issuer = models.ForeignKey(
        "units.Organization", on_delete=models.PROTECT, related_name="issued_documents", verbose_name="cơ quan ban hành"
    )
    # Verification code printed on page 1 (Crockford base32, no separator; printed as XXXXX-XXXXX).
    code = models.CharField("mã xác thực", max_length=16, unique=True)
    # What the public page shows, as printed (copied when issued).
    document_type = models.CharField("loại", max_length=64)
    reference = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer_name = models.CharField("cơ quan ban hành (như in)", max_length=255)
    signer = models.CharField("người ký", max_length=255, blank=True)
    created_at = models.DateTimeField("ghi lúc", default=timezone.now)

    class Meta:
        verbose_name = "văn bản đã ban hành (bản lưu)"
        verbose_name_plural = "văn bản đã ban hành (bản lưu)"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="one_issued_document_per_source"),
        ]

    def __str__(self):
        return f"{self.document_type.capitalize()} {self.reference}"

    @property
    def printed_code(self):
        return f"{self.code[:5]}-{self.code[5:]}" if len(self.code) == 10 else self.code


def version_file_name(version, filename):
    return f"documents/{version.document.kind}/{version.document_id}/v{version.number}-{version.sha256[:12]}.pdf"


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        IssuedDocument, on_delete=models.PROTECT, related_name="versions", verbose_name="văn bản"
    )
    number = models.PositiveIntegerField("phiên bản")
    reason = models.CharField("lý do", max_length=16, choices=VersionReason.choices)
    file = models.FileField("tệp PDF", upload_to=version_file_name, max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    font = models.CharField("phông chữ", max_length=255, blank=True, help_text="Phông chữ nhúng trong tệp")
    # A reprint run: one version per document and run, so a run (or a retried task) never prints twice.
    run = models.CharField("lượt in lại", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("lưu lúc", default=timezone.now)
    # Signed originals: what the signature check found.
    signer_subject = models.CharField("chủ thể chứng thư người ký", max_length=512, blank=True)
    signer_serial = models.CharField("số hiệu chứng thư", max_length=128, blank=True)
    signer_issuer = models.CharField("tổ chức cấp chứng thư", max_length=512, blank=True)
    signed_at = models.DateTimeField("thời điểm ký", null=True, blank=True)
    trusted = models.BooleanField("chứng thư trong danh sách tin cậy", default=False)

    class Meta:
        verbose_name = "phiên bản lưu"
        verbose_name_plural = "phiên bản lưu"
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version_number"),
            models.UniqueConstraint(
                fields=["document", "run"], condition=~models.Q(run=""), name="one_version_per_reprint_run"
            ),
        ]

    def __str__(self):
        return f"{self.document} — phiên bản {self.number} ({self.get_reason_display().lower()})"


class TrustedRoot(models.Model):
    """A CA certificate the office trusts for digital signatures (uploaded by the administrator)."""

    name = models.CharField("tên", max_length=255)
    certificate = models.BinaryField("chứng thư (DER)")
    subject = models.CharField("chủ thể", max_length=512, editable=False)
    fingerprint = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    not_after = models.DateTimeField("hết hạn", null=True, editable=False)
    active = models.BooleanField("đang dùng", default=True)
    added_at = models.DateTimeField("thêm lúc", default=timezone.now)

    class Meta:
        verbose_name = "chứng thư gốc tin cậy (CA)"
        verbose_name_plural = "chứng thư gốc tin cậy (CA)"
        ordering = ["name"]

    def __str__(self):
        return self.name


class SigningIdentity(models.Model):
    """The organisation's own certificate (PKCS#12), kept encrypted, to sign copies on the server."""

    organization = models.OneToOneField(
        "units.Organization", on_delete=models.CASCADE, related_name="signing_identity", verbose_name="cơ quan"
    )
    pkcs12_sealed = models.BinaryField("PKCS#12 (đã mã hóa)", editable=False)
    passphrase_sealed = models.BinaryField("mật khẩu (đã mã hóa)", editable=False)
    subject = models.CharField("chủ thể", max_length=512, editable=False)
    serial = models.CharField("số hiệu", max_length=128, editable=False)
    seal_image = models.BinaryField("ảnh con dấu (PNG)", blank=True, editable=False)
    signature_image = models.BinaryField("ảnh chữ ký (PNG)", blank=True, editable=False)
    active = models.BooleanField("đang dùng", default=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "chứng thư số của cơ quan"
        verbose_name_plural = "chứng thư số của cơ quan"

    def __str__(self):
        return f"{self.organization} — {self.subject}"


class CompareAttempt(models.Model):
    """One upload to the public verification page (rate limit by address)."""

    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.address} {self.at:%Y-%m-%d %H:%M}"
