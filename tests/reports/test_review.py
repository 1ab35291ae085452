import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services
from reports.enums import ReviewStatus
from reports.models import ReviewReport
from reports.selectors import gather_review_data
from reports.tasks import build_review_report_task
from tests.factories import OrganizationFactory
from tests.seed import squash

from .conftest import give_subplan
from .pdfutil import body_text

pytestmark = pytest.mark.django_db


def files_of(campaign):
    folder = Path(settings.MEDIA_ROOT) / "reviews" / str(campaign.pk)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def start(client, campaign, kind="final"):
    return client.post(f"/bao-cao/phong-trao/{campaign.pk}/tong-hop/", {"kind": kind})


def test_figures_come_from_the_units_answers(review_campaign):
    data = gather_review_data(review_campaign.pk, "final")
    counts = data["counts"]
    assert (counts["units"], counts["subplans_built"], counts["subplans_on_time"], counts["subplans_approved"]) == (
        2,
        1,
        1,
        1,
    )
    assert counts["targets_total"] == 3
    assert [a["targets_total"] for a in data["content_areas"]] == [2, 1]
    assert {s["key"]: s["count"] for s in data["states"]} == {
        "approved": 1,
        "submitted": 0,
        "returned": 0,
        "draft": 1,
        "missing": 0,
    }
    # Cò Nòi has no sub-plan handed in; Chiềng Mung has one but no final progress report yet.
    assert counts["progress_exists"] and counts["progress_submitted"] == 0
    assert [u["name"] for u in data["not_answered"]] == ["Đảng ủy xã Chiềng Mung", "Đảng ủy xã Cò Nòi"]


def test_late_submission_is_not_on_time(review_campaign, other_unit):
    import datetime

    give_subplan(review_campaign, other_unit, "submitted", submitted=datetime.date(2024, 2, 5))
    counts = gather_review_data(review_campaign.pk, "interim")["counts"]
    assert (counts["subplans_built"], counts["subplans_on_time"]) == (2, 1)


def test_gathering_takes_the_same_queries_for_many_units(review_campaign, issuer):
    with CaptureQueriesContext(connection) as few:
        gather_review_data(review_campaign.pk, "final")
    area = review_campaign.content_areas.first()
    for _ in range(15):
        give_subplan(
            review_campaign,
            OrganizationFactory(parent=issuer),
            "submitted",
            submitted=__import__("datetime").date(2024, 1, 30),
            targets=[(area, [5, 6])],
        )
    with CaptureQueriesContext(connection) as many:
        data = gather_review_data(review_campaign.pk, "final")
    assert data["counts"]["units"] == 17
    assert len(many.captured_queries) == len(few.captured_queries)


def test_staff_start_the_final_review_and_download_it(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    campaign_page = client.get(f"/phong-trao/{review_campaign.pk}/").content.decode()
    assert f'action="/bao-cao/phong-trao/{review_campaign.pk}/tong-hop/"' in campaign_page
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = start(client, review_campaign)
    assert len(callbacks) == 1
    report = ReviewReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bao-cao/{report.pk}/"
    assert (report.status, report.version, report.is_current, report.progress) == (ReviewStatus.DONE, 1, True, 100)
    assert report.requested_by == staff_user and report.finished_at and report.snapshot["counts"]["units"] == 2
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Hoàn thành" in page and 'id="download-pdf"' in page and "<svg" in page
    pdf = client.get(f"/bao-cao/{report.pk}/bao-cao.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = squash(body_text(b"".join(pdf.streaming_content)))
    assert "BÁO CÁO" in text and "Tổng kết thực hiện Kế hoạch số" in text
    assert "1/2 đơn vị đã xây dựng và gửi kế hoạch (50,0%), trong đó 1 đơn vị gửi đúng hạn" in text
    assert "Phụ lục 1" in text and "Đảng ủy xã Cò Nòi" in text and "Tổng cộng 1/2 đã gửi" in text
    xlsx = client.get(f"/bao-cao/{report.pk}/phu-luc.xlsx")
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content).startswith(b"PK")


def test_the_status_block_polls_while_running_and_reloads_when_done(client, staff_user, review_campaign):
    client.force_login(staff_user)
    report = ReviewReport.objects.create(
        campaign=review_campaign,
        kind="final",
        version=1,
        requested_by=staff_user,
        status=ReviewStatus.RUNNING,
        progress=40,
        progress_note="Đang dựng bản in PDF",
    )
    body = client.get(f"/bao-cao/{report.pk}/trang-thai/", HTTP_HX_REQUEST="true")
    html = body.content.decode()
    assert 'hx-trigger="every 1s"' in html and "40%" in html and "Đang dựng bản in PDF" in html
    assert "HX-Refresh" not in body
    ReviewReport.objects.filter(pk=report.pk).update(status=ReviewStatus.FAILED, failure_reason="Lý do <b>thử</b>")
    body = client.get(f"/bao-cao/{report.pk}/trang-thai/", HTTP_HX_REQUEST="true")
    assert body["HX-Refresh"] == "true" and "Lý do &lt;b&gt;thử&lt;/b&gt;" in body.content.decode()


def test_an_active_build_is_reused_not_doubled(staff_user, review_campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first, created = services.request_review_report(review_campaign, "final", staff_user)
        again, created_again = services.request_review_report(review_campaign, "final", staff_user)
    assert created and not created_again and first == again
    assert ReviewReport.objects.count() == 1


def test_running_the_same_task_twice_leaves_one_current_version(
    staff_user, review_campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    report.refresh_from_db()
    finished = report.finished_at
    build_review_report_task.apply(args=[report.pk])  # a redelivery after the first run finished
    report.refresh_from_db()
    assert report.finished_at == finished and report.attempts == 1
    # A second build of the same kind becomes the current one; the first stays as a version.
    with django_capture_on_commit_callbacks(execute=True):
        second, _ = services.request_review_report(review_campaign, "final", staff_user)
    assert list(ReviewReport.objects.filter(is_current=True).values_list("version", flat=True)) == [2]
    assert files_of(review_campaign) == sorted(
        [
            f"tong-ket-v1-{report.pk}.docx",
            f"tong-ket-v1-{report.pk}.pdf",
            f"tong-ket-v1-{report.pk}.xlsx",
            f"tong-ket-v2-{second.pk}.docx",
            f"tong-ket-v2-{second.pk}.pdf",
            f"tong-ket-v2-{second.pk}.xlsx",
        ]
    )


def test_a_retry_after_a_crash_finishes_the_same_version(staff_user, review_campaign):
    report = ReviewReport.objects.create(
        campaign=review_campaign,
        kind="interim",
        version=1,
        requested_by=staff_user,
        status=ReviewStatus.RUNNING,
        attempts=1,
        progress=30,
    )
    build_review_report_task.apply(args=[report.pk])
    report.refresh_from_db()
    assert (report.status, report.attempts, report.is_current) == (ReviewStatus.DONE, 2, True)
    assert ReviewReport.objects.count() == 1


@pytest.mark.parametrize("breaks", ["xlsx", "second_file"])
def test_a_build_failing_halfway_leaves_no_file(
    staff_user, review_campaign, monkeypatch, breaks, django_capture_on_commit_callbacks
):
    if breaks == "xlsx":

        def boom(data):
            raise RuntimeError("hỏng bảng tính")

        monkeypatch.setattr(services, "build_xlsx", boom)
    else:
        real_write = services._write_atomically
        calls = []

        def write_then_break(name, content):
            calls.append(name)
            if len(calls) == 2:
                raise OSError("đĩa đầy")
            real_write(name, content)

        monkeypatch.setattr(services, "_write_atomically", write_then_break)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    report.refresh_from_db()
    assert report.status == ReviewStatus.FAILED and not report.is_current
    assert ("hỏng bảng tính" if breaks == "xlsx" else "đĩa đầy") in report.failure_reason
    assert not report.pdf and not report.xlsx
    assert files_of(review_campaign) == []


def test_failure_reason_is_shown(client, staff_user, review_campaign):
    report = ReviewReport.objects.create(
        campaign=review_campaign,
        kind="final",
        version=1,
        requested_by=staff_user,
        status=ReviewStatus.FAILED,
        failure_reason="Không dựng được báo cáo: OSError",
    )
    client.force_login(staff_user)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Không dựng được báo cáo: OSError" in page
    assert client.get(f"/bao-cao/{report.pk}/bao-cao.pdf").status_code == 404


def test_edited_narrative_prints_as_a_new_version_on_the_same_snapshot(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, review_campaign)
    first = ReviewReport.objects.get()
    edited = 'Ban Thường vụ đã chỉ đạo sát sao. <img src="file:///etc/passwd"> <script>alert(1)</script>'
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bao-cao/{first.pk}/noi-dung/", {"text-leadership": edited})
    second = ReviewReport.objects.exclude(pk=first.pk).get()
    assert response["Location"] == f"/bao-cao/{second.pk}/"
    assert (second.version, second.based_on, second.status, second.is_current) == (2, first, ReviewStatus.DONE, True)
    assert second.snapshot == first.snapshot
    assert next(s for s in second.sections if s["key"] == "leadership")["text"] == edited
    text = squash(body_text(second.pdf.open("rb").read()))
    assert squash(edited) in text
    first.refresh_from_db()
    assert not first.is_current and "Ban Thường vụ đã chỉ đạo" not in str(first.sections)


def test_a_draft_campaign_cannot_be_reviewed(client, staff_user, draft_campaign):
    client.force_login(staff_user)
    response = start(client, draft_campaign)
    assert response.status_code == 302 and not ReviewReport.objects.exists()


@pytest.mark.parametrize("who, status", [("unit_head", 403), ("other_head", 403), ("council_member", 404), (None, 302)])
def test_only_committee_staff_start_review_reports(client, request, review_campaign, who, status):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert start(client, review_campaign).status_code == status
    assert client.get(f"/bao-cao/phong-trao/{review_campaign.pk}/").status_code == status
    assert not ReviewReport.objects.exists()


@pytest.mark.parametrize("who", ["unit_head", "other_head", "council_member", None])
@pytest.mark.parametrize("suffix", ["", "trang-thai/", "bao-cao.pdf", "phu-luc.xlsx"])
def test_only_committee_staff_see_review_reports(
    client, request, staff_user, review_campaign, who, suffix, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(f"/bao-cao/{report.pk}/{suffix}")
    assert response.status_code == (404 if who else 302)
    if who:
        assert client.post(f"/bao-cao/{report.pk}/noi-dung/", {"text-leadership": "x"}).status_code == 404
        assert "review-card" not in client.get(f"/phong-trao/{review_campaign.pk}/").content.decode()


def test_files_are_not_left_as_temporaries(staff_user, review_campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_review_report(review_campaign, "interim", staff_user)
    assert all(".tmp-" not in name for name in files_of(review_campaign))
    assert len(files_of(review_campaign)) == 3  # pdf, xlsx, docx
    assert os.path.getsize(ReviewReport.objects.get().pdf.path) > 1000


def test_soft_time_limit_fails_the_build_with_a_reason(
    staff_user, review_campaign, monkeypatch, django_capture_on_commit_callbacks
):
    from celery.exceptions import SoftTimeLimitExceeded

    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "render_review_pdf", too_slow)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    report.refresh_from_db()
    assert report.status == ReviewStatus.FAILED and "Quá thời gian" in report.failure_reason
    assert files_of(review_campaign) == []


HOSTILE = '<img src="file:///etc/passwd"> <script>alert(1)</script> <a href="http://127.0.0.1:1/">x</a>'


def test_hostile_names_are_text_in_page_chart_and_pdf(
    client, staff_user, review_campaign, unit, monkeypatch, django_capture_on_commit_callbacks
):
    import thidua.documents.pdf

    fetchers = []

    class RecordingFetcher(thidua.documents.pdf.StaticOnlyFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(thidua.documents.pdf, "StaticOnlyFetcher", RecordingFetcher)
    unit.name = f"Đảng ủy {HOSTILE}"
    unit.save()
    area = review_campaign.content_areas.order_by("order").first()
    type(area).objects.filter(pk=area.pk).update(heading=f"Nội dung {HOSTILE}")  # the plan is frozen: test data
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, review_campaign)
    report = ReviewReport.objects.get()
    assert report.status == ReviewStatus.DONE
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and 'src="file:///etc/passwd"' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the chart labels and the narrative
    # Narrow table cells break long "words" anywhere: compare without white space.
    text = "".join(body_text(report.pdf.open("rb").read()).split())
    assert "".join(f"Đảng ủy {HOSTILE}".split()) in text  # the per-unit appendix
    assert "Nộidung<imgsrc=" in text
    assert len(fetchers) == 1
    assert fetchers[0].requested == [f"{thidua.documents.pdf.PRINT_BASE_URL}static/print/document.css"]


def test_version_list_queries_do_not_grow(client, staff_user, review_campaign):
    from tests.utils import queries_for

    client.force_login(staff_user)
    ReviewReport.objects.create(campaign=review_campaign, kind="final", version=1, requested_by=staff_user)
    one = queries_for(client, f"/bao-cao/phong-trao/{review_campaign.pk}/")
    detail_one = queries_for(client, f"/bao-cao/{ReviewReport.objects.get().pk}/")
    for version in range(2, 12):
        ReviewReport.objects.create(
            campaign=review_campaign, kind="final", version=version, requested_by=staff_user, status=ReviewStatus.FAILED
        )
    assert queries_for(client, f"/bao-cao/phong-trao/{review_campaign.pk}/") == one
    assert queries_for(client, f"/bao-cao/{ReviewReport.objects.get(version=1).pk}/") == detail_one


def test_xlsx_holds_the_appendices_and_keeps_user_text_as_text(
    staff_user, review_campaign, unit, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    unit.name = '=HYPERLINK("http://127.0.0.1:1/","x")'
    unit.save()
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    report.refresh_from_db()
    book = load_workbook(report.xlsx.path)
    assert book.sheetnames == ["Theo đơn vị", "Theo nội dung thi đua", "Chưa báo cáo", "Đề nghị khen thưởng"]
    rows = list(book["Theo đơn vị"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Đơn vị", "Kế hoạch: trạng thái")
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Đảng ủy xã Cò Nòi"][2] == "Đang soạn"
    (cell,) = [c for (c,) in book["Theo đơn vị"].iter_rows(min_col=2, max_col=2) if str(c.value).startswith("=")]
    assert cell.data_type == "s" and cell.value == unit.name  # the "=…" name is text, not a formula
    assert [r[3] for r in book["Theo nội dung thi đua"].iter_rows(min_row=2, values_only=True)] == [2, 1]


def test_progress_is_reported_while_pages_are_laid_out(
    staff_user, review_campaign, monkeypatch, django_capture_on_commit_callbacks
):
    notes = []
    real = services._progress

    def record(report_id, percent, note):
        notes.append((percent, note))
        real(report_id, percent, note)

    monkeypatch.setattr(services, "_progress", record)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_review_report(review_campaign, "final", staff_user)
    assert any(note == "Đang dàn trang: trang 1" for _, note in notes)
    percents = [p for p, _ in notes]
    assert percents == sorted(percents) and percents[-1] == 90


def test_version_list_paginates(client, staff_user, review_campaign):
    client.force_login(staff_user)
    for version in range(1, 26):
        ReviewReport.objects.create(
            campaign=review_campaign, kind="final", version=version, requested_by=staff_user, status=ReviewStatus.FAILED
        )
    first = client.get(f"/bao-cao/phong-trao/{review_campaign.pk}/").content.decode()
    second = client.get(f"/bao-cao/phong-trao/{review_campaign.pk}/?page=2").content.decode()
    assert "Trang 1/2" in first and first.count("Xem</a>") == 20 and second.count("Xem</a>") == 5


def test_a_build_whose_worker_died_is_shown_failed_and_no_longer_blocks(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    stuck = ReviewReport.objects.create(
        campaign=review_campaign,
        kind="final",
        version=1,
        requested_by=staff_user,
        status=ReviewStatus.RUNNING,
        progress=40,
    )
    ReviewReport.objects.filter(pk=stuck.pk).update(requested_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(staff_user)
    body = client.get(f"/bao-cao/{stuck.pk}/trang-thai/", HTTP_HX_REQUEST="true")
    assert body["HX-Refresh"] == "true" and services.STALE_REASON in body.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        report, created = services.request_review_report(review_campaign, "final", staff_user)
    assert created and report.version == 2


def test_a_recent_running_build_is_not_expired(staff_user, review_campaign):
    ReviewReport.objects.create(
        campaign=review_campaign, kind="final", version=1, requested_by=staff_user, status=ReviewStatus.RUNNING
    )
    assert services.expire_stale_builds(ReviewReport.objects.all()) == 0
