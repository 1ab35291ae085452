"""Writes and state changes of commendation: one function per change (HackSoft / pretalx style)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from campaigns.permissions import is_committee_staff
from thidua.documents import register
from thidua.documents.fonts import require_print_font
from thidua.workflow import Move, TransitionError, Workflow

from . import ballots, eligibility
from .enums import WITHDRAWING_KINDS, DecisionKind, DecisionStatus, Quorum, SessionStatus, VoteChoice
from .enums import NominationStatus as S
from .models import (
    MIN_SECRET_BALLOT_MEMBERS,
    Award,
    AwardAmendment,
    Ballot,
    CouncilSession,
    Decision,
    DossierFile,
    ImportBatch,
    Nomination,
    NominationLog,
    Vote,
)
from .permissions import (
    can_close_session,
    can_edit_nomination,
    can_nominate,
    can_review_nomination,
    is_council_member_of,
    is_proposer_member,
    is_reviewer,
)


def _submit_updates(nomination, actor, ctx):
    """The rules run again on submission; soft failures need the unit's justification."""
    findings = _checked(nomination, ctx.get("justification"))
    return {"eligibility": findings, "justification": nomination.justification}


def _check_updates(nomination, actor, ctx):
    return {"eligibility": [f.as_dict() for f in eligibility.evaluate(nomination)]}


def _to_council_prepare(nomination, actor, ctx):
    """Onto an open sitting of the same campaign, the published list's comment period over (TT 12/2019)."""
    session = ctx["session"]
    if session.status != SessionStatus.OPEN:
        raise TransitionError("Phiên họp đã kết thúc.")
    if session.campaign_id != nomination.campaign_id:
        raise TransitionError("Phiên họp thuộc phong trào khác.")
    from .publication import check_publication_gate

    check_publication_gate(nomination, session.held_on)


def _to_council_updates(nomination, actor, ctx):
    findings = _checked(nomination, ctx.get("justification"))
    return {"session": ctx["session"], "eligibility": findings, "justification": nomination.justification}


NOMINATION_FLOW = Workflow(
    log_model=NominationLog,
    name="nomination",
    moves=[
        Move(
            "submit",
            "Gửi đề nghị",
            (S.DRAFT, S.RETURNED),
            S.SUBMITTED,
            is_proposer_member,
            updates=_submit_updates,
        ),
        Move("check", "Thẩm định đạt", (S.SUBMITTED,), S.CHECKED, is_reviewer, style="success", updates=_check_updates),
        Move(
            "return",
            "Trả lại",
            (S.SUBMITTED, S.CHECKED),
            S.RETURNED,
            is_reviewer,
            needs_reason=True,
            style="warning",
            updates=lambda nomination, actor, ctx: {"session": None},
        ),
        Move(
            "to_council",
            "Đưa ra Hội đồng",
            (S.CHECKED,),
            S.IN_COUNCIL,
            is_reviewer,
            prepare=(_to_council_prepare,),
            updates=_to_council_updates,
        ),
        # Made by closing the sitting (the tallies come as extra updates) and by issuing the decision.
        Move("approve", "Hội đồng thông qua", (S.IN_COUNCIL,), S.APPROVED, is_reviewer, style="success"),
        Move("reject", "Không thông qua", (S.IN_COUNCIL,), S.REJECTED, is_reviewer, style="danger"),
        Move("decide", "Có quyết định khen thưởng", (S.APPROVED,), S.DECIDED, is_reviewer, style="success"),
    ],
)

# Moves offered as buttons on the nomination page (the others are made by sessions and decisions).
BUTTON_MOVES = ("submit", "check", "return")

NOMINATION_FIELDS = (
    "nominee_kind",
    "organization",
    "title_prefix",
    "full_name",
    "position",
    "unit_name",
    "gender",
    "ethnicity",
    "birth_year",
    "nominee_class",
    "activity_field",
    "award_type",
    "year",
    "achievement",
    "progress_report",
    "progress_report_note",
    "initiative_title",
    "initiative_recognised_on",
    "member_count",
    "members_completing",
    "discipline_pending",
    "justification",
)


def _resolve_version(nomination):
    """Point the nomination at the catalogue version valid on its rules date, if there is one."""
    version = eligibility.version_on(nomination.award_type, nomination.rules_date)
    if version is not None and version.pk != nomination.award_type_id:
        nomination.award_type = version


def create_nomination(campaign, proposer, actor, **fields):
    if not can_nominate(actor, campaign, proposer):
        raise PermissionDenied
    fields.setdefault("year", campaign.period_end.year)
    nomination = Nomination(campaign=campaign, proposer=proposer, created_by=actor, **fields)
    _resolve_version(nomination)
    nomination.full_clean(exclude=["achievement"])
    nomination.save()
    return nomination


SENT_ERROR = "Đề nghị đã được gửi đi, không sửa được nữa."
EDIT_CONFLICT = (
    "Đề nghị đã được lưu hoặc xử lý ở nơi khác (một thẻ hoặc người khác) sau khi bạn mở trang. Nội dung bạn vừa "
    "nhập vẫn còn dưới đây: hãy mở đề nghị ở thẻ mới để xem bản đã lưu rồi nhập lại phần thay đổi."
)


def update_nomination(nomination, actor, *, expected_version=None, **fields):
    """Save an editable nomination. The row is claimed first with a conditional update (still editable, and still
    the version the edit page was opened on): a submission made meanwhile in another tab wins cleanly, and the
    save never writes the state back (Nomination.save leaves status and version to the workflow)."""
    if not can_edit_nomination(actor, nomination):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(nomination, name, value)
    _resolve_version(nomination)
    nomination.full_clean(exclude=["achievement"])
    conditions = {"pk": nomination.pk, "status__in": (S.DRAFT, S.RETURNED)}
    if expected_version is not None:
        conditions["version"] = expected_version
    with transaction.atomic():
        claimed = Nomination.objects.filter(**conditions).update(version=F("version") + 1)
        if not claimed:
            editable = Nomination.objects.filter(pk=nomination.pk, status__in=(S.DRAFT, S.RETURNED)).exists()
            raise TransitionError(EDIT_CONFLICT if editable else SENT_ERROR)
        nomination.save()
    nomination.refresh_from_db(fields=["status", "version"])
    return nomination


def delete_nomination(nomination, actor):
    if not can_edit_nomination(actor, nomination) or nomination.status != S.DRAFT:
        raise PermissionDenied
    nomination.files.all().delete()
    nomination.log.all().delete()
    nomination.delete()


def add_dossier_file(nomination, actor, upload, kind, description=""):
    if not can_edit_nomination(actor, nomination):
        raise PermissionDenied
    attachment = DossierFile.from_upload(
        upload, uploaded_by=actor, description=description, nomination=nomination, kind=kind
    )
    attachment.save()
    return attachment


def _checked(nomination, justification=None):
    """Run every rule; refuse on hard failures and on soft ones without a justification."""
    if justification is not None:
        nomination.justification = (justification or "").strip()
    findings = eligibility.evaluate(nomination)
    hard = eligibility.hard_failures(findings)
    if hard:
        raise TransitionError("Chưa đủ điều kiện: " + " ".join(f.message for f in hard))
    soft = eligibility.soft_failures(findings)
    if soft and not nomination.justification.strip():
        raise TransitionError("Cần giải trình: " + " ".join(f.message for f in soft))
    return [f.as_dict() for f in findings]


def submit_nomination(nomination, actor, justification=None, expected_version=None):
    return NOMINATION_FLOW.apply(
        nomination, "submit", actor, expected_version=expected_version, justification=justification
    )


def check_nomination(nomination, actor, note="", expected_version=None):
    return NOMINATION_FLOW.apply(nomination, "check", actor, reason=note, expected_version=expected_version)


def return_nomination(nomination, actor, reason, expected_version=None):
    return NOMINATION_FLOW.apply(nomination, "return", actor, reason=reason, expected_version=expected_version)


def transition(nomination, action, actor, *, reason="", justification=None, expected_version=None):
    """The buttons of the nomination page. `expected_version` is the version the page showed: a nomination
    edited or moved since is refused (TransitionConflict), so "Thẩm định đạt" and "Trả lại" pressed at once
    cannot both apply."""
    if action not in BUTTON_MOVES:
        raise TransitionError("Thao tác không hợp lệ.")
    return NOMINATION_FLOW.apply(
        nomination, action, actor, reason=reason, expected_version=expected_version, justification=justification
    )


# --- Council -------------------------------------------------------------------------------------------


def create_session(campaign, actor, *, title, held_on, members, threshold, quorum=Quorum.TWO_THIRDS):
    if not is_committee_staff(actor, campaign):
        raise PermissionDenied
    members = list(members)
    if len(members) < MIN_SECRET_BALLOT_MEMBERS:
        raise ValidationError(
            f"Bỏ phiếu kín cần ít nhất {MIN_SECRET_BALLOT_MEMBERS} thành viên Hội đồng dự họp "
            "(với một hoặc hai người, kết quả cho biết từng người đã chọn gì)."
        )
    outsiders = [m for m in members if not is_council_member_of(m, campaign.issuer)]
    if outsiders:
        names = ", ".join(m.get_full_name() or m.username for m in outsiders)
        raise ValidationError(f"Không phải thành viên Hội đồng TĐ-KT của {campaign.issuer.name}: {names}.")
    with transaction.atomic():
        session = CouncilSession.objects.create(
            organization=campaign.issuer,
            campaign=campaign,
            title=title,
            held_on=held_on,
            threshold=threshold,
            quorum=quorum,
        )
        session.members.set(members)
    return session


def put_to_council(nomination, session, actor, justification=None, expected_version=None):
    """Checked nomination onto an open session's agenda; the rules run again first."""
    if not can_review_nomination(actor, nomination):
        raise PermissionDenied
    return NOMINATION_FLOW.apply(
        nomination,
        "to_council",
        actor,
        expected_version=expected_version,
        session=session,
        justification=justification,
    )


def cast_vote(session, nomination, member, choice):
    """One secret vote per member per nomination, while the session is open.

    Two rows: the participation (`Vote`: who, no choice) and the sealed ballot (`Ballot`: the choice encrypted,
    no member, no time). Nothing readable in the database says what this member chose."""
    if choice not in VoteChoice.values:
        raise ValidationError("Phiếu không hợp lệ.")
    with transaction.atomic():
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.OPEN:
            raise TransitionError("Phiên họp đã kết thúc: không bỏ phiếu được nữa.")
        if not locked.members.filter(pk=member.pk).exists():
            raise PermissionDenied
        if not Nomination.objects.filter(pk=nomination.pk, session=locked, status=S.IN_COUNCIL).exists():
            raise TransitionError("Đề nghị này không có trong chương trình của phiên họp.")
        if Vote.objects.filter(session=locked, nomination=nomination, member=member).exists():
            raise TransitionError("Bạn đã bỏ phiếu cho đề nghị này.")
        try:
            with transaction.atomic():
                Vote.objects.create(session=locked, nomination=nomination, member=member)
        except IntegrityError:
            raise TransitionError("Bạn đã bỏ phiếu cho đề nghị này.") from None
        Ballot.objects.create(
            session=locked, nomination=nomination, sealed=ballots.seal(locked.pk, nomination.pk, choice)
        )


def voter_counts(session):
    """{nomination_id: number of members who voted} (participation only)."""
    from django.db.models import Count

    rows = Vote.objects.filter(session=session).values("nomination_id").annotate(n=Count("pk"))
    return {r["nomination_id"]: r["n"] for r in rows}


def _open_ballots(session, participation):
    """{nomination_id: (yes, no)} from the sealed ballots; refuses ballots that do not open or do not match the
    participation rows (a row added, copied or removed behind the application's back)."""
    counts = {}
    for nomination_id, sealed in Ballot.objects.filter(session=session).values_list("nomination_id", "sealed"):
        choice = ballots.unseal(session.pk, nomination_id, sealed)
        yes, no = counts.get(nomination_id, (0, 0))
        counts[nomination_id] = (yes + (choice == VoteChoice.YES), no + (choice == VoteChoice.NO))
    for nomination_id in set(counts) | set(participation):
        if sum(counts.get(nomination_id, (0, 0))) != participation.get(nomination_id, 0):
            raise ballots.BallotError("Số phiếu kín không khớp số thành viên đã bỏ phiếu: không tính kết quả được.")
    return counts


def quorum_shortfalls(session, members=None, participation=None):
    """Agenda items that do not yet have the votes of enough members to close the sitting: [(nomination, voters)]."""
    members = session.members.count() if members is None else members
    participation = voter_counts(session) if participation is None else participation
    needed = session.quorum_for(members)
    return [
        (n, participation.get(n.pk, 0))
        for n in session.nominations.filter(status=S.IN_COUNCIL).order_by("id")
        if participation.get(n.pk, 0) < needed
    ]


def _quorum_and_ballots(session, actor, ctx):
    """Close's checks on the locked sitting: enough members, each agenda item voted by the quorum, and the sealed
    ballots open and match the participation; the counts go to `_tally`."""
    members = session.members.count()
    if members < MIN_SECRET_BALLOT_MEMBERS:
        raise TransitionError(
            f"Bỏ phiếu kín cần ít nhất {MIN_SECRET_BALLOT_MEMBERS} thành viên: bổ sung thành viên trước khi kết thúc."
        )
    participation = voter_counts(session)
    short = quorum_shortfalls(session, members, participation)
    if short:
        needed = session.quorum_for(members)
        names = "; ".join(f"«{n.display_name}» ({voters}/{members})" for n, voters in short)
        raise TransitionError(
            f"Chưa đủ số thành viên biểu quyết (cần ít nhất {needed}/{members} thành viên, "
            f"{session.get_quorum_display().lower()}): {names}."
        )
    try:
        ctx["counts"] = _open_ballots(session, participation)
    except ballots.BallotError as exc:
        raise TransitionError(str(exc)) from None
    ctx["members"] = members


def _tally(session, actor, log, ctx):
    """Apply the threshold and re-check the rules per agenda item, write only the tallies, delete the ballots."""
    members, counts = ctx["members"], ctx["counts"]
    for nomination in session.nominations.filter(status=S.IN_COUNCIL).select_related(
        "campaign", "award_type", "proposer"
    ):
        yes, no = counts.get(nomination.pk, (0, 0))
        votes = {"votes_yes": yes, "votes_no": no, "votes_members": members}
        passed = session.passes(yes, members)
        hard = eligibility.hard_failures(eligibility.evaluate(nomination)) if passed else []
        note = f"{yes}/{members} thành viên đồng ý ({session.get_threshold_display().lower()})."
        if hard:
            note += " Không đủ điều kiện khi bỏ phiếu: " + " ".join(f.message for f in hard)
        action = "approve" if passed and not hard else "reject"
        NOMINATION_FLOW.apply(nomination, action, actor, reason=note, extra_updates=votes)
    Ballot.objects.filter(session=session).delete()  # only the tallies remain


# A council sitting: open (members vote) → closed (results locked; closed sittings never change).
SESSION_FLOW = Workflow(
    model=CouncilSession,
    name="council sitting",
    moves=[
        Move(
            "close",
            "Kết thúc phiên họp",
            (SessionStatus.OPEN,),
            SessionStatus.CLOSED,
            can_close_session,
            lock=True,
            refused="Phiên họp đã kết thúc.",
            prepare=(_quorum_and_ballots,),
            updates=lambda session, actor, ctx: {"closed_at": timezone.now(), "closed_by": actor},
            effects=(_tally,),
        ),
    ],
)


def close_session(session, actor):
    """Check the quorum, open the sealed ballots, apply the threshold, re-check the rules, write only the tallies,
    delete the ballots, lock the results — in one transaction (every tally row carries the same transaction id).
    Closed sessions never change."""
    if not can_close_session(actor, session):
        if session.status == SessionStatus.CLOSED:
            raise TransitionError("Phiên họp đã kết thúc.")
        raise PermissionDenied
    return SESSION_FLOW.apply(session, "close", actor)


# --- Decisions and the registry ---------------------------------------------------------------------


def _outside_authority(issuer, nominations, day):
    """The nominations `issuer` may not award on `day` (propose-only ones go to a proposal upward instead)."""
    return [n for n in nominations if not eligibility.may_award(issuer, n.award_type, day)]


def _refuse_outside_authority(issuer, nominations, day):
    outside = _outside_authority(issuer, nominations, day)
    if outside:
        names = "; ".join(f"{n.display_name} («{n.award_type.name}»)" for n in outside)
        raise ValidationError(
            f"{issuer.name} không có thẩm quyền quyết định khen thưởng ngày {day:%d/%m/%Y} cho: {names}. "
            "Đề nghị thuộc thẩm quyền cấp trên được đưa vào tờ trình đề nghị cấp trên khen thưởng, không vào quyết định."
        )


def number_taken_message(decision):
    period = Decision.period_of(decision.document_format, decision.term, decision.issued_on)
    period_text = f"nhiệm kỳ {period}" if "-" in period else f"năm {period}"
    return (
        f"Số {decision.reference} {period_text} đã được dùng cho quyết định khác (có thể vừa được người khác "
        f"lưu). Nhập số khác; số tiếp theo còn trống: {next_decision_number(decision)}."
    )


def next_decision_number(decision):
    """The next free number of the decision's type (QĐ) in the issuer's register of outgoing documents."""
    from django.db.models import Max

    period = Decision.period_of(decision.document_format, decision.term, decision.issued_on)
    last = Decision.objects.filter(
        issuer_id=decision.issuer_id, symbol=decision.symbol, number_period=period
    ).aggregate(n=Max("number"))["n"]
    in_register = register.next_number(decision.issuer_id, register.document_type_of(decision.symbol), period=period)
    return max((last or 0) + 1, in_register)


def take_proposal_number(campaign, actor, day):
    """The next number of the proposals upward (TTr) in the issuer's register of outgoing documents, recorded now:
    the printed proposal then carries it (the proposal itself is not stored)."""
    from campaigns.permissions import is_committee_staff

    from .printing import proposal_symbol

    if not is_committee_staff(actor, campaign):
        raise PermissionDenied
    symbol = proposal_symbol(campaign)
    return register.take_number(
        campaign.issuer,
        register.document_type_of(symbol),
        day,
        kind=campaign.document_format,
        term=campaign.term,
        symbol=symbol,
        subject=f"Tờ trình đề nghị cấp trên khen thưởng (Kế hoạch số {campaign.reference})",
        created_by=actor,
    )


def next_proposal_number(campaign):
    from .printing import proposal_symbol

    symbol = proposal_symbol(campaign)
    return register.next_number(
        campaign.issuer_id, register.document_type_of(symbol), kind=campaign.document_format, term=campaign.term
    )


def take_decision_number(decision, actor=None):
    """Record the decision's number in the issuer's register of outgoing documents (refused when it is taken)."""
    return register.take_number(
        decision.issuer,
        register.document_type_of(decision.symbol),
        decision.issued_on,
        kind=decision.document_format,
        term=decision.term,
        period=decision.number_period,
        symbol=decision.symbol,
        subject=" ".join(decision.title.split()),
        document=decision,
        created_by=actor,
        number=decision.number,
    )


def _save_numbered(decision):
    """Save a new decision and record its number in the register; the unique constraints (issuer, symbol, period,
    number) on decisions and (issuer, type, period, number) on the register decide between two staff typing the
    same number at the same moment: the second gets the error on the number field (the form keeps the rest)."""
    try:
        with transaction.atomic():
            decision.save()
            take_decision_number(decision, decision.created_by)
    except (IntegrityError, register.NumberTaken):
        raise ValidationError({"number": number_taken_message(decision)}) from None


def create_decision(campaign, actor, nominations, **fields):
    if not is_committee_staff(actor, campaign):
        raise PermissionDenied
    nominations = list(nominations)
    if not nominations:
        raise ValidationError("Chọn ít nhất một đề nghị đã được Hội đồng thông qua.")
    with transaction.atomic():
        decision = Decision(issuer=campaign.issuer, campaign=campaign, created_by=actor, **fields)
        decision.full_clean()
        _refuse_outside_authority(campaign.issuer, nominations, decision.issued_on)
        _save_numbered(decision)
        ids = [n.pk for n in nominations]
        updated = Nomination.objects.filter(
            pk__in=ids, campaign=campaign, status=S.APPROVED, decision__isnull=True
        ).update(decision=decision)
        if updated != len(ids):
            raise ValidationError("Có đề nghị chưa được Hội đồng thông qua hoặc đã thuộc quyết định khác.")
    return decision


def record_awards(decision):
    """Write the decision's awards into the registry: one per nomination, so running it twice adds nothing."""
    created = 0
    for nomination in decision.nominations.select_related("award_type", "organization"):
        values = {
            f: getattr(nomination, f)
            for f in (
                "nominee_kind",
                "organization",
                "title_prefix",
                "full_name",
                "position",
                "unit_name",
                "gender",
                "ethnicity",
                "birth_year",
                "nominee_class",
                "activity_field",
                "year",
                "achievement",
                "award_type",
                "proposer",
            )
        }
        award, was_created = Award.objects.get_or_create(
            nomination=nomination, defaults={**values, "decision": decision, "decided_on": decision.issued_on}
        )
        if was_created:
            take_certificate_number(award)
        created += was_created
    return created


def take_certificate_number(award, actor=None):
    """The certificate's number in the issuer's certificate book of the year (GK, BK, GCN), in the register of
    outgoing documents: certificates are numbered per calendar year whatever the issuer's format."""
    from .printing import certificate_symbol

    decision = award.decision
    symbol = certificate_symbol(award)
    return register.take_number(
        decision.issuer_id,
        symbol,
        award.decided_on,
        kind=decision.document_format,
        period=str(award.decided_on.year),
        symbol=symbol,
        subject=f"{award.award_type.certificate_name} — {award.display_name} (Quyết định {decision.reference})",
        document=award,
        created_by=decision.issued_by,
    )


def _award_listed(decision, actor, ctx):
    """An award decision lists nominations, each within the issuer's authority on the day of issue."""
    listed = list(decision.nominations.select_related("award_type"))
    if not listed:
        raise ValidationError("Quyết định chưa có danh sách khen thưởng.")
    _refuse_outside_authority(decision.issuer, listed, decision.issued_on)  # a draft made before a rule changed


def _decide_and_record(decision, actor, log, ctx):
    """Nominations become 'decided' and the awards enter the registry."""
    for nomination in decision.nominations.filter(status=S.APPROVED):
        NOMINATION_FLOW.apply(nomination, "decide", actor, reason=f"Quyết định {decision.reference}")
    record_awards(decision)


def _print_decision(decision_pk, actor_pk, log_pk):
    from thidua import outbox

    from . import tasks

    outbox.send(tasks.print_decision, decision_pk, label="bản in quyết định và giấy khen")


def _issued_updates(decision, actor, ctx):
    return {"issued_at": timezone.now(), "issued_by": actor}


# --- Revoking, annulling and correcting awards (Luật TĐKT 2003 Điều 96; Luật 06/2022/QH15 Điều 93 khoản 2) ----


def can_amend_award(user, award):
    """Committee staff of the body whose decision gave the award (only it may revoke or correct it)."""
    return is_committee_staff(user, award.decision.campaign)


def create_amendment(award, actor, *, kind, corrections=None, **fields):
    """A draft decision revoking, annulling or correcting `award`, numbered in the issuer's sequence."""
    if not can_amend_award(actor, award):
        raise PermissionDenied
    if kind not in (DecisionKind.REVOKE, DecisionKind.ANNUL, DecisionKind.CORRECT):
        raise ValidationError("Loại quyết định không hợp lệ.")
    original = award.decision
    if original.status != DecisionStatus.ISSUED:
        raise ValidationError("Quyết định khen thưởng chưa ban hành: sửa dự thảo, không cần quyết định khác.")
    if award.revoked_on:
        raise ValidationError(f"Khen thưởng này đã bị thu hồi / hủy bỏ từ ngày {award.revoked_on:%d/%m/%Y}.")
    corrections = {k: v for k, v in (corrections or {}).items() if v}
    if kind == DecisionKind.CORRECT:
        corrections = {
            k: v
            for k, v in corrections.items()
            if (getattr(award, k + "_id", None) if k == "award_type" else getattr(award, k)) != getattr(v, "pk", v)
        }
        if not corrections:
            raise ValidationError("Quyết định đính chính cần ít nhất một nội dung sửa khác với sổ khen thưởng.")
    else:
        corrections = {}
        if not (fields.get("reason") or "").strip():
            raise ValidationError("Cần ghi lý do thu hồi, hủy bỏ.")
    with transaction.atomic():
        decision = Decision(issuer=original.issuer, campaign=original.campaign, kind=kind, created_by=actor, **fields)
        decision.full_clean()
        if decision.issued_on < original.issued_on:
            raise ValidationError("Ngày ký phải sau ngày của quyết định khen thưởng.")
        _save_numbered(decision)
        AwardAmendment.objects.create(decision=decision, award=award, **corrections)
    return decision


def _amendments_apply(decision, actor, ctx):
    """Revoke/annul from the decision's date (out of statistics, prerequisites and years in a row from then on,
    still listed), or correct the registry keeping the old text."""
    amendments = list(decision.amendments.select_related("award", "award__award_type", "award_type"))
    if not amendments:
        raise ValidationError("Quyết định chưa có khen thưởng nào để thu hồi hoặc đính chính.")
    if decision.kind in WITHDRAWING_KINDS:
        ids = [a.award_id for a in amendments]
        done = Award.objects.filter(pk__in=ids, revoked_on__isnull=True).update(
            revoked_on=decision.issued_on, revoked_by=decision
        )
        if done != len(ids):
            raise ValidationError("Có khen thưởng đã bị thu hồi / hủy bỏ bởi quyết định khác.")
        return
    for amendment in amendments:
        award = amendment.award
        before = {name: getattr(award, name) for name in AwardAmendment.CORRECTABLE}
        before["award_type_name"] = award.award_type.name
        amendment.old_key = award.nominee_key
        for name in AwardAmendment.CORRECTABLE:
            if getattr(amendment, name):
                setattr(award, name, getattr(amendment, name))
        if amendment.award_type_id:
            award.award_type = amendment.award_type
        award.save()
        amendment.before = before
        amendment.applied_at = timezone.now()
        amendment.save(update_fields=["before", "old_key", "applied_at"])


def _may_issue_award(user, decision):
    return decision.kind == DecisionKind.AWARD and is_committee_staff(user, decision.campaign)


def _may_issue_amendment(user, decision):
    """Staff of the body whose decision gave the award that is revoked or corrected."""
    if decision.kind == DecisionKind.AWARD:
        return False
    amendment = decision.amendments.select_related("award__decision__campaign").first()
    return can_amend_award(user, amendment.award) if amendment else is_committee_staff(user, decision.campaign)


# A decision: draft (numbered, editable) → issued (the awards, revocations or corrections take effect; printed).
DECISION_FLOW = Workflow(
    model=Decision,
    name="decision",
    moves=[
        Move(
            "issue",
            "Ban hành quyết định khen thưởng",
            (DecisionStatus.DRAFT,),
            DecisionStatus.ISSUED,
            _may_issue_award,
            lock=True,
            prepare=(_award_listed,),
            updates=_issued_updates,
            effects=(_decide_and_record,),
            side_effects=(_print_decision,),
        ),
        Move(
            "issue_amendment",
            "Ban hành quyết định thu hồi, hủy bỏ, đính chính",
            (DecisionStatus.DRAFT,),
            DecisionStatus.ISSUED,
            _may_issue_amendment,
            lock=True,
            prepare=(_amendments_apply,),
            updates=_issued_updates,
            side_effects=(_print_decision,),
        ),
    ],
)


def issue_decision(decision, actor):
    """Issue: nominations become 'decided', awards enter the registry, the PDFs are printed in the background.
    Issuing an issued award decision again only repairs a half-written registry (it adds nothing otherwise)."""
    action = "issue" if decision.kind == DecisionKind.AWARD else "issue_amendment"
    if not DECISION_FLOW.move(action).allowed(actor, decision):
        raise PermissionDenied
    require_print_font()  # never issued without the font its print needs (nothing stored then)
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.status == DecisionStatus.ISSUED:
            if action == "issue":
                record_awards(locked)  # idempotent
            decision.refresh_from_db()
            return decision
        return DECISION_FLOW.apply(decision, action, actor)


issue_amendment = issue_decision


def import_nominees(campaign, proposer, actor, upload):
    """Create draft nominations from a nominee list; (created, errors). Nothing is created when any row is wrong."""
    from . import excel

    if not can_nominate(actor, campaign, proposer):
        raise PermissionDenied
    rows, errors = excel.parse(upload, campaign)
    if errors:
        return 0, errors
    with transaction.atomic():
        for row in rows:
            row = dict(row)
            number = row.pop("row")
            nomination = Nomination(
                campaign=campaign, proposer=proposer, created_by=actor, year=campaign.period_end.year, **row
            )
            _resolve_version(nomination)
            try:
                nomination.full_clean(exclude=["achievement"])
            except ValidationError as exc:
                errors.append(f"Dòng {number}: " + " ".join(exc.messages))
                continue
            nomination.save()
        if errors:
            transaction.set_rollback(True)
            return 0, errors
    return len(rows), []


# --- Import that tells before it imports -----------------------------------------------------------------

# Rules a fresh import cannot meet yet (the dossier, the achievement text and the collective's member counts are
# added on the draft afterwards): shown as "to complete", never as blocking in the preview.
COMPLETED_AFTER_IMPORT = ("dossier", "achievement")
IMPORT_FIELDS = (
    "nominee_kind",
    "title_prefix",
    "full_name",
    "position",
    "unit_name",
    "nominee_class",
    "activity_field",
)


def _loose_key(full_name, unit_name, code):
    """Who and what a row is about without the birth year, which the template has no column for: an exported
    nomination entered with a birth year is still recognised when its export comes back."""
    from thidua.text import fold

    return ("loose", fold(full_name), fold(unit_name), code)


def _taken_in_registry(year):
    """{(nominee key, code) and loose keys: what it is} of the awards in force in the registry for `year`: an
    import never adds a nomination for a title its nominee already holds that year (revoked awards do not count)."""
    taken = {}
    rows = Award.objects.filter(year=year, revoked_on__isnull=True).values_list(
        "nominee_key", "award_type__code", "full_name", "unit_name", "award_type__name"
    )
    for key, code, full_name, unit_name, name in rows:
        label = f"Đã có trong sổ khen thưởng: «{name}» năm {year}."
        taken.setdefault((key, code), label)
        taken.setdefault(_loose_key(full_name, unit_name, code), label)
    return taken


def _row_nomination(campaign, proposer, actor, fields):
    from .models import AwardType

    values = {k: fields[k] for k in IMPORT_FIELDS}
    nomination = Nomination(
        campaign=campaign,
        proposer=proposer,
        created_by=actor,
        year=campaign.period_end.year,
        award_type=AwardType.objects.get(pk=fields["award_type_id"]),
        organization_id=fields["organization_id"],
        **values,
    )
    _resolve_version(nomination)
    return nomination


def preview_import(campaign, proposer, actor, upload):
    """Read a nominee list and check every row (eligibility, duplicates in the file, in the campaign's nominations
    of any status and in the registry) without importing anything: an ImportBatch the clerk decides on.
    Raises ValidationError when the file itself cannot be used."""
    from . import excel

    if not can_nominate(actor, campaign, proposer):
        raise PermissionDenied
    rows, row_errors = excel.parse_rows(upload, campaign)
    if not rows and not row_errors:
        raise ValidationError(excel.NO_ROWS)
    existing = {}
    for key, code, status, name, full_name, unit_name in Nomination.objects.filter(campaign=campaign).values_list(
        "nominee_key", "award_type__code", "status", "proposer__name", "full_name", "unit_name"
    ):
        existing.setdefault((key, code), (status, name))
        existing.setdefault(_loose_key(full_name, unit_name, code), (status, name))
    registry = _taken_in_registry(campaign.period_end.year)
    out, seen = [], {}
    for row in rows:
        fields = {k: row[k] for k in IMPORT_FIELDS}
        fields["award_type_id"] = row["award_type"].pk
        fields["organization_id"] = row["organization"].pk if row["organization"] else None
        nomination = _row_nomination(campaign, proposer, actor, fields)
        nomination.fill_keys()
        findings, duplicate = [], False
        for f in eligibility.evaluate(nomination):
            if f.ok or f.rule in COMPLETED_AFTER_IMPORT:
                continue
            duplicate |= f.rule == "duplicate"  # already rewarded (registry) or proposed in the campaign
            severity, message = f.severity, f.message
            if f.rule in ("member_share", "member_complete") and nomination.member_count is None:
                severity, message = eligibility.SOFT, "Sau khi nhập cần bổ sung: " + message
            findings.append({"severity": severity, "message": message})
        twin = (nomination.nominee_key, nomination.award_type.code)
        loose = _loose_key(nomination.full_name, nomination.unit_name, nomination.award_type.code)
        if not duplicate and (twin in registry or loose in registry):
            duplicate = True
            findings.append({"severity": eligibility.HARD, "message": registry.get(twin) or registry[loose]})
        if twin in seen:
            duplicate = True
            findings.append({"severity": eligibility.HARD, "message": f"Trùng với dòng {seen[twin]} của tệp."})
        else:
            seen[twin] = row["row"]
        if twin in existing or loose in existing:
            duplicate = True
            status, name = existing.get(twin) or existing[loose]
            label = S(status).label.lower()
            findings.append(
                {
                    "severity": eligibility.HARD,
                    "message": f"Đã có đề nghị «{nomination.award_type.name}» của {name} trong phong trào ({label}).",
                }
            )
        severities = {f["severity"] for f in findings}
        verdict = "blocked" if eligibility.HARD in severities else "warning" if severities else "ok"
        out.append(
            {
                "row": row["row"],
                "verdict": verdict,
                "duplicate": duplicate,
                "name": nomination.display_name,
                "kind": nomination.get_nominee_kind_display(),
                "award": nomination.award_type.name,
                "unit": nomination.unit_name or nomination.position,
                "findings": findings,
                "fields": fields,
            }
        )
    for number, message in row_errors:
        out.append(
            {
                "row": number,
                "verdict": "blocked",
                "duplicate": False,
                "name": "",
                "kind": "",
                "award": "",
                "unit": "",
                "findings": [{"severity": eligibility.HARD, "message": f"Không đọc được: {message}"}],
                "fields": None,
            }
        )
    out.sort(key=lambda r: r["row"])
    return ImportBatch.objects.create(
        campaign=campaign,
        proposer=proposer,
        created_by=actor,
        filename=(getattr(upload, "name", "") or "")[:255],
        rows=out,
    )


IMPORT_ALL, IMPORT_CLEAN, IMPORT_NONE = "all", "clean", "none"


def _import_rows(batch, actor, ctx):
    """Create the chosen drafts from the locked batch; their number is recorded with the state."""
    taken = set()
    for key, code, full_name, unit_name in Nomination.objects.filter(campaign=batch.campaign).values_list(
        "nominee_key", "award_type__code", "full_name", "unit_name"
    ):
        taken |= {(key, code), _loose_key(full_name, unit_name, code)}
    taken |= set(_taken_in_registry(batch.campaign.period_end.year))
    created = 0
    for row in batch.rows:
        if row["fields"] is None or row["duplicate"]:
            continue
        if ctx["choice"] == IMPORT_CLEAN and row["verdict"] == "blocked":
            continue
        nomination = _row_nomination(batch.campaign, batch.proposer, actor, row["fields"])
        nomination.fill_keys()
        code = nomination.award_type.code
        loose = _loose_key(nomination.full_name, nomination.unit_name, code)
        if (nomination.nominee_key, code) in taken or loose in taken:
            continue
        nomination.full_clean(exclude=["achievement"])
        nomination.save()
        taken |= {(nomination.nominee_key, code), loose}
        created += 1
    ctx["created"] = created


def _may_decide_batch(user, batch):
    return can_nominate(user, batch.campaign, batch.proposer)


# A nominee list read from Excel: pending (the preview) → imported (the chosen drafts created) or discarded.
IMPORT_FLOW = Workflow(
    model=ImportBatch,
    state_field="state",
    name="import batch",
    moves=[
        Move(
            "import",
            "Nhập các dòng đã chọn",
            (ImportBatch.PENDING,),
            ImportBatch.IMPORTED,
            _may_decide_batch,
            lock=True,
            refused="Danh sách này đã được xử lý.",
            prepare=(_import_rows,),
            updates=lambda batch, actor, ctx: {"imported": ctx["created"]},
        ),
        Move(
            "discard",
            "Không nhập",
            (ImportBatch.PENDING,),
            ImportBatch.DISCARDED,
            _may_decide_batch,
            lock=True,
            refused="Danh sách này đã được xử lý.",
        ),
    ],
)


def import_batch(batch, actor, choice):
    """Create the drafts the clerk chose: every readable row (`all`) or only those without blocking findings
    (`clean`); `none` discards. Duplicates are never created (in the file, already in the campaign in any
    status — re-importing an export adds nothing — or in force in the registry for the year, checked again now).
    Once decided a batch cannot be decided again."""
    if choice not in (IMPORT_ALL, IMPORT_CLEAN, IMPORT_NONE):
        raise ValidationError("Lựa chọn không hợp lệ.")
    if not _may_decide_batch(actor, batch):
        raise PermissionDenied
    if choice == IMPORT_NONE:
        IMPORT_FLOW.apply(batch, "discard", actor)
        return 0
    return IMPORT_FLOW.apply(batch, "import", actor, choice=choice).imported
