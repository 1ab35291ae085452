"""A decision holds only awards its issuer may decide on the decision date; propose-only ones go upward;
Điều 2 and the certificate name the award type actually given."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from awards import printing, selectors, services
from awards.enums import NominationStatus as S
from awards.forms import DecisionForm
from awards.models import Award, Decision

from .conftest import make_nomination
from .test_decision import pdf_text

D = datetime.date
pytestmark = pytest.mark.django_db


def party_fields(**extra):
    fields = dict(
        document_format="party",
        superior_body="ĐẢNG BỘ TỈNH THỬ",
        issuing_body="HUYỆN ỦY THỬ",
        number=151,
        symbol="QĐ/HU",
        place="Thử",
        issued_on=D(2020, 12, 30),
        title="Về việc khen thưởng",
        sign_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        signer_name="Nguyễn Văn Ký",
    )
    fields.update(extra)
    return fields


@pytest.fixture
def party_campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


@pytest.fixture
def upward(party_campaign, unit):
    """Approved by the council, but a district Standing Committee only proposes a provincial Bằng khen."""
    return make_nomination(party_campaign, unit, "bang-khen-btv-tinh-uy", status=S.APPROVED, name="Tòng Văn Chung")


@pytest.fixture
def own(party_campaign, unit):
    return make_nomination(party_campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name="Lò Thị Hoa")


def test_service_refuses_an_award_outside_the_issuers_authority(party_campaign, staff_user, upward, own):
    with pytest.raises(ValidationError, match="không có thẩm quyền quyết định.*Tòng Văn Chung"):
        services.create_decision(party_campaign, staff_user, [own, upward], **party_fields())
    assert not Decision.objects.exists()
    upward.refresh_from_db()
    assert upward.decision_id is None


def test_issue_rechecks_authority_of_a_draft(party_campaign, staff_user, upward, own):
    decision = services.create_decision(party_campaign, staff_user, [own], **party_fields())
    type(upward).objects.filter(pk=upward.pk).update(decision=decision)  # a draft made before the check existed
    with pytest.raises(ValidationError, match="Tòng Văn Chung"):
        services.issue_decision(decision, staff_user)
    assert not Award.objects.exists()


def test_decision_form_offers_only_own_awards_and_the_proposal_lists_the_rest(party_campaign, upward, own):
    form = DecisionForm(campaign=party_campaign)
    assert list(form.fields["nominations"].queryset) == [own]
    assert selectors.proposals_upward(party_campaign) == [upward]
    bound = DecisionForm({**party_fields(issued_on="30/12/2020"), "nominations": [upward.pk]}, campaign=party_campaign)
    assert not bound.is_valid() and "nominations" in bound.errors


@pytest.mark.parametrize(("role", "expected"), [("staff_user", 200), ("unit_head", 403), ("council_member", 404)])
def test_proposal_upward_page(client, request, party_campaign, upward, own, role, expected):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("awards:proposal_upward", args=[party_campaign.pk]))
    assert response.status_code == expected
    if expected == 200:
        body = response.content.decode()
        assert "Tòng Văn Chung" in body and "Bằng khen của Ban Thường vụ Tỉnh ủy" in body
        assert "Lò Thị Hoa" not in body
        import io

        from openpyxl import load_workbook

        xlsx = client.get(reverse("awards:proposal_upward", args=[party_campaign.pk]), {"format": "xlsx"})
        rows = list(load_workbook(io.BytesIO(xlsx.getvalue()))["file nhận"].iter_rows(values_only=True))
        assert [r[2] for r in rows[1:] if r[2]] == ["Tòng Văn Chung"]


def test_article_two_and_certificates_follow_the_award_type(
    make_campaign, people_committee, unit, staff_user, tmp_path
):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    ldtt = make_nomination(campaign, unit, "ldtt", status=S.APPROVED, name="Vì Văn Sơn")
    cstdcs = make_nomination(campaign, unit, "cstdcs", status=S.APPROVED, name="Lò Văn Pọm")
    decision = services.create_decision(
        campaign,
        staff_user,
        [ldtt, cstdcs],
        **party_fields(
            document_format="state",
            issuing_body="ỦY BAN NHÂN DÂN HUYỆN THỬ",
            symbol="QĐ-UBND",
            issued_on=D(2024, 12, 28),
        ),
    )
    articles = printing.decision_context(decision)["articles"]
    assert "Công nhận danh hiệu «Lao động tiên tiến» cho 01 cá nhân" in articles[0]
    assert "«Chiến sĩ thi đua cơ sở»" in articles[0]
    assert "Giấy khen" not in " ".join(articles)
    assert articles[1].endswith("được nhận Giấy chứng nhận và tiền thưởng theo quy định hiện hành.")
    services.issue_decision(decision, staff_user)
    assert printing.print_decision(decision.pk) == 1  # Lao động tiên tiến takes no certificate
    by_name = {a.full_name: a for a in Award.objects.select_related("award_type", "decision__issuer")}
    assert by_name["Vì Văn Sơn"].certificate_title == ""
    assert by_name["Lò Văn Pọm"].certificate_title == "Giấy chứng nhận"
    client = Client()
    client.force_login(staff_user)
    assert client.get(reverse("awards:certificate", args=[by_name["Vì Văn Sơn"].pk])).status_code == 404
    response = client.get(reverse("awards:certificate", args=[by_name["Lò Văn Pọm"].pk]))
    assert response.status_code == 200
    text = pdf_text(b"".join(response), tmp_path)
    assert "GIẤY CHỨNG NHẬN" in text and "GIẤY KHEN" not in text


def test_party_giay_khen_article_two(party_campaign, staff_user, own):
    decision = services.create_decision(party_campaign, staff_user, [own], **party_fields())
    articles = printing.decision_context(decision)["articles"]
    assert articles[0].startswith("Điều 1. Tặng Giấy khen của Ban Thường vụ Huyện ủy cho 01 cá nhân")
    assert "được nhận Giấy khen và tiền thưởng" in articles[1]


def test_nomination_page_says_it_goes_upward(client, staff_user, party_campaign, upward, own):
    client.force_login(staff_user)
    html = client.get(reverse("awards:nomination", args=[upward.pk])).content.decode()
    assert 'id="upward-note"' in html and reverse("awards:proposal_upward", args=[party_campaign.pk]) in html
    assert 'id="upward-note"' not in client.get(reverse("awards:nomination", args=[own.pk])).content.decode()
