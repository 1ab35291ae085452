"""Review figures from the units' progress reports: attainment, examples, proposed commendations."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import (
    CommendationProposal,
    ProgressNarrative,
    ProgressReport,
    ProgressResult,
    SubPlanTarget,
)
from reports.selectors import gather_review_data
from tests.seed import squash

from .pdfutil import body_text

pytestmark = pytest.mark.django_db


def report_of(campaign, organization, status, kind="final", examples=""):
    report, _ = ProgressReport.objects.update_or_create(
        campaign=campaign,
        organization=organization,
        kind=kind,
        defaults={
            "status": status,
            "notable_examples": examples,
            "first_submitted_at": timezone.make_aware(datetime.datetime(2024, 11, 20, 8))
            if status != "draft"
            else None,
        },
    )
    ProgressReport.objects.filter(pk=report.pk).update(status=status)  # saves never write the state (test set-up)
    return report


@pytest.fixture
def reported(review_campaign, unit, other_unit):
    """unit reports 120 of 100, 25 of 50 and 10 of 10; other_unit only drafted its report."""
    final = report_of(review_campaign, unit, "approved", examples="Bản Hụm xây 3 nhà văn hóa.")
    for target, achieved in zip(
        SubPlanTarget.objects.filter(item__subplan__organization=unit).order_by("item__content_area__order", "order"),
        [120, 25, 10],
        strict=True,
    ):
        ProgressResult.objects.create(report=final, target=target, achieved=Decimal(achieved))
    ProgressNarrative.objects.create(
        report=final,
        content_area=review_campaign.content_areas.order_by("order").first(),
        text="Đã quán triệt đến 100% đảng viên.",
    )
    CommendationProposal.objects.create(report=final, name="Chi bộ bản Hụm", is_collective=True, award="Giấy khen")
    CommendationProposal.objects.create(report=final, name="Lò Văn Ún", award="Giấy khen", achievement="Dẫn đầu")
    draft = report_of(review_campaign, other_unit, "draft")
    CommendationProposal.objects.create(report=draft, name="Không được tính")
    report_of(review_campaign, unit, "submitted", kind="interim")  # another kind: not in the final review
    return review_campaign


def test_attainment_examples_and_commendations_come_from_handed_in_reports(reported):
    data = gather_review_data(reported.pk, "final")
    first, second = data["content_areas"]
    assert (first["targets_total"], first["targets_reported"], first["targets_met"]) == (2, 2, 1)
    assert first["attainment_pct"] == 85.0  # (120% + 50%) / 2
    assert (second["targets_met"], second["attainment_pct"]) == (1, 100.0)
    assert (first["units_reporting"], second["units_reporting"]) == (1, 0)
    counts = data["counts"]
    assert (counts["progress_submitted"], counts["targets_met"], counts["targets_reported"]) == (1, 2, 3)
    assert [c["name"] for c in data["commendations"]] == ["Chi bộ bản Hụm", "Lò Văn Ún"]
    assert data["examples"] == [{"unit": "Đảng ủy xã Chiềng Mung", "text": "Bản Hụm xây 3 nhà văn hóa."}]
    assert [u["name"] for u in data["not_answered"]] == ["Đảng ủy xã Cò Nòi"]


def test_the_final_pdf_prints_those_figures(reported, staff_user, django_capture_on_commit_callbacks):
    from reports.services import request_review_report

    with django_capture_on_commit_callbacks(execute=True):
        report, _ = request_review_report(reported, "final", staff_user)
    report.refresh_from_db()
    text = squash(body_text(report.pdf.open("rb").read()))
    assert "tỷ lệ thực hiện bình quân 85% so với chỉ tiêu" in text
    assert "Các đơn vị đề nghị khen thưởng 2 trường hợp (1 tập thể, 1 cá nhân)" in text
    assert "Chi bộ bản Hụm (tập thể) Giấy khen" in text and "Không được tính" not in text
    assert "Có 1 đơn vị báo cáo kết quả thực hiện nội dung này." in text
    assert "Đảng ủy xã Chiềng Mung: Bản Hụm xây 3 nhà văn hóa." in text


@pytest.fixture
def mixed(reported, issuer):
    """Beside `reported`: one unit's final report awaits review, another's was returned; both claim 0 achieved."""
    from tests.factories import OrganizationFactory

    from .conftest import give_subplan

    area = reported.content_areas.order_by("order").first()
    for name, status in (("Đảng ủy xã Hát Lót", "submitted"), ("Đảng ủy xã Mường Bon", "returned")):
        org = OrganizationFactory(parent=issuer, name=name)
        give_subplan(reported, org, "approved", submitted=datetime.date(2024, 1, 20), targets=[(area, [100])])
        report = report_of(reported, org, status, examples=f"Điển hình chưa duyệt của {name}")
        ProgressResult.objects.create(
            report=report, target=SubPlanTarget.objects.get(item__subplan__organization=org), achieved=Decimal(0)
        )
        CommendationProposal.objects.create(report=report, name=f"Đề nghị chưa duyệt {name}", award="Bằng khen")
    return reported


def test_only_approved_reports_count_and_the_others_are_listed_by_state(mixed):
    data = gather_review_data(mixed.pk, "final")
    counts = data["counts"]
    assert (
        counts["units"],
        counts["progress_submitted"],
        counts["progress_approved"],
        counts["progress_awaiting"],
        counts["progress_returned"],
        counts["progress_not_answered"],
    ) == (4, 3, 1, 1, 1, 1)
    first = data["content_areas"][0]
    assert (first["targets_total"], first["targets_reported"], first["attainment_pct"]) == (4, 2, 85.0)
    assert [c["name"] for c in data["commendations"]] == ["Chi bộ bản Hụm", "Lò Văn Ún"]
    assert len(data["examples"]) == 1
    assert [(p["name"], p["status_label"]) for p in data["progress_pending"]] == [
        ("Đảng ủy xã Hát Lót", "Đã nộp, chờ duyệt"),
        ("Đảng ủy xã Mường Bon", "Bị trả lại"),
    ]


def test_the_pdf_labels_each_state_and_prefills_the_proposals(mixed, staff_user, django_capture_on_commit_callbacks):
    from reports.services import request_review_report

    with django_capture_on_commit_callbacks(execute=True):
        report, _ = request_review_report(mixed, "final", staff_user)
    report.refresh_from_db()
    text = squash(body_text(report.pdf.open("rb").read()))
    assert (
        "Có 3/4 đơn vị đã gửi báo cáo tổng kết, trong đó 1 báo cáo đã được duyệt, 1 báo cáo đang chờ duyệt, "
        "1 báo cáo bị trả lại để hoàn thiện; 1 đơn vị chưa gửi báo cáo."
    ) in text
    assert "chỉ tổng hợp từ 1 báo cáo đã được duyệt" in text
    assert (
        "Ưu điểm: 3/4 đơn vị đã xây dựng kế hoạch; 2/5 chỉ tiêu đăng ký đạt và vượt (theo các báo cáo đã được duyệt)"
        in text
    )
    assert "(1 tập thể, 1 cá nhân) trong các báo cáo đã được duyệt" in text
    assert (
        "Các báo cáo chưa được duyệt, chưa tính vào số liệu: Đảng ủy xã Hát Lót (đã nộp, chờ duyệt), "
        "Đảng ủy xã Mường Bon (bị trả lại)."
    ) in text
    assert "BÁO CÁO TỔNG KẾT ĐÃ GỬI NHƯNG CHƯA ĐƯỢC DUYỆT" in text  # the appendix table
    proposals = next(s for s in report.sections if s["key"] == "proposals")["text"]
    assert proposals != "…"
    assert "Đề nghị nhắc nhở 1 đơn vị chưa gửi báo cáo tổng kết: Đảng ủy xã Cò Nòi." in proposals
    assert "Đề nghị 1 đơn vị có báo cáo bị trả lại hoàn thiện, gửi lại báo cáo." in proposals
    assert "Đề nghị khen thưởng 2 trường hợp, gồm: Giấy khen: 2 (1 tập thể, 1 cá nhân)" in proposals
    assert "Đề nghị nhắc nhở 1 đơn vị chưa gửi kế hoạch thực hiện: Đảng ủy xã Cò Nòi." in proposals
    assert squash(proposals.split("\n")[0]) in text
