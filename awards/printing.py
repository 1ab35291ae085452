"""Decisions and certificates as PDFs through the one renderer (thidua.documents.pdf)."""

import re

from django.utils import timezone

from campaigns.models import DocumentFormat
from thidua.documents import blocks
from thidua.text import vn_date

from . import wording
from .eligibility import authority_of
from .enums import AwardKind, NomineeKind
from .models import Award, Decision


def _parts(group):
    collectives = sum(1 for n in group if n.nominee_kind != NomineeKind.INDIVIDUAL)
    individuals = len(group) - collectives
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    return " và ".join(parts)


def default_articles(decision, nominations):
    """Điều 1 names each award type actually listed (a title is recognised, a form is given); Điều 2 names
    what is printed for them (Giấy khen, Bằng khen…), never a fixed «Giấy khen»."""
    groups = {}
    for n in nominations:
        groups.setdefault(n.award_type_id, (n.award_type, []))[1].append(n)
    clauses = []
    for award_type, group in groups.values():
        if award_type.kind == AwardKind.TITLE:
            clauses.append(f"công nhận danh hiệu «{award_type.name}» cho {_parts(group)}")
        else:
            clauses.append(f"tặng {award_type.name} cho {_parts(group)}")
    first = "; ".join(clauses)
    first = first[:1].upper() + first[1:]
    campaign = decision.campaign
    authority = authority_of(decision.issuer)
    certificates = []
    for award_type, _group in groups.values():
        name = award_type.certificate_name
        if name and authority in award_type.authorities and name not in certificates:
            certificates.append(name)
    if certificates:
        second = f"được nhận {', '.join(certificates)} và tiền thưởng theo quy định hiện hành."
    else:
        second = "được hưởng tiền thưởng theo quy định hiện hành."
    return [
        f"Điều 1. {first} (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua theo "
        f"{wording.plan_phrase(campaign)}.",
        f"Điều 2. Các tập thể, cá nhân có tên tại Điều 1 {second}",
        f"Điều 3. {wording.office_of(decision.issuer)}, các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại "
        "Điều 1 căn cứ Quyết định thi hành.",
    ]


def deciding_name(decision):
    """The deciding body in normal case for running text («… của Ban Thường vụ Huyện ủy Mai Sơn»), the same body
    as the capitalised heading above the grounds."""
    name = decision.issuer.name
    if decision.document_format == DocumentFormat.PARTY and not name.upper().startswith("BAN THƯỜNG VỤ"):
        return f"Ban Thường vụ {name}"
    if _by_chairman(decision):
        return f"Chủ tịch {name}"
    return name


def _by_chairman(decision):
    """A state decision signed by the chairman (CHỦ TỊCH, KT. CHỦ TỊCH), not TM. the committee: the chairman decides."""
    return (
        decision.document_format == DocumentFormat.STATE
        and "CHỦ TỊCH" in decision.sign_on_behalf.upper()
        and not decision.sign_on_behalf.upper().startswith("TM.")
    )


def amendment_articles(decision, amendments):
    """Điều 1 says what is revoked, annulled or corrected in which decision, Điều 2 the effect, Điều 3 who executes."""
    from .enums import DecisionKind

    by_decision = {}
    for a in amendments:
        by_decision.setdefault(a.award.decision_id, (a.award.decision, []))[1].append(a)
    refs = "; ".join(
        f"Quyết định số {d.reference} ngày {d.issued_on:%d/%m/%Y} của {deciding_name(d)}"
        for d, _ in by_decision.values()
    )
    names = "; ".join(f"{a.award.display_name} («{a.award.award_type.name}»)" for a in amendments)
    if decision.kind == DecisionKind.CORRECT:
        changes = []
        for a in amendments:
            for label, before, after in a.corrections():
                changes.append(f"{label} «{before or '…'}» nay đính chính là «{after}»")
        first = f"Điều 1. Đính chính {refs} đối với {names}: {'; '.join(changes)}."
        second = "Điều 2. Các nội dung khác của Quyết định nêu tại Điều 1 giữ nguyên."
    else:
        verb = "Thu hồi khen thưởng theo" if decision.kind == DecisionKind.REVOKE else "Hủy bỏ"
        first = f"Điều 1. {verb} {refs} đối với {names}."
        if decision.reason.strip():
            first += f" Lý do: {decision.reason.strip().rstrip('.')}."
        second = (
            "Điều 2. Thu hồi hiện vật khen thưởng và tiền thưởng đã nhận; khen thưởng nêu tại Điều 1 không còn giá trị "
            f"kể từ ngày {decision.issued_on:%d/%m/%Y}."
        )
    third = (
        f"Điều 3. {wording.office_of(decision.issuer)}, các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên "
        "tại Điều 1 căn cứ Quyết định thi hành."
    )
    return [first, second, third]


def amendment_context(decision):
    amendments = list(
        decision.amendments.select_related(
            "award", "award__award_type", "award__decision", "award__decision__issuer", "award_type"
        ).order_by("id")
    )
    context = _heading_context(decision)
    default = amendment_articles(decision, amendments) if amendments else []
    articles = [line.strip() for line in decision.articles.splitlines() if line.strip()] or default
    return {**context, "articles": articles, "amendments": amendments, "nominations": []}


def _heading_context(decision):
    deciding_body = decision.issuing_body
    if decision.document_format == DocumentFormat.PARTY and not deciding_body.upper().startswith("BAN THƯỜNG VỤ"):
        deciding_body = f"BAN THƯỜNG VỤ {deciding_body}"
    elif _by_chairman(decision) and not deciding_body.upper().startswith("CHỦ TỊCH"):
        deciding_body = f"CHỦ TỊCH {deciding_body}"
    return {
        "doc": decision_meta(decision),
        "decision": decision,
        "deciding_body": deciding_body,
        "deciding_name": deciding_name(decision),
        "preamble": [line.strip() for line in decision.preamble.splitlines() if line.strip()],
    }


def decision_context(decision):
    if decision.is_amendment:
        return amendment_context(decision)
    nominations = list(
        decision.nominations.select_related("award_type", "organization").order_by(
            "award_type__sort_order", "nominee_kind", "id"
        )
    )
    default = default_articles(decision, nominations) if nominations else []
    articles = [line.strip() for line in decision.articles.splitlines() if line.strip()] or default
    return {**_heading_context(decision), "articles": articles, "nominations": nominations}


def decision_meta(decision):
    from thidua.documents.pdf import DocumentMeta

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
        issued_on=decision.issued_on,
    )


def render_decision(decision):
    from thidua.documents.pdf import render_pdf

    return render_pdf("awards/print/decision.html", decision_context(decision))


def render_decision_docx(decision):
    """The decision's Word copy from the same record and context as its stored PDF (an issued decision's fields
    no longer change)."""
    from thidua.documents.docx import render_docx

    return render_docx("awards/print/decision.html", decision_context(decision))


def certificate_context(award):
    decision = award.decision
    if decision.document_format == DocumentFormat.PARTY:
        granter = (
            decision.issuing_body
            if decision.issuing_body.upper().startswith("BAN THƯỜNG VỤ")
            else f"BAN THƯỜNG VỤ {decision.issuing_body}"
        )
    else:
        granter = f"CHỦ TỊCH {decision.issuing_body}"
    return {
        "doc": decision_meta(decision),
        "award": award,
        "decision": decision,
        "granter": granter,
        "certificate_title": award.certificate_title,
        "landscape": True,
        "book_reference": certificate_book_reference(award),
    }


def certificate_symbol(award):
    """GK (Giấy khen), BK (Bằng khen), GCN (Giấy chứng nhận): the certificate's book in the register."""
    from thidua.text import fold

    name = award.award_type.certificate_name
    return "".join(fold(word)[:1].upper() for word in name.split()) or "GK"


def certificate_book_reference(award):
    """«12/GK»: the certificate's number in the issuer's book of that year for that kind of certificate (Giấy khen
    GK, Bằng khen BK, Giấy chứng nhận GCN): its entry in the register of outgoing documents (taken when the
    decision is issued); an award without one (imported) counts the awards that entered the registry before it."""
    from thidua.documents import register

    entry = register.entry_for(award)
    if entry is not None:
        return f"{entry.number}/{entry.symbol}"
    number = Award.objects.filter(
        decision__issuer_id=award.decision.issuer_id,
        decided_on__year=award.decided_on.year,
        award_type__certificate_name=award.award_type.certificate_name,
        pk__lte=award.pk,
    ).count()
    return f"{number}/{certificate_symbol(award)}"


def render_certificate(award):
    from thidua.documents.pdf import render_pdf

    return render_pdf("awards/print/certificate.html", certificate_context(award))


def render_certificate_docx(award):
    from thidua.documents.docx import render_docx

    return render_docx("awards/print/certificate.html", certificate_context(award))


def print_decision(decision_id):
    """Store the decision's PDF and every certificate not yet printed (idempotent). Each is an issued document
    (thidua/documents): a stored version with its verification code and QR code on page 1."""
    from thidua.documents.issued import print_issued

    decision = Decision.objects.select_related("campaign", "issuer").get(pk=decision_id)
    if not decision.pdf:
        print_issued(decision, "decision", actor=decision.issued_by)
    printed = 0
    for award in Award.objects.filter(decision=decision, certificate="").select_related(
        "award_type", "decision", "decision__campaign", "decision__issuer"
    ):
        if not award.certificate_title:
            continue  # no certificate for this award type from this issuer
        print_issued(award, "certificate", actor=decision.issued_by)
        printed += 1
    return printed


BLANK = "\u00a0" * 8  # room to write a number or a day by hand (plain spaces collapse in HTML)


def proposal_symbol(campaign):
    """The proposal's symbol in the plan's series: KH/HU -> TTr/HU, KH-UBND -> TTr-UBND."""
    return re.sub(r"^[^/-]+", "TTr", campaign.symbol or "") or "TTr"


def proposal_meta(campaign, *, number=None, day=None, addressee=""):
    from thidua.documents.pdf import DocumentMeta

    state = campaign.document_format == DocumentFormat.STATE
    reference = blocks.printed_reference(campaign.document_format, number, proposal_symbol(campaign), day, blank=BLANK)
    if day:
        place_and_date = f"{campaign.place}, {vn_date(day)}"
    else:
        place_and_date = f"{campaign.place}, ngày{BLANK}tháng{BLANK}năm {timezone.localdate().year}"
    office = wording.office_of(campaign.issuer)
    recipients = [f"{addressee} (để xem xét){';' if state else ','}"] if addressee else []
    recipients.append(f"Lưu: VT, {office}." if state else f"Lưu {office}.")
    return DocumentMeta(
        issuing_body=campaign.issuing_body,
        superior_body=campaign.superior_body,
        printed_reference=reference,
        place_and_date=place_and_date,
        document_format=campaign.document_format,
        document_type="TỜ TRÌNH",
        title="Về việc đề nghị khen thưởng tập thể, cá nhân\ncó thành tích xuất sắc trong phong trào thi đua",
        sign_on_behalf=campaign.sign_on_behalf,
        signer_title=campaign.signer_title,
        signer_name=campaign.signer_name,
        recipients=recipients,
        issued_on=day,
    )


def proposal_groups(proposals):
    """Approved nominations going upward, by award type, with who decides each type."""
    from .enums import Authority

    groups = {}
    for n in proposals:
        if n.award_type_id not in groups:
            deciders = ", ".join(Authority(a).label for a in n.award_type.authorities if a in Authority.values)
            groups[n.award_type_id] = {"award_type": n.award_type, "deciders": deciders, "rows": []}
        groups[n.award_type_id]["rows"].append(n)
    for group in groups.values():
        group["parts"] = _parts(group["rows"])
    return list(groups.values())


def proposal_context(campaign, proposals, *, number=None, day=None, addressee=""):
    groups = proposal_groups(proposals)
    sessions = sorted({n.session.held_on for n in proposals if n.session_id})
    return {
        "doc": proposal_meta(campaign, number=number, day=day, addressee=addressee),
        "campaign": campaign,
        "groups": groups,
        "total": len(proposals),
        "parts": _parts(proposals),
        "addressee": addressee,
        "plan": wording.plan_phrase(campaign),
        "author": wording.author_name(campaign.issuer, campaign.document_format, campaign.sign_on_behalf),
        "council_days": ", ".join(f"{d:%d/%m/%Y}" for d in sessions),
    }


def render_proposal(campaign, proposals, **kwargs):
    from thidua.documents.pdf import render_pdf

    return render_pdf("awards/print/proposal_upward.html", proposal_context(campaign, proposals, **kwargs))


def render_proposal_docx(campaign, proposals, **kwargs):
    from thidua.documents.docx import render_docx

    return render_docx("awards/print/proposal_upward.html", proposal_context(campaign, proposals, **kwargs))
