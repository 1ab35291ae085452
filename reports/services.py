"""Writes for review reports: request a build, print edited narrative again, and the build itself."""

import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.safestring import mark_safe

from campaigns.enums import CampaignStatus, ReviewKind
from campaigns.models import Campaign
from thidua import outbox
from thidua.documents import blocks, register
from thidua.documents.docx import render_docx
from thidua.documents.fonts import require_print_font
from thidua.documents.issued import document_for, store_rendered, verifying
from thidua.documents.pdf import DocumentMeta, count_pdf_pages, join_pdfs, render_pdf
from thidua.text import vn_date
from thidua.workflow import SYSTEM, Move, TransitionError, Workflow
from units.models import Organization

from . import charts
from .enums import ACTIVE_STATUSES, ReviewStatus
from .exports import build_xlsx
from .models import ReviewReport, review_file_name
from .narrative import default_sections, merge_edits
from .permissions import can_review
from .selectors import (
    default_data_as_of,
    default_header,
    gather_review_data,
    issued_version,
    next_report_number,
    number_taken,
    report_symbol,
)

logger = logging.getLogger(__name__)


# --- requests (web side) --------------------------------------------------------------------------------


def build_time_limit():
    """The build task's hard time limit (s): no build runs longer, the worker kills it at that point."""
    return getattr(settings, "REVIEW_REPORT_TIME_LIMIT", settings.CELERY_TASK_TIME_LIMIT)


# A running build not finished this long after the hard time limit has no worker any more.
STALE_GRACE = timedelta(seconds=15)
# Builds are retried after a lost worker; one that killed its worker this many times is given up.
MAX_BUILD_ATTEMPTS = 3

STALE_REASON = (
    "Tiến trình nền dừng giữa chừng (quá thời gian cho phép mà chưa xong). Nếu tiến trình nền được khởi động lại, "
    "báo cáo sẽ tự được dựng tiếp; bạn cũng có thể bấm «Tổng hợp» để tổng hợp lại ngay."
)
GIVEN_UP_REASON = (
    f"Đã thử dựng {MAX_BUILD_ATTEMPTS} lần nhưng tiến trình nền đều dừng giữa chừng (có thể do thiếu bộ nhớ); "
    "hãy báo quản trị viên."
)


# A build's life, moved by the system (web request and worker), never by a button: queued → running → done, or
# failed (an error, a time limit, a worker lost); a failed or lost build is taken up again by a redelivery.
# Issuing is not a state: the issued version is a new build marked is_final (issue_review_report).
UNFINISHED = (ReviewStatus.QUEUED, ReviewStatus.RUNNING, ReviewStatus.FAILED)


def _claimable(report, actor, ctx):
    if report.attempts >= MAX_BUILD_ATTEMPTS:
        raise TransitionError(GIVEN_UP_REASON)


BUILD_FLOW = Workflow(
    model=ReviewReport,
    name="review report build",
    moves=[
        Move(
            "start",
            "Bắt đầu tổng hợp",
            UNFINISHED,
            ReviewStatus.RUNNING,
            SYSTEM,
            lock=True,
            prepare=(_claimable,),
            updates=lambda report, actor, ctx: {
                "started_at": timezone.now(),
                "attempts": F("attempts") + 1,
                "progress": 5,
                "progress_note": "Đang tập hợp số liệu",
                "failure_reason": "",
                "finished_at": None,
            },
        ),
        Move("finish", "Tổng hợp xong", UNFINISHED, ReviewStatus.DONE, SYSTEM),
        Move("fail", "Lỗi", UNFINISHED, ReviewStatus.FAILED, SYSTEM),
    ],
)


def expire_stale_builds(queryset):
    """Show dead builds as failed: running longer than the task's hard time limit (the worker was killed: a live
    worker would have ended it by then), or queued far longer than that (no worker took it)."""
    now = timezone.now()
    limit = timedelta(seconds=build_time_limit())
    stale = queryset.filter(
        Q(status=ReviewStatus.RUNNING, started_at__lt=now - limit - STALE_GRACE)
        | Q(status=ReviewStatus.RUNNING, started_at__isnull=True, requested_at__lt=now - limit - STALE_GRACE)
        | Q(status=ReviewStatus.QUEUED, requested_at__lt=now - 2 * limit - STALE_GRACE)
    )
    return BUILD_FLOW.apply_many(
        stale, "fail", reason="expired", extra_updates={"failure_reason": STALE_REASON, "finished_at": now}
    )


def _refuse_if_issued(campaign, kind):
    issued = issued_version(campaign, kind)
    if issued is not None:
        raise ValidationError(
            f"Báo cáo {ReviewKind(kind).label.lower()} đã ban hành (số {issued.reference}, phiên bản {issued.version}): "
            "văn bản đã ban hành không tổng hợp lại, không sửa."
        )


def request_review_report(
    campaign, kind, actor, *, based_on=None, sections=None, header=None, is_final=False, data_as_of=None
):
    """Queue a build (after commit). Returns (report, created): an active build of the same kind is reused.

    header: the document fields (ReviewReport.HEADER_FIELDS); by default the last version's, else the campaign's.
    data_as_of: the data cut-off ("số liệu tính đến ngày") of a new snapshot; by default default_data_as_of().
    A build based on another reuses that one's snapshot and so its cut-off.
    """
    if not can_review(actor, campaign):
        raise PermissionDenied
    if kind not in ReviewKind.values:
        raise ValidationError("Loại báo cáo không hợp lệ.")
    if campaign.status == CampaignStatus.DRAFT:
        raise ValidationError("Kế hoạch chưa phát động: chưa thể sơ kết, tổng kết.")
    if based_on is not None:
        data_as_of = based_on.data_date
    elif data_as_of is None:
        data_as_of = default_data_as_of(campaign, kind)
    elif data_as_of > timezone.localdate():
        raise ValidationError(f"Ngày số liệu ({data_as_of:%d/%m/%Y}) không được sau hôm nay.")
    from .tasks import build_review_report_task

    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # one request at a time per campaign
        expire_stale_builds(ReviewReport.objects.filter(campaign=campaign, kind=kind))
        active = ReviewReport.objects.filter(campaign=campaign, kind=kind, status__in=ACTIVE_STATUSES).first()
        if active:
            return active, False
        _refuse_if_issued(campaign, kind)
        last = ReviewReport.objects.filter(campaign=campaign, kind=kind).aggregate(v=Max("version"))["v"] or 0
        fields = {**default_header(campaign, kind), **(header or {})}
        try:
            with transaction.atomic():
                report = ReviewReport.objects.create(
                    campaign=campaign,
                    issuer_id=campaign.issuer_id,
                    kind=kind,
                    version=last + 1,
                    requested_by=actor,
                    based_on=based_on,
                    sections=sections or [],
                    symbol=report_symbol(campaign),
                    term=campaign.term,
                    is_final=is_final,
                    data_as_of=data_as_of,
                    **{name: fields[name] for name in ReviewReport.HEADER_FIELDS},
                )
        except IntegrityError:  # the number was issued by someone else a moment ago (unique per issuer and term)
            raise ValidationError(
                f"Số {fields['number']}-{report_symbol(campaign)} trong nhiệm kỳ {campaign.term} vừa được dùng cho "
                f"báo cáo khác; số gợi ý: {next_report_number(campaign)}."
            ) from None
        outbox.send_on_commit(build_review_report_task, report.pk, label="việc tổng hợp báo cáo")
    return report, True


def _check_number(report, number):
    if number:
        taken = number_taken(report.campaign, number, exclude_pk=report.pk)
        if taken is not None:
            raise ValidationError(
                f"Số {taken.reference} đã dùng cho báo cáo {taken.get_kind_display().lower()} của kế hoạch "
                f"{taken.campaign.reference} trong nhiệm kỳ {taken.term}; số gợi ý: {next_report_number(report.campaign)}."
            )
        held = register.holder(
            report.issuer_id or report.campaign.issuer_id,
            register.document_type_of(report.symbol or "BC"),
            _report_period(report),
            number,
        )
        siblings = ReviewReport.objects.filter(campaign=report.campaign, kind=report.kind).values_list("pk", flat=True)
        mine = held is not None and held.content_type_id and held.content_type.model == "reviewreport"
        if held is not None and not (mine and held.object_id in set(siblings)):
            raise ValidationError(
                f"Số {held.reference} đã dùng cho văn bản khác trong sổ văn bản đi ({held.subject[:120]}); "
                f"số gợi ý: {next_report_number(report.campaign)}."
            )


def _check_dates(issued_on, data_date):
    """A report cannot be issued before the day its figures are as of (the printed dates must agree)."""
    if issued_on and data_date and issued_on < data_date:
        raise ValidationError(
            f"Ngày ban hành ({issued_on:%d/%m/%Y}) không được trước ngày số liệu ({data_date:%d/%m/%Y}) "
            "của bản tổng hợp. Sửa ngày ban hành, hoặc tổng hợp lại với “Số liệu tính đến ngày” phù hợp."
        )


def reprint_with_edits(report, edited_texts, actor, header=None):
    """Staff edited the narrative (and the header) of a finished build: print it again as a new version on the same
    snapshot. A draft version stays marked DỰ THẢO; see issue_review_report."""
    if report.status != ReviewStatus.DONE:
        raise ValidationError("Chỉ sửa được báo cáo đã tổng hợp xong.")
    if report.is_final:
        raise ValidationError("Bản đã ban hành không sửa được.")
    header = {**report.header(), **(header or {})}
    _check_number(report, header["number"])
    _check_dates(header["issued_on"], report.data_date)
    sections = merge_edits(report.sections, edited_texts)
    return request_review_report(report.campaign, report.kind, actor, based_on=report, sections=sections, header=header)


def issue_review_report(report, actor):
    """Staff mark the current version final: it is printed once more without DỰ THẢO as the issued version.

    Needs a number, an issue date and a signer; the number must be free in the term. Once that build is done,
    nothing of this kind is built or edited again (the issued version is immutable).
    """
    campaign = report.campaign
    if not can_review(actor, campaign):
        raise PermissionDenied
    require_print_font()  # never issued without the font its print needs (nothing stored then)
    if report.status != ReviewStatus.DONE or not report.is_current:
        raise ValidationError("Chỉ ban hành được phiên bản hiện hành đã tổng hợp xong.")
    if report.is_final:
        raise ValidationError("Phiên bản này đã là bản ban hành.")
    missing = [
        label
        for name, label in (("number", "số"), ("issued_on", "ngày ban hành"), ("signer_name", "họ tên người ký"))
        if not getattr(report, name)
    ]
    if missing:
        raise ValidationError(f"Cần ghi {', '.join(missing)} (rồi “Lưu và in lại”) trước khi ban hành.")
    _check_dates(report.issued_on, report.data_date)
    with transaction.atomic():
        # One issuer at a time: two reports cannot take the same number.
        Organization.objects.select_for_update().filter(pk=campaign.issuer_id).first()
        _check_number(report, report.number)
        issued, created = request_review_report(
            campaign,
            report.kind,
            actor,
            based_on=report,
            sections=report.sections,
            header=report.header(),
            is_final=True,
        )
        if issued.is_final:
            take_report_number(issued, actor)
        return issued, created


def _report_period(report):
    campaign = report.campaign
    return register.period_for(campaign.document_format, report.issued_on, report.term or campaign.term)


def take_report_number(report, actor=None):
    """Record the issued report's number in the issuer's register of outgoing documents; an earlier build of the
    same report (a failed one) gives its entry up."""
    campaign = report.campaign
    register.release_all(ReviewReport.objects.filter(campaign=campaign, kind=report.kind).exclude(pk=report.pk))
    try:
        return register.take_number(
            report.issuer_id or campaign.issuer_id,
            register.document_type_of(report.symbol or "BC"),
            report.issued_on,
            kind=campaign.document_format,
            period=_report_period(report),
            symbol=report.symbol,
            subject=f"{ReviewKind(report.kind).label} thực hiện Kế hoạch số {campaign.reference}",
            document=report,
            created_by=actor,
            number=report.number,
        )
    except register.NumberTaken as exc:
        raise ValidationError(exc.messages) from None


# --- the build (worker side) ----------------------------------------------------------------------------


def _progress(report_id, percent, note):
    ReviewReport.objects.filter(pk=report_id, status=ReviewStatus.RUNNING).update(progress=percent, progress_note=note)


def fail_build(report_id, reason):
    """The build failed (unless it is done): the reason is shown on the page."""
    BUILD_FLOW.apply_many(
        ReviewReport.objects.filter(pk=report_id),
        "fail",
        reason=reason[:2000],
        extra_updates={"failure_reason": reason[:2000], "finished_at": timezone.now(), "is_current": False},
    )


# Room to write by hand on a draft: non-breaking spaces (HTML would collapse ordinary ones into one).
NUMBER_BLANK = "\u00a0" * 14
DAY_BLANK = "\u00a0" * 7


def document_meta(report):
    """Header and closing of a review report from the version's own fields (edited by staff)."""
    campaign = report.campaign
    symbol = report.symbol or "BC/HU"
    if report.issued_on:
        date_text = vn_date(report.issued_on)
    else:
        # The blank is filled by hand on issue, on or after the data date: its year, not the day of the build's.
        year = (report.data_date or timezone.localdate()).year
        date_text = f"ngày{DAY_BLANK}tháng{DAY_BLANK}năm {year}"
    return DocumentMeta(
        superior_body=campaign.superior_body,
        issuing_body=campaign.issuing_body,
        printed_reference=blocks.printed_reference(
            campaign.document_format, report.number, symbol, report.issued_on, blank=NUMBER_BLANK
        ),
        place_and_date=f"{report.place or campaign.place}, {date_text}",
        document_format=campaign.document_format,
        document_type="BÁO CÁO",
        title=f"{ReviewKind(report.kind).label} thực hiện Kế hoạch số {campaign.reference}\n{campaign.title}",
        sign_on_behalf=report.sign_on_behalf,
        signer_title=report.signer_title,
        signer_name=report.signer_name,
        recipients=list(report.recipients) or ["Lưu."],
        issued_on=report.issued_on,
    )


def _layout_progress(report_id, expected_pages):
    """Progress from 30 to 75 % while WeasyPrint lays out the pages (at most one update a second)."""
    last = [0.0]

    def on_page(page):
        now = time.monotonic()
        if now - last[0] >= 1:
            last[0] = now
            _progress(report_id, 30 + min(45, page * 45 // max(expected_pages, 1)), f"Đang dàn trang: trang {page}")

    return on_page


# Long appendices print in parts of at most this many table rows, each part its own WeasyPrint document (joined with
# pypdf, page numbers continued): WeasyPrint's memory grows with the document, not with the part.
REVIEW_PART_ROWS = 600


def review_pieces(snapshot, units):
    """The appendix tables in print order as (name, rows); units, not answered, pending and commendations are long."""
    pieces = [("units", units), ("areas", None), ("not_answered", snapshot["not_answered"])]
    if snapshot["progress_pending"]:
        pieces.append(("progress_pending", snapshot["progress_pending"]))
    pieces.append(("commendations", snapshot["commendations"]))
    return pieces


def review_parts(snapshot, units, rows_per_part=None):
    """The report's documents: [{"main": bool, "pieces": [{name, rows, start, first, last}]}]. The first holds the
    text and as many appendix rows as fit in `rows_per_part`; a table longer than that goes on in the next parts.
    rows_per_part=None: one document."""
    parts = [{"main": True, "pieces": []}]
    room = rows_per_part
    for name, rows in review_pieces(snapshot, units):
        if rows is None:  # a short table of fixed size (content areas)
            parts[-1]["pieces"].append({"name": name, "rows": [], "start": 0, "first": True, "last": True})
            continue
        start = 0
        while True:
            if room is not None and room <= 0:
                parts.append({"main": False, "pieces": []})
                room = rows_per_part
            end = len(rows) if room is None else min(len(rows), start + room)
            parts[-1]["pieces"].append(
                {"name": name, "rows": rows[start:end], "start": start, "first": start == 0, "last": end == len(rows)}
            )
            if room is not None:
                room -= end - start
            start = end
            if start >= len(rows):
                break
    return parts


def _review_context(report, snapshot, sections):
    units = [u for u in snapshot["units"] if u["required"]]
    return units, {
        "doc": document_meta(report),
        "report": report,
        "data": snapshot,
        "sections": sections,
        "units": units,
        "states_chart": mark_safe(charts.states_chart(snapshot)),
        "attainment_chart": mark_safe(charts.attainment_chart(snapshot)),
    }


def render_review_docx(report, snapshot, sections):
    """The Word copy from the same snapshot, narrative and header as the PDF: one document with every appendix
    row (Word has no memory limit to work around), the charts' figures in the appendix tables."""
    units, context = _review_context(report, snapshot, sections)
    (part,) = review_parts(snapshot, units, None)
    part["first_page"] = 1
    return render_docx(
        "reports/print/review_report.html",
        {**context, "part": part, "draft": not report.is_final, "no_header": False},
    )


def render_review_pdf(report, snapshot, sections, rows_per_part=REVIEW_PART_ROWS):
    units, context = _review_context(report, snapshot, sections)
    expected_pages = 6 + len(units) // 35 + len(snapshot["not_answered"]) // 45
    progress = _layout_progress(report.pk, expected_pages)
    parts = review_parts(snapshot, units, rows_per_part)
    pdfs, pages = [], 0
    for part in parts:
        part["first_page"] = pages + 1
        pdf = render_pdf(
            "reports/print/review_report.html",
            {**context, "part": part, "draft": part["main"] and not report.is_final, "no_header": not part["main"]},
            on_page=lambda page, offset=pages: progress(offset + page),
        )
        pdfs.append(pdf)
        pages += count_pdf_pages(pdf)
    return join_pdfs(pdfs)


def _write_atomically(name, content):
    """Store a generated file under exactly `name` through the storage API (local folder or S3-compatible bucket).

    Readers never see half a file: the row points at the name only from the transaction that marks the build done;
    a file left under the name by an attempt that died before cleaning up is replaced.
    """
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(content))
    if stored != name:  # pragma: no cover - another writer took the name between exists() and save()
        default_storage.delete(stored)
        raise OSError(f"could not store {name}")


def _remove_quietly(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - best effort clean-up
            logger.warning("could not remove %s", name)


def build_review_report(report_id):
    """Gather, write, render and store one build. Idempotent: a done build is left as it is."""
    report = ReviewReport.objects.select_related("campaign", "based_on").filter(pk=report_id).first()
    if report is None or report.status == ReviewStatus.DONE:
        return report
    # A build redelivered after its worker was lost resumes here (also after the page showed it failed as stale);
    # one that has already taken its worker down MAX_BUILD_ATTEMPTS times is given up instead of looping.
    if report.attempts >= MAX_BUILD_ATTEMPTS:
        fail_build(report_id, GIVEN_UP_REASON)
        return ReviewReport.objects.get(pk=report_id)
    try:
        BUILD_FLOW.apply(report, "start", None)
    except TransitionError:  # finished meanwhile by another run, or given up
        return report
    try:
        if report.based_on_id and report.based_on and report.based_on.snapshot:
            snapshot = report.based_on.snapshot
            sections = report.sections or report.based_on.sections
        else:
            snapshot = gather_review_data(report.campaign_id, report.kind, as_of=report.data_as_of)
            sections = default_sections(snapshot)
        _progress(report_id, 30, "Đang dựng bản in PDF")
        issued = document_for(report, "review") if report.is_final else None
        if issued is not None:  # the issued version carries its verification code and QR code on page 1
            with verifying(issued):
                pdf = render_review_pdf(report, snapshot, sections)
        else:
            pdf = render_review_pdf(report, snapshot, sections)
        _progress(report_id, 80, "Đang lập phụ lục Excel")
        xlsx = build_xlsx(snapshot)
        _progress(report_id, 85, "Đang lập bản Word")
        docx = render_review_docx(report, snapshot, sections)
        _progress(report_id, 90, "Đang lưu")
        _store(report_id, snapshot, sections, pdf, xlsx, docx)
    except SoftTimeLimitExceeded:
        fail_build(report_id, "Quá thời gian cho phép khi dựng báo cáo; hãy thử lại hoặc báo quản trị viên.")
        logger.warning("review report %s: soft time limit", report_id)
    except Exception as exc:
        fail_build(report_id, f"Không dựng được báo cáo: {type(exc).__name__}: {exc}")
        logger.exception("review report %s failed", report_id)
    return ReviewReport.objects.get(pk=report_id)


def _store(report_id, snapshot, sections, pdf, xlsx, docx):
    """Files and row together: the build is done and current with both files, or nothing changes."""
    written = []
    try:
        with transaction.atomic():
            report = ReviewReport.objects.select_for_update().get(pk=report_id)
            if report.status == ReviewStatus.DONE:  # another run of the same task finished first
                return
            Campaign.objects.select_for_update().filter(pk=report.campaign_id).first()
            names = {ext: review_file_name(report, ext) for ext in ("pdf", "xlsx", "docx")}
            for field, content in (("pdf", pdf), ("xlsx", xlsx), ("docx", docx)):
                _write_atomically(names[field], content)
                written.append(names[field])
            # Requests are numbered in order (version, under the campaign's lock): an older build finishing late
            # (redelivered after a lost worker) is kept as a version but never replaces a newer current one.
            same_kind = ReviewReport.objects.filter(campaign_id=report.campaign_id, kind=report.kind)
            newer_is_current = same_kind.filter(is_current=True, version__gt=report.version).exists()
            if not newer_is_current:
                same_kind.filter(is_current=True).exclude(pk=report.pk).update(is_current=False)
            BUILD_FLOW.apply(
                report,
                "finish",
                None,
                extra_updates={
                    "pdf": names["pdf"],
                    "xlsx": names["xlsx"],
                    "docx": names["docx"],
                    "snapshot": snapshot,
                    "sections": sections,
                    "progress": 100,
                    "progress_note": "",
                    "is_current": not newer_is_current,
                    "finished_at": timezone.now(),
                },
            )
            if report.is_final:
                store_rendered(document_for(report, "review"), pdf, stored_name=names["pdf"], actor=report.requested_by)
    except BaseException:
        _remove_quietly(written)
        raise
