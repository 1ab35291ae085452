import hashlib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from . import reprint
from .models import DocumentVersion, IssuedDocument, SigningIdentity, TrustedRoot
from .signatures import describe_pkcs12, load_certificate, seal


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = (
        "number",
        "reason",
        "created_at",
        "font",
        "sha256",
        "size",
        "signer_subject",
        "signer_serial",
        "signed_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Issued documents and their stored versions (read-only); the action reprints them."""

    list_display = ("__str__", "kind", "issued_on", "issuer_name", "code")
    list_filter = ("kind",)
    search_fields = ("reference", "code", "issuer_name")
    readonly_fields = (
        "kind",
        "source_type",
        "source_id",
        "issuer",
        "code",
        "document_type",
        "reference",
        "issued_on",
        "issuer_name",
        "signer",
        "created_at",
    )
    inlines = [VersionInline]
    actions = ["reprint_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="In lại các văn bản đã chọn (bản mới, giữ bản cũ)")
    def reprint_selected(self, request, queryset):
        documents = list(queryset.order_by("pk"))
        queue = len(documents) > reprint.QUEUE_ABOVE
        try:
            reprinted, queued, skipped = reprint.reprint_many(
                documents, reprint.new_run("admin"), actor=request.user, queue=queue
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        if queued:
            self.message_user(request, f"Đã xếp hàng in lại {queued} văn bản (tiến trình nền).", messages.SUCCESS)
        else:
            self.message_user(request, f"Đã in lại {reprinted} văn bản.", messages.SUCCESS)


class TrustedRootForm(forms.ModelForm):
    upload = forms.FileField(label="tệp chứng thư CA (.cer, .crt, .pem: PEM hoặc DER)")

    class Meta:
        model = TrustedRoot
        fields = ("name", "active")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > 64 * 1024:
            raise ValidationError("Tệp chứng thư quá lớn.")
        try:
            cert, der = load_certificate(upload.read())
        except ValueError:
            raise ValidationError("Không đọc được chứng thư X.509 (PEM hoặc DER).") from None
        self.cleaned_data["der"] = der
        self.cleaned_data["parsed"] = cert
        return upload

    def save(self, commit=True):
        root = super().save(commit=False)
        der, cert = self.cleaned_data["der"], self.cleaned_data["parsed"]
        root.certificate = der
        root.subject = cert.subject.human_friendly[:512]
        root.fingerprint = hashlib.sha256(der).hexdigest()
        root.not_after = cert["tbs_certificate"]["validity"]["not_after"].native
        if commit:
            root.save()
        return root


@admin.register(TrustedRoot)
class TrustedRootAdmin(admin.ModelAdmin):
    form = TrustedRootForm
    list_display = ("name", "subject", "not_after", "active")
    readonly_fields = ("subject", "fingerprint", "not_after", "added_at")


class SigningIdentityForm(forms.ModelForm):
    pkcs12 = forms.FileField(label="tệp PKCS#12 (.p12, .pfx)")
    passphrase = forms.CharField(label="mật khẩu tệp PKCS#12", widget=forms.PasswordInput, required=False)
    seal = forms.ImageField(label="ảnh con dấu (PNG nền trong)", required=False)
    signature = forms.ImageField(label="ảnh chữ ký (PNG)", required=False)

    class Meta:
        model = SigningIdentity
        fields = ("organization", "active")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12")
        if upload is not None:
            data = upload.read()
            try:
                cleaned["subject"], cleaned["serial"] = describe_pkcs12(data, cleaned.get("passphrase") or "")
            except ValueError as exc:
                raise ValidationError(str(exc)) from None
            cleaned["pkcs12_data"] = data
        return cleaned

    def save(self, commit=True):
        identity = super().save(commit=False)
        cleaned = self.cleaned_data
        identity.pkcs12_sealed = seal(cleaned["pkcs12_data"])
        identity.passphrase_sealed = seal((cleaned.get("passphrase") or "").encode())
        identity.subject, identity.serial = cleaned["subject"], cleaned["serial"]
        for field, name in (("seal", "seal_image"), ("signature", "signature_image")):
            if cleaned.get(field):
                cleaned[field].seek(0)
                setattr(identity, name, seal(cleaned[field].read()))
        if commit:
            identity.save()
        return identity


@admin.register(SigningIdentity)
class SigningIdentityAdmin(admin.ModelAdmin):
    """The organisation's certificate: the PKCS#12 and its passphrase are stored encrypted (DOCUMENT_SIGNING_KEY)."""

    form = SigningIdentityForm
    list_display = ("organization", "subject", "serial", "active", "updated_at")
    readonly_fields = ("subject", "serial", "updated_at")
