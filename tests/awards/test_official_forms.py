"""Form 0601.N computed from the committee's own campaigns, every cell worked out by hand below."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards import official_forms as forms
from tests.factories import CampaignFactory, OrganizationFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (D(2024, 3, 1), D(2024, 6, 30), "06"),  # 4 months
        (D(2024, 1, 1), D(2024, 12, 30), "06"),  # one day short of a year
        (D(2024, 1, 1), D(2024, 12, 31), "07"),  # exactly one year
        (D(2024, 7, 1), D(2025, 6, 30), "07"),
        (D(2024, 1, 1), D(2025, 1, 1), "08"),  # a year and a day
        (D(2023, 1, 1), D(2025, 12, 30), "08"),  # a day short of three years
        (D(2023, 1, 1), D(2025, 12, 31), "09"),  # three years
        (D(2020, 1, 1), D(2024, 12, 30), "09"),
        (D(2020, 1, 1), D(2024, 12, 31), "10"),  # five years
    ],
)
def test_duration_boundaries(start, end, code):
    assert forms.duration_code(start, end) == code


@pytest.fixture
def campaigns(issuer, staff_user):
    from units.enums import Role
    from units.models import Membership

    agency = OrganizationFactory(kind="agency", level="province", name="Sở Thử", code="so-thu")
    Membership.objects.create(user=staff_user, organization=agency, role=Role.STAFF)
    outsider = OrganizationFactory(kind="party_committee", level="district", name="Huyện ủy Khác", code="hu-khac")
    wanted = {}

    def campaign(name, org, start, end, status):
        wanted[name] = status
        return CampaignFactory(issuer=org, period_start=start, period_end=end)

    made = {
        "A": campaign("A", issuer, D(2024, 1, 1), D(2024, 12, 31), "launched"),
        "B": campaign("B", issuer, D(2024, 3, 1), D(2024, 6, 30), "closed"),
        "C": campaign("C", issuer, D(2023, 1, 1), D(2025, 12, 31), "launched"),
        "D": campaign("D", issuer, D(2020, 1, 1), D(2024, 12, 31), "launched"),
        "E": campaign("E", issuer, D(2024, 6, 1), D(2025, 12, 31), "launched"),
        "draft": campaign("draft", issuer, D(2024, 1, 1), D(2024, 12, 31), "draft"),
        "2022": campaign("2022", issuer, D(2022, 1, 1), D(2022, 12, 31), "closed"),
        "other": campaign("other", outsider, D(2024, 1, 1), D(2024, 12, 31), "launched"),
        "I": campaign("I", agency, D(2024, 1, 1), D(2024, 12, 31), "launched"),
    }
    from campaigns.models import Campaign

    for name, campaign in made.items():  # a launched plan is frozen: set the state after the factory's recipients
        status = wanted[name]
        Campaign.objects.filter(pk=campaign.pk).update(status=status)
    return made


# By hand: A (1 year), B (4 months), C (3 years), D (5 years), E (19 months) are the district party committee's:
# scope «địa phương» (03), column 4 (cơ quan, tổ chức, đơn vị); I is a provincial department's: scope 05, column 3.
# Draft, 2022-only and another body's campaigns are left out. Regular yearly (12) = the one-year ones: A and I.
EXPECTED_2024 = {
    "01": [6, 0, 1, 5],
    "02": [0, 0, 0, 0],
    "03": [5, 0, 0, 5],
    "04": [0, 0, 0, 0],
    "05": [1, 0, 1, 0],
    "06": [1, 0, 0, 1],
    "07": [2, 0, 1, 1],
    "08": [1, 0, 0, 1],
    "09": [1, 0, 0, 1],
    "10": [1, 0, 0, 1],
    "11": [4, 0, 0, 4],
    "12": [2, 0, 1, 1],
}


def test_every_cell_of_0601(client, campaigns, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("awards:form_0601"), {"year": 2024})
    table = response.context["table"]
    assert table["cells"] == EXPECTED_2024
    html = response.content.decode()
    assert "Biểu số: 0601.N/BNV-TĐKT" in html and "Thông tư số 02/2023/TT-BNV ngày 23/3/2023" in html
    assert response.context["count"] == 6


def test_0601_xlsx_is_laid_out_like_the_form(client, campaigns, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("awards:form_0601"), {"year": 2024, "format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A1"].value == "Biểu số: 0601.N/BNV-TĐKT" and "02/2023/TT-BNV" in ws["A2"].value
    assert ws["A4"].value == "SỐ PHONG TRÀO THI ĐUA" and ws["A5"].value == "Năm 2024"
    assert [ws.cell(row=8, column=c).value for c in range(1, 7)] == ["A", "B", "1=(2+3+4)", "2", "3", "4"]
    rows = {ws.cell(row=r, column=2).value: [ws.cell(row=r, column=c).value for c in range(3, 7)] for r in range(9, 24)}
    assert {code: rows[code] for code in EXPECTED_2024} == EXPECTED_2024


def test_0601_prints(client, campaigns, staff_user, tmp_path):
    from .test_decision import pdf_text

    client.force_login(staff_user)
    response = client.get(reverse("awards:form_0601"), {"year": 2024, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Biểu số: 0601.N/BNV-TĐKT" in text and "SỐ PHONG TRÀO THI ĐUA" in text and "Năm 2024" in text


def test_another_body_sees_only_its_own_campaigns(client, campaigns, other_head):
    client.force_login(other_head)
    response = client.get(reverse("awards:form_0601"), {"year": 2024})
    assert response.context["table"]["cells"]["01"] == [0, 0, 0, 0]


def test_form_basis_is_dated():
    assert "02/2023/TT-BNV" in forms.basis_on(D(2024, 12, 15))


@pytest.mark.parametrize(
    ("day", "notice"),
    [(D(2024, 12, 15), False), (D(2025, 10, 7), False), (D(2025, 10, 8), True), (D(2025, 12, 15), True)],
)
def test_circular_18_2025_is_flagged_from_its_date(day, notice):
    """TT 18/2025/TT-BNV (08/10/2025) re-issued the sector's reporting regime; its forms are unchecked: reports
    from that day keep the 2023 forms with a notice on screen."""
    assert "02/2023/TT-BNV" in forms.basis_on(day)
    assert bool(forms.notice_on(day)) is notice
    assert ("18/2025/TT-BNV" in forms.notice_on(day)) is notice


def test_the_notice_shows_on_the_2025_form_only(client, campaigns, staff_user):
    client.force_login(staff_user)
    assert 'id="form-notice"' not in client.get(reverse("awards:form_0601"), {"year": 2024}).content.decode()
    page = client.get(reverse("awards:form_0601"), {"year": 2025}).content.decode()
    assert 'id="form-notice"' in page and "18/2025/TT-BNV" in page
