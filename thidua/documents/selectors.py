"""Reads of issued documents, scoped to the user."""

from dataclasses import dataclass

from . import issued
from .issued import normalize_code
from .models import DocumentVersion, IssuedDocument, VersionReason


def documents_for(user):
    """Issued documents of the organisations the user is head or staff of (administrators: all)."""
    if not user.is_authenticated:
        return IssuedDocument.objects.none()
    if user.is_superuser:
        return IssuedDocument.objects.all()
    return IssuedDocument.objects.filter(issuer_id__in=issued.organization_ids_for(user))


def is_issuer_staff(user, document):
    return documents_for(user).filter(pk=document.pk).exists()


@dataclass
class Found:
    document: IssuedDocument
    printed: DocumentVersion | None
    signed: DocumentVersion | None


def lookup(code):
    """The document of a printed code with its current print and signed original, or None. The same two queries
    whether the code exists or not (an unknown code costs what a known one does)."""
    code = normalize_code(code)
    document = IssuedDocument.objects.filter(code=code).first()
    versions = list(DocumentVersion.objects.filter(document__code=code).order_by("-number"))
    if document is None:
        return None
    printed = next((v for v in versions if v.reason != VersionReason.SIGNED), None)
    signed = next((v for v in versions if v.reason == VersionReason.SIGNED), None)
    return Found(document, printed, signed)
