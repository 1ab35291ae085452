"""The decision form says why it cannot make a decision (no approved nomination within the issuer's authority)."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import NominationStatus as S

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db

EMPTY = "Không có đề nghị nào đã được Hội đồng thông qua thuộc thẩm quyền quyết định của Ban Thường vụ Huyện ủy Thử"


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def fields(**extra):
    data = dict(
        document_format="party",
        superior_body="ĐẢNG BỘ TỈNH THỬ",
        issuing_body="HUYỆN ỦY THỬ",
        number="151",
        symbol="QĐ/HU",
        place="Thử",
        issued_on="30/12/2020",
        title="Về việc khen thưởng",
        sign_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        signer_name="Nguyễn Văn Ký",
    )
    data.update(extra)
    return data


def test_empty_list_is_said_on_the_form(client, staff_user, campaign, unit):
    make_nomination(campaign, unit, "bang-khen-btv-tinh-uy", status=S.APPROVED)  # goes upward: not listed here
    client.force_login(staff_user)
    html = client.get(reverse("awards:decision_create", args=[campaign.pk])).content.decode()
    assert EMPTY in html and 'id="no-nominations"' in html


def test_forced_post_with_nothing_chosen_shows_the_error(client, staff_user, campaign, unit):
    client.force_login(staff_user)
    response = client.post(reverse("awards:decision_create", args=[campaign.pk]), fields())
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="decision-errors"' in html
    errors = html.split('id="decision-errors"', 1)[1].split("</div>", 1)[0]
    assert "Chọn ít nhất một đề nghị" in errors
    assert EMPTY in html
    assert 'value="Nguyễn Văn Ký"' in html  # keeps what was typed


def test_post_choosing_an_upward_nomination_shows_the_error(client, staff_user, campaign, unit):
    upward = make_nomination(campaign, unit, "bang-khen-btv-tinh-uy", status=S.APPROVED)
    make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED)
    client.force_login(staff_user)
    response = client.post(reverse("awards:decision_create", args=[campaign.pk]), fields(nominations=[upward.pk]))
    assert response.status_code == 400
    errors = response.content.decode().split('id="decision-errors"', 1)[1].split("</div>", 1)[0]
    assert "Lựa chọn không hợp lệ" in errors or "không có trong danh sách" in errors


def test_decision_wording_names_the_plan_and_the_office_consistently(client, staff_user, campaign, unit, tmp_path):
    from awards import printing
    from awards.forms import DecisionForm
    from awards.models import Decision

    from .test_decision import pdf_text

    own = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name="Lò Thị Hoa")
    plan = f"Kế hoạch số {campaign.reference} ngày 10/01/2020 của Ban Thường vụ Huyện ủy Thử"
    form = DecisionForm(campaign=campaign)
    assert f"Căn cứ {plan};" in form.initial["preamble"]
    assert "Lưu Văn phòng Huyện ủy." in form.initial["recipients"]
    client.force_login(staff_user)
    response = client.post(
        reverse("awards:decision_create", args=[campaign.pk]),
        fields(nominations=[own.pk], preamble=form.initial["preamble"], recipients=form.initial["recipients"]),
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    articles = printing.decision_context(decision)["articles"]
    assert f"theo {plan}." in articles[0]
    assert articles[2].startswith("Điều 3. Văn phòng Huyện ủy, các cơ quan")
    text = pdf_text(printing.render_decision(decision), tmp_path)
    assert "(Kèm theo Quyết định số 151-QĐ/HU ngày 30/12/2020 của Ban Thường vụ Huyện ủy Thử)" in text
    assert "của BAN THƯỜNG VỤ" not in text
    assert text.count(plan) == 2  # the grounds and Điều 1 name the plan the same way
