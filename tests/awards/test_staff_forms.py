"""Forms 0604.N/0605.N from the record of organisations and people doing emulation work, every cell worked out by
hand below; the record kept by staff (scoped, POST-only deletes), xlsx laid out like the form, print, query counts."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from awards import official_forms as forms
from awards.models import EmulationOffice, EmulationWorker
from tests.factories import OrganizationFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("age", "column"),
    [(18, 0), (30, 0), (31, 1), (40, 1), (41, 2), (50, 2), (51, 3), (60, 3), (61, 4), (75, 4)],
)
def test_age_bands(age, column):
    bands = forms.staff_layout_on(D(2024, 12, 31))["0605"]["age_bands"]
    assert [forms.in_band(age, low, high) for low, high in bands].index(True) == column
    assert sum(forms.in_band(age, low, high) for low, high in bands) == 1


@pytest.mark.parametrize(("years", "column"), [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (35, 2)])
def test_service_bands(years, column):
    bands = forms.staff_layout_on(D(2024, 12, 31))["0605"]["service_bands"]
    assert [forms.in_band(years, low, high) for low, high in bands].index(True) == column
    assert [forms.band_label(low, high, "năm") for low, high in bands] == [
        "Dưới 5 năm",
        "Từ 5 đến dưới 10 năm",
        "Từ 10 năm trở lên",
    ]


def office(owner, name, kind, level, established_on=None, closed_on=None):
    return EmulationOffice.objects.create(
        owner=owner, name=name, kind=kind, level=level, established_on=established_on, closed_on=closed_on
    )


def worker(office, name, gender, birth_year, training, started_year, *, minority=False, full_time=True, left_on=None):
    return EmulationWorker.objects.create(
        office=office,
        full_name=name,
        gender=gender,
        ethnic_minority=minority,
        birth_year=birth_year,
        training=training,
        started_year=started_year,
        full_time=full_time,
        left_on=left_on,
    )


@pytest.fixture
def record(issuer, staff_user):
    outsider = OrganizationFactory(kind="party_committee", level="district", name="Huyện ủy Khác", code="hu-khac-2")
    o1 = office(issuer, "Ban Thi đua - Khen thưởng tỉnh", "dedicated", "province", D(2020, 1, 1))
    o2 = office(issuer, "Phòng Nội vụ (bộ phận thi đua)", "division", "district")
    o3 = office(issuer, "UBND xã A", "concurrent", "commune")
    o4 = office(issuer, "UBND xã B (đã sáp nhập)", "concurrent", "commune", closed_on=D(2024, 7, 1))
    office(issuer, "Phòng mới", "division", "province", D(2025, 1, 1))
    o6 = office(outsider, "Của cơ quan khác", "dedicated", "province")
    worker(o1, "W1", "female", 1994, "university", 2020)
    worker(o1, "W2", "male", 1993, "postgraduate", 2019, minority=True)
    worker(o2, "W3", "female", 1964, "college", 2014, minority=True, full_time=False)
    worker(o3, "W4", "male", 1963, "other", 2015, full_time=False)
    worker(o3, "W5 left on the last day", "male", 1980, "university", 2010, left_on=D(2024, 12, 31))
    worker(o1, "W6 starts next year", "male", 1990, "university", 2025)
    worker(o4, "W7 in a closed office", "female", 1990, "university", 2010)
    worker(o1, "W8", "female", 1984, "intermediate", 2024, left_on=D(2025, 1, 1))
    worker(o6, "W9 another body's", "female", 1990, "university", 2010)


# 0604.N at 31/12/2024 — by hand: Ban TĐKT (dedicated, province), Phòng Nội vụ (division, district), xã A
# (concurrent, commune). Xã B closed on 01/07/2024 and «Phòng mới» opens in 2025: out; another body's: out.
# In 2025 «Phòng mới» (division, province) comes in.
EXPECTED_0604 = {
    2024: {
        "01": [3, 0, 1, 1, 1],
        "02": [1, 0, 1, 0, 0],
        "03": [1, 0, 0, 1, 0],
        "04": [1, 0, 0, 0, 1],
    },
    2025: {
        "01": [4, 0, 2, 1, 1],
        "02": [1, 0, 1, 0, 0],
        "03": [2, 0, 1, 1, 0],
        "04": [1, 0, 0, 0, 1],
    },
    2023: {  # xã B still at work at the end of 2023
        "01": [4, 0, 1, 1, 2],
        "02": [1, 0, 1, 0, 0],
        "03": [1, 0, 0, 1, 0],
        "04": [2, 0, 0, 0, 2],
    },
}


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_every_cell_of_0604(client, record, staff_user, year):
    client.force_login(staff_user)
    response = client.get(reverse("awards:staff_form", args=["0604"]), {"year": year})
    assert response.context["form"]["cells"] == EXPECTED_0604[year]
    html = response.content.decode()
    assert "Biểu số: 0604.N/BNV-TĐKT" in html and "Thông tư số 02/2023/TT-BNV" in html
    assert "SỐ TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG" in html


# 0605.N at 31/12/2024 — by hand. Counted: W1, W2, W8 (province), W3 (district), W4 (commune); W5 left on
# 31/12/2024 itself, W6 starts in 2025, W7's office closed, W9 is another body's. Columns after the total:
# full, part | women, minorities | age ≤30, 31–40, 41–50, 51–60, >60 | postgraduate, university, college,
# intermediate, other | years in the job <5, 5–9, ≥10. Ages in 2024: W1 30, W2 31, W8 40, W3 60, W4 61.
# Years in the job: W1 4, W2 5, W8 0, W3 10, W4 9.
EXPECTED_0605 = {
    "01": [5, 3, 2, 3, 2, 1, 2, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1],
    "02": [0] * 18,
    "03": [3, 3, 0, 2, 1, 1, 2, 0, 0, 0, 1, 1, 0, 1, 0, 2, 1, 0],
    "04": [1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    "05": [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0],
}


def test_every_cell_of_0605(client, record, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("awards:staff_form", args=["0605"]), {"year": 2024})
    form = response.context["form"]
    assert form["cells"] == EXPECTED_0605
    assert form["letters"][:4] == ["A", "B", "1=(2+3)", "2"] and len(form["letters"]) == 2 + 18
    html = response.content.decode()
    assert "Biểu số: 0605.N/BNV-TĐKT" in html and "Từ 30 trở xuống" in html and "Trên 60" in html


def test_0605_in_2025_moves_everyone_a_year_on(client, record, staff_user):
    """2025: W5 and W8 have left, W6 started; W1 is 31 now and in the job 5 years."""
    client.force_login(staff_user)
    cells = client.get(reverse("awards:staff_form", args=["0605"]), {"year": 2025}).context["form"]["cells"]
    # province: W1 (31, 5 y, university), W2 (32, 6 y, postgraduate, minority), W6 (35, 0 y, university)
    assert cells["03"] == [3, 3, 0, 1, 1, 0, 3, 0, 0, 0, 1, 2, 0, 0, 0, 1, 2, 0]


@pytest.mark.parametrize(("number", "total"), [("0604", [3, 0, 1, 1, 1]), ("0605", EXPECTED_0605["01"])])
def test_xlsx_is_laid_out_like_the_form(client, record, staff_user, number, total):
    client.force_login(staff_user)
    response = client.get(reverse("awards:staff_form", args=[number]), {"year": 2024, "format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A1"].value == f"Biểu số: {number}.N/BNV-TĐKT" and "02/2023/TT-BNV" in ws["A2"].value
    assert ws["A4"].value.startswith("SỐ ") and ws["A5"].value == "Năm 2024"
    assert ws["B7"].value == "Mã số" and ws["C7"].value == "Tổng số"
    assert [ws.cell(row=9, column=c).value for c in (1, 2, 4)] == ["A", "B", "2"]
    assert ws["A10"].value.endswith("Tổng số") and ws["B10"].value == "01"
    assert [ws.cell(row=10, column=c).value for c in range(3, 3 + len(total))] == total
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A7:A8" in merged and "B7:B8" in merged and "C7:C8" in merged


@pytest.mark.parametrize("number", ["0604", "0605"])
def test_prints(client, record, staff_user, tmp_path, number, artifacts_dir):
    from .test_decision import pdf_text

    client.force_login(staff_user)
    response = client.get(reverse("awards:staff_form", args=[number]), {"year": 2024, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    (artifacts_dir / f"bieu-{number}N.pdf").write_bytes(response.content)
    text = pdf_text(response.content, tmp_path)
    assert f"Biểu số: {number}.N/BNV-TĐKT" in text and "Năm 2024" in text and "02/2023/TT-BNV" in text


def test_unknown_form_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("awards:staff_form", args=["0699"])).status_code == 404


def test_another_body_sees_only_its_own_record(client, record, other_head):
    client.force_login(other_head)
    assert (
        client.get(reverse("awards:staff_form", args=["0604"]), {"year": 2024}).context["form"]["cells"]["01"]
        == [0] * 5
    )
    mine = EmulationOffice.objects.get(name="Ban Thi đua - Khen thưởng tỉnh")
    someone = EmulationWorker.objects.get(full_name="W1")
    assert client.get(reverse("awards:office_edit", args=[mine.pk])).status_code == 404
    assert client.post(reverse("awards:office_edit", args=[mine.pk]), {"name": "x"}).status_code == 404
    assert client.post(reverse("awards:office_delete", args=[mine.pk])).status_code == 404
    assert client.post(reverse("awards:worker_delete", args=[someone.pk])).status_code == 404
    page = client.get(reverse("awards:staff_record")).content.decode()
    assert "W1" not in page and "Ban Thi đua - Khen thưởng tỉnh" not in page
    assert (
        EmulationOffice.objects.filter(pk=mine.pk).exists() and EmulationWorker.objects.filter(pk=someone.pk).exists()
    )


def test_staff_keep_the_record(client, issuer, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("awards:office_create"),
        {"owner": issuer.pk, "name": "Ban Thi đua", "kind": "dedicated", "level": "province", "established_on": ""},
    )
    assert response.status_code == 302
    made = EmulationOffice.objects.get(name="Ban Thi đua")
    data = {
        "office": made.pk,
        "full_name": "Lò Thị Hoa",
        "gender": "female",
        "ethnic_minority": "on",
        "birth_year": "1990",
        "training": "university",
        "started_year": "2015",
        "full_time": "on",
        "left_on": "",
    }
    assert client.post(reverse("awards:worker_create"), data).status_code == 302
    person = EmulationWorker.objects.get(full_name="Lò Thị Hoa")
    assert person.ethnic_minority and person.full_time
    bad = client.post(reverse("awards:worker_create"), {**data, "started_year": "1995"})
    assert bad.status_code == 400 and "không hợp lý" in bad.content.decode()
    client.post(reverse("awards:worker_edit", args=[person.pk]), {**data, "left_on": "01/06/2024"})
    person.refresh_from_db()
    assert person.left_on == D(2024, 6, 1)
    assert client.get(reverse("awards:worker_delete", args=[person.pk])).status_code == 405
    assert client.post(reverse("awards:worker_delete", args=[person.pk])).status_code == 302
    assert not EmulationWorker.objects.filter(pk=person.pk).exists()
    page = client.get(reverse("awards:staff_record")).content.decode()
    assert "Ban Thi đua" in page


def test_owner_must_be_ones_own_body(client, issuer, staff_user):
    outsider = OrganizationFactory(name="Cơ quan khác", code="co-quan-khac")
    client.force_login(staff_user)
    response = client.post(
        reverse("awards:office_create"), {"owner": outsider.pk, "name": "X", "kind": "dedicated", "level": "province"}
    )
    assert response.status_code == 400 and not EmulationOffice.objects.filter(name="X").exists()


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["staff_record", "0604", "0605"])
def test_constant_queries(client, issuer, staff_user, url):
    path = reverse("awards:staff_record") if url == "staff_record" else reverse("awards:staff_form", args=[url])
    client.force_login(staff_user)
    first = office(issuer, "O1", "dedicated", "province")
    worker(first, "P1", "male", 1980, "university", 2010)
    one = _queries(client, path)
    for n in range(2, 12):
        more = office(issuer, f"O{n}", "division", "district")
        worker(more, f"P{n}", "female", 1985, "college", 2012)
    assert _queries(client, path) == one
