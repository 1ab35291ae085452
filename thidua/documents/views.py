"""Public verification page (/xac-thuc/<code>, no login) and the staff page of an issued document (signed
originals, versions). Thin: the work is in issued.py and signatures.py."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from thidua.throttling import client_ip
from thidua.uploads import PDF, validate_upload

from . import issued
from .models import CompareAttempt, DocumentVersion, IssuedDocument, VersionReason
from .selectors import documents_for, lookup


def _limit_reached(request):
    """Uploads to the public page: at most VERIFY_UPLOADS_PER_HOUR per address per hour (recorded in the DB, so
    every web process counts the same)."""
    address = (client_ip(request) or "?")[:64]
    now = timezone.now()
    CompareAttempt.objects.filter(at__lt=now - timedelta(hours=1)).delete()
    if CompareAttempt.objects.filter(address=address).count() >= settings.VERIFY_UPLOADS_PER_HOUR:
        return True
    CompareAttempt.objects.create(address=address, at=now)
    return False


@require_http_methods(["GET", "POST"])
def verify(request, code):
    """What the code printed on a document says about it: number, date, issuer, signer, type and the SHA-256 of
    the stored file; and whether an uploaded copy matches. Nothing else. An unknown code is the site's 404 after the
    same lookups as a known one."""
    found = lookup(code)
    result = None
    status = 200
    if request.method == "POST":
        if _limit_reached(request):
            if found is None:
                raise Http404
            messages.error(request, "Đã đối chiếu quá nhiều lần từ địa chỉ này; xin thử lại sau một giờ.")
            status = 429
        elif found is None:
            raise Http404
        else:
            upload = request.FILES.get("file")
            try:
                validate_upload(upload, (PDF,))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 400
            else:
                result = issued.compare_copy(found.document, upload.read())
    if found is None:
        raise Http404
    return render(
        request,
        "documents/verify.html",
        {
            "document": found.document,
            "printed": found.printed,
            "signed": found.signed,
            "result": result,
        },
        status=status,
    )


def _document_for(user, pk):
    return get_object_or_404(documents_for(user), pk=pk)


@login_required
def document_detail(request, pk):
    document = _document_for(request.user, pk)
    from .models import SigningIdentity

    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "versions": document.versions.select_related("created_by").order_by("number"),
            "verify_url": issued.verification_url(document.code),
            "can_sign": SigningIdentity.objects.filter(organization_id=document.issuer_id, active=True).exists(),
        },
    )


@login_required
@require_POST
def signed_upload(request, pk):
    document = _document_for(request.user, pk)
    upload = request.FILES.get("file")
    try:
        validate_upload(upload, (PDF,))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:detail", pk=document.pk)
    check = issued.record_signed_original(document, upload.read(), actor=request.user)
    if check.version is not None:
        messages.success(
            request,
            f"Đã nhận bản gốc ký số (phiên bản {check.version.number}): người ký {check.subject}, số hiệu chứng thư "
            f"{check.serial}.",
        )
    elif check.outcome == "untrusted":
        messages.warning(request, f"Không nhận: {check.message}")
    else:
        messages.error(request, check.message if check.message.startswith("Không") else f"Không nhận: {check.message}")
    return redirect("documents:detail", pk=document.pk)


@login_required
def version_download(request, pk, number):
    document = _document_for(request.user, pk)
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    try:
        with version.file.storage.open(version.file.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    suffix = "-ky-so" if version.reason == VersionReason.SIGNED else ""
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{document.kind}-{document.reference.replace('/', '-')}-v{version.number}{suffix}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def sign_copy(request, pk):
    """A copy of the current print signed on the server with the organisation's own certificate."""
    from .signing import sign_with_identity

    document = _document_for(request.user, pk)
    try:
        data = sign_with_identity(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:detail", pk=document.pk)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{document.kind}-{document.reference.replace('/', '-')}-ban-sao-ky-so.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["IssuedDocument"]
