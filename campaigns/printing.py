"""Official prints of units' documents (a sub-plan, a progress report) in the Party format, through reports.pdf.

The unit's own header: the superior body is the unit's parent organisation (its printed header), the issuing
body the unit's name in capitals. Synchronous: these documents are 1–5 pages.
"""

from reports.pdf import DocumentMeta, render_pdf
from thidua.text import vn_date

from . import selectors, services

BLANK = "\u00a0" * 6  # space left to write by hand


def _header(doc, symbol):
    org = doc.organization
    parent = org.parent if org.parent_id else None
    reference = f"Số {doc.number}" if doc.number else f"Số {BLANK}-{symbol}"
    place = doc.place or BLANK
    date = vn_date(doc.issued_on) if doc.issued_on else f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return {
        "superior_body": parent.printed_header if parent else "",
        "issuing_body": org.name.upper(),
        "printed_reference": reference,
        "place_and_date": f"{place}, {date}",
        "signer_title": doc.signer_title.upper(),
        "signer_name": doc.signer_name,
        "recipients": [f"{doc.campaign.issuer.name} (để báo cáo)", "Lưu."],
    }


def _title(doc, default):
    return doc.title.strip() if getattr(doc, "title", "").strip() else default


def subplan_pdf(subplan):
    campaign = subplan.campaign
    meta = DocumentMeta(
        document_type="KẾ HOẠCH",
        title=_title(subplan, f"thực hiện Kế hoạch số {campaign.reference} của {campaign.issuer.name}"),
        **_header(subplan, "KH"),
    )
    doc = selectors.subplan_document(subplan)
    return render_pdf("campaigns/print/subplan.html", {"doc": meta, "subplan": subplan, "campaign": campaign, **doc})


def report_pdf(report):
    campaign = report.campaign
    kind = report.get_kind_display().lower()
    meta = DocumentMeta(
        document_type="BÁO CÁO",
        title=f"{kind[:1].upper()}{kind[1:]} thực hiện Kế hoạch số {campaign.reference} của {campaign.issuer.name}",
        **_header(report, "BC"),
    )
    doc = selectors.report_document(report, services.report_targets(report))
    return render_pdf("campaigns/print/progress_report.html",
                      {"doc": meta, "report": report, "campaign": campaign, **doc})
