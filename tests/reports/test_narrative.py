"""Wording of the pre-filled narrative: no strings of zeros, the reviewing office named with its body."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import ProgressReport
from reports.narrative import default_sections
from reports.selectors import gather_review_data

pytestmark = pytest.mark.django_db


def text_of(data, key):
    return next(s["text"] for s in default_sections(data) if s["key"] == key)


def all_text(data):
    return "\n".join(s["text"] for s in default_sections(data))


def give_report(campaign, organization, status, kind="final"):
    report = ProgressReport.objects.update_or_create(
        campaign=campaign,
        organization=organization,
        kind=kind,
        defaults={
            "status": status,
            "first_submitted_at": timezone.make_aware(datetime.datetime(2024, 11, 20, 8))
            if status != "draft"
            else None,
        },
    )[0]
    ProgressReport.objects.filter(pk=report.pk).update(status=status)  # saves never write the state (test set-up)
    return report


@pytest.mark.parametrize("with_drafts", [False, True])
def test_no_report_handed_in_is_one_plain_sentence(review_campaign, unit, with_drafts):
    if with_drafts:
        give_report(review_campaign, unit, "draft")  # a draft is not a report handed in
    data = gather_review_data(review_campaign.pk, "final")
    text = text_of(data, "leadership")
    assert "Chưa có đơn vị nào gửi báo cáo tổng kết." in text
    assert "0/" not in text and "0 báo cáo" not in text and "từ 0" not in text


def test_only_the_states_that_occur_are_named(review_campaign, unit, other_unit):
    give_report(review_campaign, unit, "approved")
    give_report(review_campaign, other_unit, "draft")
    text = text_of(gather_review_data(review_campaign.pk, "final"), "leadership")
    assert "Có 1/2 đơn vị đã gửi báo cáo tổng kết, trong đó 1 báo cáo đã được duyệt; 1 đơn vị chưa gửi báo cáo." in text
    assert "0 báo cáo" not in text
    assert "chỉ tổng hợp từ 1 báo cáo đã được duyệt" in text


def test_reports_handed_in_but_none_approved_say_no_figures_yet(review_campaign, unit, other_unit):
    give_report(review_campaign, unit, "submitted")
    give_report(review_campaign, other_unit, "submitted")
    text = text_of(gather_review_data(review_campaign.pk, "final"), "leadership")
    assert "Có 2/2 đơn vị đã gửi báo cáo tổng kết, trong đó 2 báo cáo đang chờ duyệt." in text
    assert "từ 0" not in text and "Chưa có báo cáo nào được duyệt" in text


def test_the_reviewing_office_is_named_with_its_body(review_campaign, unit):
    give_report(review_campaign, unit, "submitted")
    text = all_text(gather_review_data(review_campaign.pk, "final"))
    assert "được Văn phòng Huyện ủy thẩm định" in text and "Văn phòng Huyện ủy tiếp tục thẩm định" in text
    assert "Văn phòng thẩm định" not in text and "Văn phòng tiếp tục" not in text


def test_the_demo_final_report_names_the_district_office(demo):
    text = all_text(gather_review_data(demo.pk, "final"))
    assert "được Văn phòng Huyện ủy thẩm định" in text and "Văn phòng thẩm định" not in text


def test_no_sub_plan_handed_in_is_one_plain_sentence(launched_campaign):
    text = text_of(gather_review_data(launched_campaign.pk, "final"), "leadership")
    assert "đến thời điểm tổng kết, chưa có đơn vị nào gửi kế hoạch." in text and "0/" not in text
    assessment = text_of(gather_review_data(launched_campaign.pk, "final"), "assessment")
    assert "chỉ tiêu đăng ký" not in assessment


def test_recipients_composed_here_are_capitalised_and_the_plans_are_copied_as_issued(db):
    from reports.selectors import default_recipients
    from tests.factories import CampaignFactory, OrganizationFactory

    province = OrganizationFactory(kind="party_committee", level="province", name="Tỉnh ủy Thử")
    district = OrganizationFactory(parent=province, kind="party_committee", level="district", name="Huyện ủy Thử")
    composed = default_recipients(CampaignFactory(issuer=district, recipients=["Các chi bộ trực thuộc,", "Lưu."]))
    assert composed == ["Thường trực Tỉnh ủy Thử (b/c),", "Ban Thi đua - Khen thưởng tỉnh (b/c),", "Lưu."]
    alone = OrganizationFactory(kind="party_committee", level="district", name="Huyện ủy Lẻ")
    assert default_recipients(CampaignFactory(issuer=alone))[0] == "Thường trực Tỉnh ủy (b/c),"
    copied = default_recipients(CampaignFactory(issuer=district, recipients=["Thường trực tỉnh ủy,", "Lưu."]))
    assert copied[0] == "Thường trực tỉnh ủy (b/c),"  # the plan's own wording, as issued


def test_a_content_area_without_approved_results_says_so_plainly(review_campaign):
    data = gather_review_data(review_campaign.pk, "final")
    text = next(s["text"] for s in default_sections(data) if s["key"].startswith("area-"))
    assert "Các đơn vị đăng ký 2 chỉ tiêu; chưa có kết quả trong các báo cáo đã được duyệt." in text
    assert "0 chỉ tiêu" not in text


def test_the_pdf_of_a_final_review_without_reports_has_no_strings_of_zeros(
    staff_user, review_campaign, django_capture_on_commit_callbacks
):
    from reports import services
    from tests.seed import squash

    from .pdfutil import body_text

    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    report.refresh_from_db()
    text = squash(body_text(report.pdf.read()))
    assert "Chưa có đơn vị nào gửi báo cáo tổng kết." in text
    assert "(Chưa có báo cáo tổng kết nào được duyệt)" in text and "Chỉ tính 0" not in text
    assert "từ 0 báo cáo" not in text and "0 báo cáo đã được duyệt" not in text
