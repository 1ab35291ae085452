"""The documents reports issues (thidua/documents/issued.py): final review reports and launched plans."""

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from thidua.documents.issued import Facts, Source, register

from .enums import ReviewStatus
from .models import ReviewReport


def _signer(record):
    return " — ".join(part for part in (record.signer_name, record.signer_title.capitalize()) if part)


def review_facts(report):
    campaign = report.campaign
    return Facts(
        document_type="Báo cáo",
        reference=report.reference,
        issued_on=report.issued_on,
        issuer_id=report.issuer_id or campaign.issuer_id,
        issuer_name=campaign.issuing_body,
        signer=_signer(report),
    )


def _render_review(report):
    from .services import render_review_pdf

    return render_review_pdf(report, report.snapshot, report.sections)


def plan_facts(campaign):
    return Facts(
        document_type=campaign.document_type.capitalize() if campaign.document_type else "Kế hoạch",
        reference=campaign.reference,
        issued_on=campaign.issued_on,
        issuer_id=campaign.issuer_id,
        issuer_name=campaign.issuing_body,
        signer=_signer(campaign),
    )


def render_plan(campaign):
    from campaigns.selectors import campaign_document
    from thidua.documents.pdf import DocumentMeta, render_pdf

    campaign = campaign_document(campaign.pk)
    return render_pdf(
        "reports/print/campaign_plan.html",
        {"doc": DocumentMeta.for_campaign(campaign), "campaign": campaign, "draft": campaign.status == "draft"},
    )


register(
    Source(
        kind="review",
        model="reports.ReviewReport",
        facts=review_facts,
        render=_render_review,
        issued=lambda: ReviewReport.objects.filter(is_final=True, status=ReviewStatus.DONE).select_related("campaign"),
        file_field="pdf",
    )
)
register(
    Source(
        kind="plan",
        model="campaigns.Campaign",
        facts=plan_facts,
        render=render_plan,
        issued=lambda: Campaign.objects.exclude(status=CampaignStatus.DRAFT).select_related("issuer"),
    )
)
