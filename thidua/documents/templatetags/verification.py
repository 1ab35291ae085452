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
