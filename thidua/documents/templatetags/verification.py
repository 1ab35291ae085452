from django import template
from django.utils.safestring import mark_safe

from thidua.documents.issued import current_verification

register = template.Library()


@register.inclusion_tag("documents/print/_verification.html", takes_context=True)
def verification_footer(context):
    """The verification code and QR code of the document being issued (nothing outside documents.verifying)."""
    found = current_verification()
    if found is None:
        return {"verification": None}
    # segno's own SVG: no user text in it
    return {
        "verification": {**found, "qr": mark_safe(found["qr"])},
        "STATIC_URL": context.get("STATIC_URL"),
    }  # segno's own SVG: no user text in it


@register.inclusion_tag("documents/_document_link.html", takes_context=True)
def issued_document_link(context, obj):
    """A link to the stored versions and signed original of an issued record, for the issuer's staff only."""
    from thidua.documents.issued import document_of, organization_ids_for

    user = context.get("user") or getattr(context.get("request"), "user", None)
    document = document_of(obj) if obj is not None and getattr(obj, "pk", None) else None
    if document is None or user is None or not user.is_authenticated:
        return {"document": None}
    if not (user.is_superuser or document.issuer_id in organization_ids_for(user)):
        return {"document": None}
    return {"document": document}
