"""The review report's own document fields: number, date, place, signer, Nơi nhận; draft until issued."""

import datetime
import io
import subprocess

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reports import services
from reports.enums import ReviewStatus
from reports.models import ReviewReport
from reports.selectors import default_recipients, next_report_number
from tests.factories import CampaignFactory, OrganizationFactory
from tests.seed import squash
from thidua.text import vn_date

from .pdfutil import body_text, pdf_text

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


def build(campaign, user, captured, kind="final"):
    with captured(execute=True):
        report, _ = services.request_review_report(campaign, kind, user)
    report.refresh_from_db()
    return report


def pdf_of(report):
    return report.pdf.open("rb").read()


def header_post(**overrides):
    data = {
        "number": "",
        "issued_on": "",
        "place": "Thử",
        "sign_on_behalf": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ",
        "signer_name": "Lò Văn Ký",
        "recipients": "Thường trực Tỉnh ủy (b/c),\nLưu.",
    }
    return {**data, **overrides}


def test_a_new_build_is_a_draft_with_room_to_write_the_number_and_the_date(
    staff_user, review_campaign, django_capture_on_commit_callbacks, artifacts_dir
):
    report = build(review_campaign, staff_user, django_capture_on_commit_callbacks)
    assert (report.number, report.issued_on, report.symbol, report.term, report.is_final) == (
        None,
        None,
        "BC/HU",
        "2020-2025",
        False,
    )
    assert (report.place, report.sign_on_behalf, report.signer_title, report.signer_name) == (
        "Thử",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Nguyễn Văn Ký",
    )
    assert report.recipients == ["Thường trực Tỉnh ủy (b/c),", "Ban Thi đua - Khen thưởng tỉnh (b/c),", "Lưu."]
    pdf = pdf_of(report)
    text = squash(pdf_text(pdf, "-l", "1"))
    assert text.startswith("DỰ THẢO")
    assert vn_date(timezone.localdate()) not in text  # not dated on the day it was built
    assert "Thử, ngày tháng năm 2024" in text  # the year of the data date (30/11/2024), not of the build
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        (symbol,) = page.search("-BC/HU")
        number_label = [m for m in page.search("Số") if abs(m["top"] - symbol["top"]) < 3 and m["x1"] < symbol["x0"]]
        assert number_label, "Số and -BC/HU on one line"
        assert symbol["x0"] - number_label[-1]["x1"] > 12 * MM  # room to write the number by hand
        date_line = page.search("ngày")[0]
        month = [m for m in page.search("tháng") if abs(m["top"] - date_line["top"]) < 3][0]
        assert month["x0"] - date_line["x1"] > 5 * MM  # room for the day
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "70",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-",
            str(artifacts_dir / "review-draft-page1"),
        ],
        input=pdf,
        check=True,
    )
    closing = squash(body_text(pdf))
    assert "Nơi nhận: - Thường trực Tỉnh ủy (b/c), - Ban Thi đua - Khen thưởng tỉnh (b/c), - Lưu." in closing


def test_upward_recipients_come_from_the_plan_above_the_committee(db):
    province = OrganizationFactory(kind="party_committee", level="province", name="Tỉnh ủy Thử")
    district = OrganizationFactory(parent=province, kind="party_committee", level="district", name="Huyện ủy Thử")
    campaign = CampaignFactory(
        issuer=district,
        recipients=["Thường trực tỉnh ủy,", "Ban Tuyên giáo tỉnh ủy,", "Các chi bộ trực thuộc,", "Lưu."],
    )
    campaign.recipients.filter(order=1).update(organization=province)
    assert default_recipients(campaign) == [
        "Thường trực tỉnh ủy (b/c),",
        "Ban Tuyên giáo tỉnh ủy (b/c),",
        "Ban Thi đua - Khen thưởng tỉnh (b/c),",
        "Lưu.",
    ]


def test_staff_edit_the_header_with_the_narrative_and_it_prints(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    first = build(review_campaign, staff_user, django_capture_on_commit_callbacks)
    client.force_login(staff_user)
    page = client.get(f"/bao-cao/{first.pk}/").content.decode()
    assert 'name="number"' in page and 'name="issued_on"' in page and 'name="signer_name"' in page
    assert 'id="suggested">1<' in page and "Ban Thi đua - Khen thưởng tỉnh (b/c)," in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bao-cao/{first.pk}/noi-dung/",
            header_post(
                number="7", issued_on="05/12/2024", signer_name="Lò Văn <b>Ký</b>", **{"text-proposals": "Đề nghị thử."}
            ),
        )
    second = ReviewReport.objects.get(version=2)
    assert response["Location"] == f"/bao-cao/{second.pk}/"
    assert (second.number, second.issued_on, second.signer_title, second.signer_name, second.recipients) == (
        7,
        datetime.date(2024, 12, 5),
        "PHÓ BÍ THƯ",
        "Lò Văn <b>Ký</b>",
        ["Thường trực Tỉnh ủy (b/c),", "Lưu."],
    )
    text = squash(body_text(pdf_of(second)))
    assert text.startswith("DỰ THẢO")  # still a draft until issued
    for expected in (
        "Số 7-BC/HU",
        "Thử, ngày 05 tháng 12 năm 2024",
        "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ",
        "Lò Văn <b>Ký</b>",
        "Nơi nhận: - Thường trực Tỉnh ủy (b/c), - Lưu.",
        "Đề nghị thử.",
    ):
        assert expected in text
    # The next reprint keeps the edited header.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bao-cao/{second.pk}/noi-dung/", {"text-proposals": "Đề nghị thử lần hai."})
    third = ReviewReport.objects.get(version=3)
    assert (third.number, third.issued_on, third.signer_name) == (7, datetime.date(2024, 12, 5), "Lò Văn <b>Ký</b>")


def test_bad_header_input_is_refused_in_vietnamese_and_kept_as_typed(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    first = build(review_campaign, staff_user, django_capture_on_commit_callbacks)
    client.force_login(staff_user)
    response = client.post(
        f"/bao-cao/{first.pk}/noi-dung/",
        header_post(number="mười", issued_on="31/02/2024", **{"text-leadership": "Đoạn đã sửa dở."}),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Số phải là số nguyên dương" in page and "Ngày không hợp lệ (dd/mm/yyyy)." in page
    assert 'value="mười"' in page and 'value="31/02/2024"' in page and "Đoạn đã sửa dở." in page
    assert ReviewReport.objects.count() == 1


def issue(client, report, confirm=True, captured=None):
    data = {"confirm": "yes"} if confirm else {}
    with captured(execute=True):
        return client.post(f"/bao-cao/{report.pk}/ban-hanh/", data)


def test_issuing_prints_without_the_draft_mark_and_freezes_the_kind(
    client, staff_user, review_campaign, issuer, django_capture_on_commit_callbacks
):
    cc = django_capture_on_commit_callbacks
    first = build(review_campaign, staff_user, cc)
    client.force_login(staff_user)
    issue(client, first, captured=cc)  # no number, no date yet
    assert ReviewReport.objects.count() == 1
    with cc(execute=True):
        client.post(f"/bao-cao/{first.pk}/noi-dung/", header_post(number="7", issued_on="05/12/2024"))
    draft = ReviewReport.objects.get(version=2)
    issue(client, draft, confirm=False, captured=cc)
    assert ReviewReport.objects.count() == 2
    response = issue(client, draft, captured=cc)
    final = ReviewReport.objects.get(version=3)
    assert response["Location"] == f"/bao-cao/{final.pk}/"
    assert (final.is_final, final.status, final.is_current, final.number, final.based_on) == (
        True,
        ReviewStatus.DONE,
        True,
        7,
        draft,
    )
    assert final.sections == draft.sections and final.snapshot == draft.snapshot
    text = squash(pdf_text(pdf_of(final)))
    assert "DỰ THẢO" not in text and "Số 7-BC/HU" in text and "Thử, ngày 05 tháng 12 năm 2024" in text
    # Immutable: no edit, no reprint, no new build of this kind; the page shows no form.
    page = client.get(f"/bao-cao/{final.pk}/").content.decode()
    assert "<textarea" not in page and "bản ban hành" in page
    assert "bản ban hành số 7-BC/HU" in client.get(f"/bao-cao/phong-trao/{review_campaign.pk}/").content.decode()
    assert client.post(f"/bao-cao/{final.pk}/noi-dung/", {"text-proposals": "x"}).status_code == 400
    assert client.post(f"/bao-cao/{draft.pk}/noi-dung/", {"text-proposals": "x"}).status_code == 400
    issue(client, draft, captured=cc)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.request_review_report(review_campaign, "final", staff_user)
    assert ReviewReport.objects.count() == 3
    # The interim review is another document; the next BC number of the committee's term is 8.
    other = CampaignFactory(issuer=issuer, term="2020-2025")
    assert next_report_number(review_campaign) == next_report_number(other) == 8
    assert services.request_review_report(review_campaign, "interim", staff_user)[1]


def test_a_number_already_issued_in_the_term_is_refused(
    client, staff_user, review_campaign, issuer, django_capture_on_commit_callbacks
):
    cc = django_capture_on_commit_callbacks
    ReviewReport.objects.create(
        campaign=review_campaign,
        kind="interim",
        version=1,
        status=ReviewStatus.DONE,
        is_final=True,
        number=7,
        symbol="BC/HU",
        term="2020-2025",
    )
    first = build(review_campaign, staff_user, cc)
    client.force_login(staff_user)
    response = client.post(f"/bao-cao/{first.pk}/noi-dung/", header_post(number="7"))
    assert response.status_code == 400 and "Số 7-BC/HU đã dùng" in response.content.decode()
    assert "số gợi ý: 8" in response.content.decode()
    assert ReviewReport.objects.filter(kind="final").count() == 1


@pytest.mark.parametrize("who", ["unit_head", "council_member"])
def test_only_committee_staff_issue(
    client, request, staff_user, review_campaign, who, django_capture_on_commit_callbacks
):
    report = build(review_campaign, staff_user, django_capture_on_commit_callbacks)
    ReviewReport.objects.filter(pk=report.pk).update(number=3, issued_on=datetime.date(2024, 12, 5))
    client.force_login(request.getfixturevalue(who))
    assert client.post(f"/bao-cao/{report.pk}/ban-hanh/", {"confirm": "yes"}).status_code == 404
    assert not ReviewReport.objects.filter(is_final=True).exists()
