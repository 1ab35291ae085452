"""The documents awards issues (thidua/documents/issued.py): decisions and their certificates."""

from thidua.documents.issued import Facts, Source, register

from .enums import DecisionStatus
from .models import Award, Decision


def _signer(decision):
    return " — ".join(part for part in (decision.signer_name, decision.signer_title.capitalize()) if part)


def decision_facts(decision):
    return Facts(
        document_type="Quyết định",
        reference=decision.reference,
        issued_on=decision.issued_on,
        issuer_id=decision.issuer_id,
        issuer_name=decision.issuing_body,
        signer=_signer(decision),
    )


def certificate_facts(award):
    from .printing import certificate_book_reference

    decision = award.decision
    return Facts(
        document_type=award.certificate_title or "Giấy khen",
        reference=f"{certificate_book_reference(award)} (Quyết định {decision.reference})",
        issued_on=decision.issued_on,
        issuer_id=decision.issuer_id,
        issuer_name=decision.issuing_body,
        signer=_signer(decision),
    )


def _render_decision(decision):
    from .printing import render_decision

    return render_decision(decision)


def _render_certificate(award):
    from .printing import render_certificate

    return render_certificate(award)


register(
    Source(
        kind="decision",
        model="awards.Decision",
        facts=decision_facts,
        render=_render_decision,
        issued=lambda: Decision.objects.filter(status=DecisionStatus.ISSUED).select_related("issuer", "campaign"),
        file_field="pdf",
    )
)
register(
    Source(
        kind="certificate",
        model="awards.Award",
        facts=certificate_facts,
        render=_render_certificate,
        issued=lambda: Award.objects.exclude(certificate="").select_related(
            "award_type", "decision", "decision__issuer", "decision__campaign"
        ),
        file_field="certificate",
    )
)
