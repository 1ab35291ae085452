"""Pages of commendation: thin views over selectors (reads, scoped) and services (writes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from campaigns.permissions import is_committee_staff
from campaigns.selectors import campaigns_for, get_campaign_for
from thidua import outbox, xlsx
from thidua.uploads import download_response
from thidua.workflow import STALE_PAGE, TransitionConflict, TransitionError
from units.models import Organization
from units.selectors import organization_ids_for

from . import eligibility, excel, selectors, services, wording
from .enums import DecisionStatus, NominationStatus
from .forms import (
    AmendmentForm,
    DecisionForm,
    DossierForm,
    ImportForm,
    NominationForm,
    ProposalPrintForm,
    PublicationForm,
    PublicCommentForm,
    PutToCouncilForm,
    RegistrySearchForm,
    SessionForm,
    TransitionForm,
)
from .models import DossierFile, Nomination
from .permissions import can_edit_nomination, can_review_nomination, can_view_decision, can_view_session


def _errors(exc):
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


def _proposers(user, campaign):
    """Units the user may nominate for in this campaign."""
    if user.is_superuser:
        return Organization.objects.subtree(campaign.issuer.parent or campaign.issuer)
    return Organization.objects.filter(pk__in=organization_ids_for(user))


# --- Nominations -----------------------------------------------------------------------------------


@login_required
def campaign_nominations(request, campaign_pk):
    campaign = get_campaign_for(request.user, campaign_pk)
    qs = selectors.nominations_for(request.user).filter(campaign=campaign)
    status = request.GET.get("status", "")
    if status in NominationStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("proposer__path", "id"), 25).get_page(request.GET.get("page"))
    is_staff = is_committee_staff(request.user, campaign)
    counts = dict(
        selectors.nominations_for(request.user)
        .filter(campaign=campaign)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return render(
        request,
        "awards/campaign_nominations.html",
        {
            "campaign": campaign,
            "page": page,
            "is_staff": is_staff,
            "status": status,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in NominationStatus.choices],
            "can_nominate": campaign.status != "draft" and _proposers(request.user, campaign).exists(),
            "sessions": campaign.council_sessions.all() if is_staff else [],
            "decisions": campaign.award_decisions.all() if is_staff else [],
            "query_string": f"status={status}" if status else "",
            "export_statuses": EXPORT_DEFAULT_STATUSES,
        },
    )


@login_required
def nomination_create(request, campaign_pk):
    campaign = get_campaign_for(request.user, campaign_pk)
    proposers = _proposers(request.user, campaign)
    if campaign.status == "draft" or not proposers.exists():
        raise PermissionDenied
    form = NominationForm(request.POST or None, campaign=campaign, proposers=proposers)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.create_nomination(
                campaign, form.cleaned_data["proposer"], request.user, **form.values()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu dự thảo đề nghị. Bổ sung hồ sơ rồi gửi đi.")
            return redirect("awards:nomination", pk=nomination.pk)
    return render(
        request,
        "awards/nomination_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.is_bound else 200,
    )


@login_required
def nomination_edit(request, pk):
    nomination = selectors.get_nomination_for(request.user, pk)
    if not can_edit_nomination(request.user, nomination):
        raise PermissionDenied
    campaign = nomination.campaign
    form = NominationForm(
        request.POST or None, instance=nomination, campaign=campaign, proposers=_proposers(request.user, campaign)
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = form.cleaned_data.get("version")
            if version is None:
                raise TransitionConflict(STALE_PAGE)
            services.update_nomination(nomination, request.user, expected_version=version, **form.values())
        except (ValidationError, TransitionError) as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, "Đã lưu.")
            return redirect("awards:nomination", pk=nomination.pk)
    return render(
        request,
        "awards/nomination_form.html",
        {"form": form, "campaign": campaign, "nomination": nomination},
        status=400 if form.is_bound else 200,
    )


@login_required
def nomination_detail(request, pk):
    selectors.get_nomination_for(request.user, pk)
    nomination = selectors.nomination_detail(pk)
    user = request.user
    is_staff = can_review_nomination(user, nomination)
    moves = [m for m in services.NOMINATION_FLOW.available(user, nomination) if m.action in services.BUTTON_MOVES]
    # Only links the user may open (a council member does not see the campaign's list or the decision).
    session_link = bool(nomination.session_id) and can_view_session(user, nomination.session)
    campaign_link = campaigns_for(user).filter(pk=nomination.campaign_id).exists()
    decision = nomination.decision
    decision_link = (
        decision is not None
        and decision.status == DecisionStatus.ISSUED
        and selectors.decisions_for(user).filter(pk=decision.pk).exists()
        and can_view_decision(user, decision)
    )
    upward = nomination.status == NominationStatus.APPROVED and not eligibility.may_award(
        nomination.campaign.issuer, nomination.award_type, nomination.rules_date
    )
    return render(
        request,
        "awards/nomination_detail.html",
        {
            "n": nomination,
            "upward": upward,
            "session_link": session_link,
            "campaign_link": campaign_link,
            "decision_link": decision_link,
            "findings": eligibility.evaluate(nomination),
            "moves": moves,
            "can_edit": can_edit_nomination(user, nomination),
            "is_staff": is_staff,
            "dossier_form": DossierForm() if can_edit_nomination(user, nomination) else None,
            "council_form": PutToCouncilForm(campaign=nomination.campaign, initial={"version": nomination.version})
            if is_staff and nomination.status == NominationStatus.CHECKED
            else None,
            "transition_form": TransitionForm(),
        },
    )


@login_required
@require_POST
def nomination_transition(request, pk, action):
    nomination = selectors.get_nomination_for(request.user, pk)
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        version = form.cleaned_data.get("version")
        if version is None:
            raise TransitionConflict(STALE_PAGE)
        services.transition(
            nomination,
            action,
            request.user,
            reason=form.cleaned_data.get("reason", ""),
            justification=form.cleaned_data.get("justification") if action == "submit" else None,
            expected_version=version,
        )
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã chuyển sang «{nomination.get_status_display()}».")
    return redirect("awards:nomination", pk=nomination.pk)


@login_required
@require_POST
def nomination_to_council(request, pk):
    nomination = selectors.get_nomination_for(request.user, pk)
    if not can_review_nomination(request.user, nomination):
        raise PermissionDenied
    form = PutToCouncilForm(request.POST, campaign=nomination.campaign)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("awards:nomination", pk=nomination.pk)
    try:
        version = form.cleaned_data.get("version")
        if version is None:
            raise TransitionConflict(STALE_PAGE)
        services.put_to_council(
            nomination,
            form.cleaned_data["session"],
            request.user,
            form.cleaned_data["justification"] or None,
            expected_version=version,
        )
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã đưa ra phiên họp «{form.cleaned_data['session'].title}».")
    return redirect("awards:nomination", pk=nomination.pk)


@login_required
@require_POST
def nomination_delete(request, pk):
    nomination = selectors.get_nomination_for(request.user, pk)
    campaign_pk = nomination.campaign_id
    services.delete_nomination(nomination, request.user)
    messages.success(request, "Đã xóa dự thảo đề nghị.")
    return redirect("awards:campaign", campaign_pk=campaign_pk)


@login_required
@require_POST
def dossier_upload(request, pk):
    nomination = selectors.get_nomination_for(request.user, pk)
    if not can_edit_nomination(request.user, nomination):
        raise PermissionDenied
    form = DossierForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_dossier_file(
                nomination,
                request.user,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                form.cleaned_data["description"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "Đã tải lên tệp hồ sơ.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("awards:nomination", pk=nomination.pk)


@login_required
def dossier_download(request, file_pk):
    attachment = get_object_or_404(DossierFile.objects.select_related("nomination"), pk=file_pk)
    selectors.get_nomination_for(request.user, attachment.nomination_id)
    return download_response(attachment)


@login_required
def nominee_import(request, campaign_pk):
    campaign = get_campaign_for(request.user, campaign_pk)
    proposers = _proposers(request.user, campaign)
    if campaign.status == "draft" or not proposers.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, proposers=proposers)
    errors, status = [], 200
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.preview_import(
                campaign, form.cleaned_data["proposer"], request.user, form.cleaned_data["file"]
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("awards:import_preview", pk=batch.pk)
        status = 400
    elif form.is_bound:
        status = 400
    return render(request, "awards/import.html", {"form": form, "campaign": campaign, "errors": errors}, status=status)


def _batch_for(user, pk):
    """The user's own pending or decided import (another user's = 404)."""
    from .models import ImportBatch

    qs = ImportBatch.objects.select_related("campaign", "proposer")
    if not user.is_superuser:
        qs = qs.filter(created_by=user, proposer__in=organization_ids_for(user))
    return get_object_or_404(qs, pk=pk)


@login_required
def import_preview(request, pk):
    """Every row of the file with its findings (blocked, warning, ok) before anything is imported."""
    batch = _batch_for(request.user, pk)
    verdict = request.GET.get("verdict", "")
    rows = [r for r in batch.rows if not verdict or r["verdict"] == verdict]
    counts = batch.counts()
    return render(
        request,
        "awards/import_preview.html",
        {
            "batch": batch,
            "campaign": batch.campaign,
            "rows": rows,
            "counts": counts,
            "verdict": verdict,
            "importable_all": sum(1 for r in batch.rows if r["fields"] and not r["duplicate"]),
            "importable_clean": sum(
                1 for r in batch.rows if r["fields"] and not r["duplicate"] and r["verdict"] != "blocked"
            ),
        },
    )


@login_required
@require_POST
def import_decide(request, pk):
    batch = _batch_for(request.user, pk)
    choice = request.POST.get("choice", "")
    try:
        created = services.import_batch(batch, request.user, choice)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, _errors(exc))
        return redirect("awards:import_preview", pk=batch.pk)
    if choice == services.IMPORT_NONE:
        messages.info(request, "Không nhập dòng nào.")
    else:
        messages.success(request, f"Đã nhập {created} đề nghị (dự thảo). Bổ sung thành tích, hồ sơ rồi gửi đi.")
    return redirect("awards:campaign", campaign_pk=batch.campaign_id)


EXPORT_DEFAULT_STATUSES = [NominationStatus.APPROVED, NominationStatus.DECIDED]


def _export_statuses(request):
    """The statuses the user ticked for the nominee list; by default those the council approved or decided."""
    chosen = [s for s in request.GET.getlist("status") if s in NominationStatus.values]
    return chosen or EXPORT_DEFAULT_STATUSES


@login_required
def nominee_export(request, campaign_pk):
    campaign = get_campaign_for(request.user, campaign_pk)
    qs = selectors.nominations_for(request.user).filter(campaign=campaign, status__in=_export_statuses(request))
    workbook = excel.export(qs.order_by("proposer__path", "id").iterator(chunk_size=2000), with_status=True)
    return xlsx.response(workbook, f"de-nghi-khen-thuong-{campaign.pk}.xlsx")


# --- Council sessions --------------------------------------------------------------------------------


@login_required
def session_list(request):
    page = Paginator(selectors.sessions_with_counts(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "awards/session_list.html", {"page": page})


@login_required
def session_create(request, campaign_pk):
    campaign = get_campaign_for(request.user, campaign_pk)
    if not is_committee_staff(request.user, campaign):
        raise PermissionDenied
    form = SessionForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(campaign, request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã tạo phiên họp. Đưa các đề nghị đã thẩm định ra phiên họp.")
            return redirect("awards:session", pk=session.pk)
    return render(
        request, "awards/session_form.html", {"form": form, "campaign": campaign}, status=400 if form.is_bound else 200
    )


@login_required
def session_detail(request, pk):
    session = selectors.get_session_for(request.user, pk)
    nominations = list(
        session.nominations.select_related("award_type", "proposer", "campaign", "campaign__issuer").order_by("id")
    )
    is_member = session.members.filter(pk=request.user.pk).exists()
    voted = selectors.voted_nomination_ids(session, request.user) if is_member else set()
    voters = services.voter_counts(session) if not session.is_closed else {}
    members = list(session.members.order_by("last_name", "first_name"))
    rows = []
    for n in nominations:
        failures = [f for f in eligibility.evaluate(n) if not f.ok] if not session.is_closed else []
        rows.append({"n": n, "voted": n.pk in voted, "failures": failures, "voters": voters.get(n.pk, 0)})
    return render(
        request,
        "awards/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "is_member": is_member,
            "is_manager": is_committee_staff(request.user, session.campaign),
            "members": members,
            "quorum_needed": session.quorum_for(len(members)),
            "ballots_cast": session.votes.count(),
        },
    )


@login_required
@require_POST
def session_vote(request, pk, nomination_pk):
    session = selectors.get_session_for(request.user, pk)
    nomination = get_object_or_404(Nomination, pk=nomination_pk, session=session)
    try:
        services.cast_vote(session, nomination, request.user, request.POST.get("choice", ""))
    except (TransitionError, ValidationError) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"Đã ghi phiếu kín cho «{nomination.display_name}».")
    return redirect("awards:session", pk=session.pk)


@login_required
@require_POST
def session_close(request, pk):
    session = selectors.get_session_for(request.user, pk)
    try:
        services.close_session(session, request.user)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã kết thúc phiên họp: kết quả đã được tính và khóa.")
    return redirect("awards:session", pk=session.pk)


# --- Decisions -----------------------------------------------------------------------------------------


@login_required
def decision_create(request, campaign_pk):
    campaign = get_campaign_for(request.user, campaign_pk)
    if not is_committee_staff(request.user, campaign):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.create_decision(
                campaign, request.user, form.cleaned_data["nominations"], **form.values()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lập dự thảo quyết định. Kiểm tra rồi ban hành.")
            return redirect("awards:decision", pk=decision.pk)
    decider = wording.author_name(campaign.issuer, campaign.document_format)
    return render(
        request,
        "awards/decision_form.html",
        {
            "form": form,
            "campaign": campaign,
            "nothing_to_decide": not form.fields["nominations"].queryset.exists(),
            "empty_text": f"Không có đề nghị nào đã được Hội đồng thông qua thuộc thẩm quyền quyết định của {decider}.",
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def proposal_upward(request, campaign_pk):
    """Tờ trình đề nghị cấp trên khen thưởng: approved nominations the issuer may only propose, by award type."""
    campaign = get_campaign_for(request.user, campaign_pk)
    if not is_committee_staff(request.user, campaign):
        raise PermissionDenied
    proposals = selectors.proposals_upward(campaign)
    if request.GET.get("format") == "xlsx":  # the list for the superior body, in the template offices use
        return xlsx.response(excel.export(proposals), f"to-trinh-cap-tren-{campaign.pk}.xlsx")
    from .printing import proposal_groups, render_proposal, render_proposal_docx

    default_addressee = wording.superior_of(campaign.issuer, campaign.document_format)
    formats = request.GET.getlist("format")  # the Word button adds format=docx after the form's format=pdf
    printing = "pdf" in formats or "docx" in formats
    form = ProposalPrintForm(
        {"addressee": default_addressee, **request.GET.dict()} if printing else None,
        initial={"addressee": default_addressee},
    )
    if printing and form.is_valid():
        # A short letter: rendered in the request like the plan (thidua.documents.pdf says so for short documents).
        d = form.cleaned_data
        if "docx" in formats:
            from thidua.documents.docx import docx_response

            content = render_proposal_docx(
                campaign, proposals, number=d["number"], day=d["day"], addressee=d["addressee"].strip()
            )
            return docx_response(content, f"to-trinh-cap-tren-{campaign.pk}.docx")
        pdf = render_proposal(campaign, proposals, number=d["number"], day=d["day"], addressee=d["addressee"].strip())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="to-trinh-cap-tren-{campaign.pk}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    groups = proposal_groups(proposals)
    return render(
        request,
        "awards/proposal_upward.html",
        {
            "campaign": campaign,
            "groups": groups,
            "total": len(proposals),
            "form": form,
            "author": wording.author_name(campaign.issuer, campaign.document_format, campaign.sign_on_behalf),
            "next_number": services.next_proposal_number(campaign),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def proposal_take_number(request, campaign_pk):
    """Take the proposal's number (TTr) from the register of outgoing documents and come back to print it."""
    from django.utils import timezone

    campaign = get_campaign_for(request.user, campaign_pk)
    day = timezone.localdate()
    entry = services.take_proposal_number(campaign, request.user, day)
    messages.success(request, f"Đã lấy số {entry.reference} trong sổ văn bản đi cho tờ trình ngày {day:%d/%m/%Y}.")
    query = {"number": entry.number, "day": f"{day:%d/%m/%Y}", "addressee": request.POST.get("addressee", "")}
    from urllib.parse import urlencode

    return redirect(f"{reverse('awards:proposal_upward', args=[campaign.pk])}?{urlencode(query)}")


@login_required
def decision_detail(request, pk):
    decision = selectors.get_decision_for(request.user, pk)
    if not can_view_decision(request.user, decision):
        raise Http404
    from .printing import decision_context

    context = decision_context(decision)
    # Only the certificates this user may open (another unit's award is not theirs to print).
    awards = [
        a for a in selectors.awards_for(request.user).filter(decision=decision).order_by("id") if a.certificate_title
    ]
    return render(
        request,
        "awards/decision_detail.html",
        {
            **context,
            "awards": awards,
            "is_manager": is_committee_staff(request.user, decision.campaign),
        },
    )


@login_required
@require_POST
def decision_issue(request, pk):
    decision = selectors.get_decision_for(request.user, pk)
    try:
        services.issue_decision(decision, request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"Đã ban hành Quyết định {decision.reference}; danh sách đã vào sổ khen thưởng.")
    return redirect("awards:decision", pk=decision.pk)


def _pdf_response(field, filename):
    response = HttpResponse(field.read(), content_type="application/pdf")
    field.close()
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def decision_pdf(request, pk):
    decision = selectors.get_decision_for(request.user, pk)
    if decision.status != DecisionStatus.ISSUED:
        raise Http404
    if not decision.pdf:
        from .tasks import print_decision

        outbox.send(print_decision, decision.pk, label="bản in quyết định và giấy khen")
        decision.refresh_from_db()
        if not decision.pdf:
            messages.info(request, "Bản in đang được tạo, vui lòng tải lại sau ít phút.")
            return redirect("awards:decision", pk=decision.pk)
    return _pdf_response(decision.pdf, f"quyet-dinh-{decision.number}.pdf")


@login_required
def decision_docx(request, pk):
    """The issued decision's Word copy, from the same record as its stored PDF."""
    from thidua.documents.docx import docx_response

    from .printing import render_decision_docx

    decision = selectors.get_decision_for(request.user, pk)
    if decision.status != DecisionStatus.ISSUED:
        raise Http404
    return docx_response(render_decision_docx(decision), f"quyet-dinh-{decision.number}.docx")


@login_required
def certificate_pdf(request, pk):
    award = selectors.get_award_for(request.user, pk)
    if not award.certificate_title:
        raise Http404  # this award type takes no certificate from this issuer
    if not award.certificate:
        from .tasks import print_decision

        outbox.send(print_decision, award.decision_id, label="bản in quyết định và giấy khen")
        award.refresh_from_db()
        if not award.certificate:
            messages.info(request, "Giấy khen đang được in, vui lòng tải lại sau ít phút.")
            return redirect("awards:registry")
    return _pdf_response(award.certificate, f"giay-khen-{award.pk}.pdf")


@login_required
def certificate_docx(request, pk):
    """The certificate's Word copy (A4 landscape, the double frame), from the award and its decision."""
    from thidua.documents.docx import docx_response

    from .printing import render_certificate_docx

    award = selectors.get_award_for(request.user, pk)
    if not award.certificate_title:
        raise Http404
    return docx_response(render_certificate_docx(award), f"giay-khen-{award.pk}.docx")


# --- Registry ----------------------------------------------------------------------------------------


def _registry_qs(request):
    form = RegistrySearchForm(request.GET or None)
    qs = selectors.awards_for(request.user)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        qs = selectors.search_awards(
            qs, q=d["q"], unit=d["unit"], year=d["year"], award_code=d["award"], nominee_kind=d["kind"]
        )
    return form, qs


def _as_of(form):
    """The day the statistics are computed for (today unless asked): awards revoked by then do not count."""
    from django.utils import timezone

    day = form.cleaned_data.get("as_of") if form.is_bound and form.is_valid() else None
    return day or timezone.localdate()


@login_required
def award_amend(request, pk):
    """Draft a decision revoking, annulling or correcting one award of the registry (committee staff of the body
    that gave it); it is issued from the decision page like any decision."""
    award = selectors.get_award_for(request.user, pk)
    if not services.can_amend_award(request.user, award):
        raise PermissionDenied
    form = AmendmentForm(request.POST or None, award=award)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.create_amendment(
                award,
                request.user,
                kind=form.cleaned_data["kind"],
                corrections=form.corrections(),
                **form.values(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lập dự thảo quyết định. Kiểm tra rồi ban hành.")
            return redirect("awards:decision", pk=decision.pk)
    return render(
        request,
        "awards/amendment_form.html",
        {"form": form, "award": award},
        status=400 if form.is_bound else 200,
    )


@login_required
def registry(request):
    form, qs = _registry_qs(request)
    as_of = _as_of(form)
    page = Paginator(qs.select_related("revoked_by").order_by("-year", "-decided_on", "id"), 25).get_page(
        request.GET.get("page")
    )

    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "awards/registry.html",
        {
            "form": form,
            "page": page,
            "stats": selectors.statistics(selectors.in_force(qs, as_of)),
            "ethnicities": selectors.ethnicity_counts(selectors.in_force(qs, as_of)),
            "as_of": as_of,
            "amend_all": request.user.is_superuser,
            "amend_issuers": organization_ids_for(request.user),
            "query_string": params.urlencode(),
            "total": page.paginator.count,
            "export_url": reverse("awards:registry_export") + (f"?{params.urlencode()}" if params else ""),
        },
    )


@login_required
def registry_export(request):
    _form, qs = _registry_qs(request)
    workbook = excel.export_registry(qs.order_by("-year", "-decided_on", "id").iterator(chunk_size=2000))
    return xlsx.response(workbook, "so-khen-thuong.xlsx")


STATISTICS_TITLE = "Số lượng khen thưởng của cấp mình (theo mẫu 0602.N, 0603.N - Thông tư 02/2023/TT-BNV)"


@login_required
def registry_statistics(request):
    form, qs = _registry_qs(request)
    as_of = _as_of(form)
    table = selectors.official_statistics(selectors.own_level_awards(request.user, selectors.in_force(qs, as_of)))
    head = _statistics_head(request, form, as_of)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        workbook = excel.export_official_statistics(table, STATISTICS_TITLE, head)
        return xlsx.response(workbook, "thong-ke-khen-thuong-0602-0603.xlsx")
    context = {"form": form, "table": table, "title": STATISTICS_TITLE, "as_of": as_of, "head": head}
    if fmt == "pdf":
        from .form_views import print_form

        context.update(form_partial="awards/_form_0602.html", doc_number=head["number"])
        return print_form("awards/print/form_0601.html", context, "bieu-0602N-0603N.pdf")
    params = request.GET.copy()
    for name, fmt in (("export_url", "xlsx"), ("print_url", "pdf")):
        params["format"] = fmt
        context[name] = reverse("awards:statistics") + "?" + params.urlencode()
    return render(request, "awards/statistics.html", context)


def _statistics_head(request, form, as_of):
    """The header of forms 0602.N/0603.N: numbers, legal basis on the day of the figures, reporter, period."""
    from .form_views import reporter_of
    from .official_forms import basis_on

    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    period = f"Năm {year}, tính đến ngày {as_of:%d/%m/%Y}" if year else f"Tính đến ngày {as_of:%d/%m/%Y}"
    return {
        "numbers": "0602.N/BNV-TĐKT, 0603.N/BNV-TĐKT",
        "number": "0602.N, 0603.N",
        "basis": basis_on(as_of),
        "reporter": reporter_of(request.user),
        "title": "SỐ LƯỢNG KHEN THƯỞNG (CẤP NHÀ NƯỚC; CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH)",
        "period": period,
    }


@login_required
def registry_history(request):
    key = request.GET.get("key", "")
    awards = list(selectors.history(selectors.awards_for(request.user), key)) if key else []
    if not awards:
        raise Http404
    return render(request, "awards/history.html", {"awards": awards, "subject": awards[-1]})


# --- Publication before the vote ----------------------------------------------------------------------


@login_required
def publication_list(request, campaign_pk):
    """The campaign's published lists, and publishing a new one (committee staff)."""
    from .publication import publish_nominees

    campaign = get_campaign_for(request.user, campaign_pk)
    if not is_committee_staff(request.user, campaign):
        raise PermissionDenied
    form = PublicationForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            publication = publish_nominees(campaign, request.user, form.cleaned_data["nominations"], **form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã công khai danh sách. Gửi đường dẫn trang công khai cho nơi cần đăng.")
            return redirect("awards:publication", pk=publication.pk)
    publications = (
        selectors.publications_for(request.user)
        .filter(campaign=campaign)
        .annotate(n=Count("nominations", distinct=True), comments_n=Count("comments", distinct=True))
    )
    return render(
        request,
        "awards/publication_list.html",
        {"campaign": campaign, "form": form, "publications": publications},
        status=400 if form.is_bound else 200,
    )


@login_required
def publication_detail(request, pk):
    publication = get_object_or_404(selectors.publications_for(request.user), pk=pk)
    return _publication_page(request, publication, PublicCommentForm(publication=publication))


def _publication_page(request, publication, form, status=200):
    from django.utils import timezone

    rows = publication.nominations.select_related("award_type", "proposer").order_by(
        "award_type__sort_order", "proposer__path", "id"
    )
    return render(
        request,
        "awards/publication_detail.html",
        {
            "publication": publication,
            "rows": rows,
            "comments": publication.comments.select_related("nomination", "recorded_by"),
            "form": form,
            "public_url": request.build_absolute_uri(reverse("awards:public_publication", args=[publication.token])),
            "is_open": publication.is_open_on(timezone.localdate()),
        },
        status=status,
    )


@login_required
@require_POST
def publication_comment(request, pk):
    from .publication import record_comment

    publication = get_object_or_404(selectors.publications_for(request.user), pk=pk)
    form = PublicCommentForm(request.POST, publication=publication)
    if form.is_valid():
        try:
            record_comment(publication, request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã ghi ý kiến.")
            return redirect("awards:publication", pk=publication.pk)
    return _publication_page(request, publication, form, status=400)


def public_publication(request, token):
    """The public page (no login): names, unit, award proposed, achievement summary and the comment period only."""
    from django.utils import timezone

    publication = selectors.public_listing(token)
    return render(
        request,
        "awards/public_publication.html",
        {
            "publication": publication,
            "campaign": publication.campaign,
            "rows": publication.nominations.all(),
            "is_open": publication.is_open_on(timezone.localdate()),
        },
    )


@login_required
def awards_home(request):
    """Where the navbar's «Khen thưởng › Đề nghị khen thưởng» leads: the running campaigns the user may propose in
    (one button each) and the nominations of the user's units, newest first. A fixed number of queries."""
    user = request.user
    running = list(campaigns_for(user).filter(status="launched").order_by("-period_start", "-id")[:20])
    org_ids = organization_ids_for(user)
    mine = (
        selectors.nominations_for(user).filter(proposer__in=org_ids)
        if not user.is_superuser
        else selectors.nominations_for(user)
    )
    page = Paginator(mine.order_by("-updated_at", "-id"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/home.html",
        {
            "campaigns": [(c, user.is_superuser or bool(org_ids), is_committee_staff(user, c)) for c in running],
            "page": page,
        },
    )


# --- Official statistics forms (Thông tư 02/2023/TT-BNV) ------------------------------------------------


def _report_year(request):
    from django.utils import timezone

    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 1945 <= year <= 2100 else timezone.localdate().year


@login_required
def official_forms(request):
    import datetime

    from .official_forms import notice_on

    year = _report_year(request)
    return render(
        request, "awards/official_forms.html", {"year": year, "notice": notice_on(datetime.date(year, 12, 15))}
    )


@login_required
def form_0601(request):
    """Biểu 0601.N from the campaigns the user's own organisations launched, on screen, in xlsx and in print."""
    import datetime

    from campaigns.models import Campaign

    from . import official_forms as forms_0601

    year = _report_year(request)
    qs = Campaign.objects.all()
    if not request.user.is_superuser:
        qs = qs.filter(issuer__in=organization_ids_for(request.user))
    campaigns = list(forms_0601.campaigns_in_year(qs, year))
    table = forms_0601.form_0601(campaigns)
    orgs = Organization.objects.filter(pk__in=organization_ids_for(request.user)).order_by("depth", "path")
    reporter = ", ".join(o.name for o in orgs[:3]) or "…"
    basis = forms_0601.basis_on(datetime.date(year, 12, 15))
    context = {
        "table": table,
        "year": year,
        "reporter": reporter,
        "basis": basis,
        "columns": forms_0601.COLUMNS_0601,
        "count": len(campaigns),
        "notice": forms_0601.notice_on(datetime.date(year, 12, 15)),
    }
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        from thidua import xlsx

        wb = forms_0601.export_0601(table, year=year, reporter=reporter, basis=basis)
        return xlsx.response(wb, f"bieu-0601N-{year}.xlsx")
    if fmt == "pdf":
        from thidua.documents.pdf import DocumentMeta, render_pdf

        doc = DocumentMeta(
            issuing_body="",
            superior_body="",
            printed_reference="",
            place_and_date="",
            document_format="state",
            document_type="",
            title="",
            sign_on_behalf="",
            signer_title="",
            signer_name="",
            recipients=[],
        )
        pdf = render_pdf("awards/print/form_0601.html", {**context, "doc": doc, "landscape": True})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="bieu-0601N-{year}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return render(request, "awards/form_0601.html", context)
