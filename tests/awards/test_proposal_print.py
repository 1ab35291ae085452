"""The proposal upward (Tờ trình đề nghị cấp trên khen thưởng) prints as an official document through thidua.documents.pdf."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from awards.enums import NominationStatus as S

from .conftest import make_nomination
from .test_decision import pdf_text

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def party_campaign(make_campaign, issuer):
    from tests.factories import OrganizationFactory

    issuer.parent = OrganizationFactory(kind="party_committee", level="province", name="Tỉnh ủy Thử", code="tu-thu")
    issuer.save()
    return make_campaign(D(2020, 12, 31))


def fonts(data, tmp_path):
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_party_proposal_prints_in_the_party_format(client, staff_user, party_campaign, unit, tmp_path):
    make_nomination(
        party_campaign,
        unit,
        "bang-khen-btv-tinh-uy",
        status=S.APPROVED,
        name="Tòng Văn Chung",
        title_prefix="Ông",
        position="Bí thư",
        unit_name="Đảng ủy xã Chiềng Mung",
    )
    make_nomination(
        party_campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name="Lò Thị Hoa"
    )  # decided here
    client.force_login(staff_user)
    url = reverse("awards:proposal_upward", args=[party_campaign.pk])
    page = client.get(url).content.decode()
    assert 'id="proposal-print"' in page and "window.print()" not in page
    response = client.get(url, {"format": "pdf", "number": "", "day": "", "addressee": "Ban Thường vụ Tỉnh ủy Thử"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ TỈNH THỬ",
        "HUYỆN ỦY THỬ",
        "-TTr/HU",
        "TỜ TRÌNH",
        "Kính gửi: Ban Thường vụ Tỉnh ủy Thử",
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy Thử (để xem xét),",
        "- Lưu Văn phòng Huyện ủy.",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Nguyễn Văn Ký",
        "Ông Tòng Văn Chung",
        "Bí thư, Đảng ủy xã Chiềng Mung",
        "Kế hoạch số",
        "của Ban Thường vụ Huyện ủy Thử",
    ):
        assert expected in text, expected
    assert "Lò Thị Hoa" not in text and "Số:" not in text
    assert "Thử, ngày tháng năm" in text  # blank day and month to write by hand
    used = fonts(response.content, tmp_path)
    assert (
        "Liberation-Serif" in used and "Sans" not in used
    )  # serif (Times New Roman's twin), not the page's sans-serif
    from pypdf import PdfReader

    (tmp_path / "p.pdf").write_bytes(response.content)
    page = PdfReader(tmp_path / "p.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 @page
    # Number and date typed; the default addressee comes from the tree.
    typed = client.get(url, {"format": "pdf", "number": "35", "day": "05/01/2021"})
    text = pdf_text(typed.content, tmp_path)
    assert "Số 35-TTr/HU" in text and "Thử, ngày 05 tháng 01 năm 2021" in text
    assert "Kính gửi: Ban Thường vụ Tỉnh ủy Thử" in text


def test_state_proposal_prints_in_the_decree_30_format(
    client, staff_user, make_campaign, people_committee, unit, tmp_path
):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    campaign.__class__.objects.filter(pk=campaign.pk).update(
        document_format="state",
        symbol="KH-UBND",
        superior_body="",
        issuing_body="ỦY BAN NHÂN DÂN HUYỆN THỬ",
        sign_on_behalf="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
    )
    make_nomination(campaign, unit, "bang-khen-tinh", status=S.APPROVED, name="Vì Văn Sơn")
    client.force_login(staff_user)
    response = client.get(
        reverse("awards:proposal_upward", args=[campaign.pk]),
        {"format": "pdf", "number": "7", "day": "03/01/2025", "addressee": "Ủy ban nhân dân tỉnh Thử"},
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 07/TTr-UBND",
        "KT. CHỦ TỊCH",
        "Vì Văn Sơn",
        "Lưu: VT, Văn phòng Ủy ban nhân dân huyện.",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN" not in text


def test_proposal_print_refuses_a_bad_date_visibly(client, staff_user, party_campaign, unit):
    make_nomination(party_campaign, unit, "bang-khen-btv-tinh-uy", status=S.APPROVED, name="Tòng Văn Chung")
    client.force_login(staff_user)
    response = client.get(
        reverse("awards:proposal_upward", args=[party_campaign.pk]),
        {"format": "pdf", "number": "x", "day": "31/02/2021", "addressee": "Ban Thường vụ"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ngày không hợp lệ (dd/mm/yyyy)." in body and "Số phải là số nguyên." in body
    assert 'value="31/02/2021"' in body  # keeps what was typed
