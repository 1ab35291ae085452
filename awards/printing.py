"""Decisions and certificates as PDFs through the one renderer (reports.pdf)."""

from django.core.files.base import ContentFile

from campaigns.models import DocumentFormat

from .enums import NomineeKind
from .models import Award, Decision


def decision_context(decision):
    nominations = list(
        decision.nominations.select_related("award_type", "organization").order_by("award_type__sort_order", "nominee_kind", "id")
    )
    collectives = sum(1 for n in nominations if n.nominee_kind != NomineeKind.INDIVIDUAL)
    individuals = len(nominations) - collectives
    award_names = sorted({n.award_type.name for n in nominations})
    deciding_body = decision.issuing_body
    if decision.document_format == DocumentFormat.PARTY and not deciding_body.upper().startswith("BAN THƯỜNG VỤ"):
        deciding_body = f"BAN THƯỜNG VỤ {deciding_body}"
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    issued = f" ngày {decision.campaign.issued_on:%d/%m/%Y}" if decision.campaign.issued_on else ""
    default_articles = [
        f"Điều 1. Tặng {', '.join(award_names)} cho {' và '.join(parts)} (có danh sách kèm theo) "
        f"đã có thành tích xuất sắc trong phong trào thi đua theo Kế hoạch số {decision.campaign.reference}"
        f"{issued} của {decision.campaign.issuer.name}.",
        "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 được nhận Giấy khen và tiền thưởng theo quy định hiện hành.",
        "Điều 3. Văn phòng, các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành.",
    ]
    articles = [line.strip() for line in decision.articles.splitlines() if line.strip()] or default_articles
    return {
        "doc": decision_meta(decision),
        "decision": decision,
        "deciding_body": deciding_body,
        "preamble": [line.strip() for line in decision.preamble.splitlines() if line.strip()],
        "articles": articles,
        "nominations": nominations,
    }


def decision_meta(decision):
    from reports.pdf import DocumentMeta

    return DocumentMeta(
        issuing_body=decision.issuing_body,
        superior_body=decision.superior_body,
        printed_reference=decision.printed_reference,
        place_and_date=decision.place_and_date,
        document_format=decision.document_format,
        document_type="QUYẾT ĐỊNH",
        title=decision.title,
        sign_on_behalf=decision.sign_on_behalf,
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
        recipients=decision.recipient_list,
    )


def render_decision(decision):
    from reports.pdf import render_pdf

    return render_pdf("awards/print/decision.html", decision_context(decision))


def certificate_context(award):
    decision = award.decision
    if decision.document_format == DocumentFormat.PARTY:
        granter = decision.issuing_body if decision.issuing_body.upper().startswith("BAN THƯỜNG VỤ") else f"BAN THƯỜNG VỤ {decision.issuing_body}"
    else:
        granter = f"CHỦ TỊCH {decision.issuing_body}"
    return {"doc": decision_meta(decision), "award": award, "decision": decision, "granter": granter,
            "landscape": True}


def render_certificate(award):
    from reports.pdf import render_pdf

    return render_pdf("awards/print/certificate.html", certificate_context(award))


def print_decision(decision_id):
    """Store the decision's PDF and every certificate not yet printed (idempotent)."""
    decision = Decision.objects.select_related("campaign", "issuer").get(pk=decision_id)
    if not decision.pdf:
        name = f"qd-{decision.pk}.pdf"
        stored = decision.pdf.storage.save(f"awards/decisions/{name}", ContentFile(render_decision(decision)))
        Decision.objects.filter(pk=decision.pk).update(pdf=stored)
    printed = 0
    for award in Award.objects.filter(decision=decision, certificate="").select_related("award_type", "decision", "decision__campaign"):
        stored = award.certificate.storage.save(f"awards/certificates/gk-{award.pk}.pdf", ContentFile(render_certificate(award)))
        Award.objects.filter(pk=award.pk, certificate="").update(certificate=stored)
        printed += 1
    return printed
