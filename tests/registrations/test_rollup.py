"""The roll-up per campaign and per year: who registered what, counts per title and per khối, units that have not
registered; the pages are staff-only (404 for units); the xlsx is in the MauTDKT shape and reads back."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import excel
from registrations import selectors

from .conftest import bring_to, fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(registration, other_registration, unit_head, other_head, staff_user):
    """The unit approved (collective + 2 people); the other unit a draft with one person (not counted)."""
    bring_to(registration, "approved", unit_head, staff_user)
    fill(other_registration, other_head, people=[("Vì Văn Sơn", "Trưởng bản", "male", "Thái", 1975, "ldtt")])
    return registration, other_registration


def test_counts_per_title_and_kind_and_missing_units(mixed, unit, other_unit):
    rollup = selectors.rollup([mixed[0].campaign])
    assert [(t["name"], t["collective"], t["individual"]) for t in rollup.by_title] == [
        ("Lao động tiên tiến", 0, 1),
        ("Chiến sĩ thi đua cơ sở", 0, 1),
        ("Tập thể lao động tiên tiến", 1, 0),
    ]
    assert (rollup.expected, rollup.registered, rollup.people) == (2, 1, 2)
    assert list(rollup.missing) == [other_unit]
    assert dict((v, n) for v, _l, n in rollup.states) == {"draft": 1, "submitted": 0, "returned": 0, "approved": 1}
    assert [(k["kind"], k["expected"], k["registered"], k["people"]) for k in rollup.by_kind] == [(unit.kind, 2, 1, 2)]


def test_rollup_page_for_staff_only(client, mixed, staff_user, unit_head, other_unit):
    campaign = mixed[0].campaign
    url = f"/dang-ky-thi-dua/phong-trao/{campaign.pk}/"
    client.force_login(unit_head)
    assert client.get(url).status_code == 404
    assert client.get(f"/dang-ky-thi-dua/nam/{campaign.period_end.year}/").status_code == 404
    assert client.get(url + "xuat-excel/").status_code == 404
    client.force_login(staff_user)
    body = client.get(url).content.decode()
    assert "Tập thể lao động tiên tiến" in body and "Chiến sĩ thi đua cơ sở: 1" in body
    assert f'data-org="{other_unit.code}">{other_unit.name}' in body  # listed among those that have not registered
    year = client.get(f"/dang-ky-thi-dua/nam/{campaign.period_end.year}/")
    assert year.status_code == 200 and campaign.dated_reference in year.content.decode()
    assert client.get("/dang-ky-thi-dua/nam/1999/").status_code == 404


def _workbook(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_xlsx_reads_back_in_the_template_shape(client, mixed, staff_user):
    campaign = mixed[0].campaign
    client.force_login(staff_user)
    response = client.get(f"/dang-ky-thi-dua/phong-trao/{campaign.pk}/xuat-excel/")
    assert response.status_code == 200
    wb = _workbook(response)
    ws = wb[excel.SHEET]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][:9] == excel.HEADERS and rows[0][9] == "Trạng thái đăng ký"
    body = [r for r in rows[1:] if r[2]]
    assert [(r[2], r[5], r[6], r[9]) for r in body] == [
        (mixed[0].organization.name, "Khen thưởng tập thể", "Tập thể lao động tiên tiến", "Đã duyệt"),
        (mixed[1].organization.name, "Khen thưởng tập thể", "Tập thể lao động tiên tiến", "Đang soạn"),
        ("Lò Thị Hoa", "Khen thưởng cá nhân", "Chiến sĩ thi đua cơ sở", "Đã duyệt"),
        ("Cầm Văn Thanh", "Khen thưởng cá nhân", "Lao động tiên tiến", "Đã duyệt"),
        ("Vì Văn Sơn", "Khen thưởng cá nhân", "Lao động tiên tiến", "Đang soạn"),
    ]
    assert body[2][10:13] == ["Nữ", "Thái", 1980]
    assert body[2][17:19] == ["CANHAN", "1647933380"]  # the template's code columns R, S
    summary = [[v for v in r if v is not None] for r in wb["Tổng hợp"].iter_rows(values_only=True)]
    assert ["Tập thể lao động tiên tiến", 1, 0] in summary
    assert [mixed[1].organization.name] in summary  # among the units that have not registered
    # The awards importer reads the export back as nominations (a unit's list becomes its proposals).
    upload = SimpleUploadedFile("dk.xlsx", _save(wb), excel.xlsx.CONTENT_TYPE)
    rows, errors = excel.parse_rows(upload, campaign)
    assert errors == []
    assert [(r["full_name"], r["nominee_kind"], r["award_type"].code) for r in rows] == [
        (mixed[0].organization.name, "collective", "ttldtt"),
        (mixed[1].organization.name, "collective", "ttldtt"),
        ("Lò Thị Hoa", "individual", "cstdcs"),
        ("Cầm Văn Thanh", "individual", "ldtt"),
        ("Vì Văn Sơn", "individual", "ldtt"),
    ]


def _save(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_user_text_is_never_a_formula(client, registration, unit_head, staff_user):
    fill(registration, unit_head, people=[('=HYPERLINK("http://x")', "+1", "", "", None, "ldtt")])
    client.force_login(staff_user)
    wb = _workbook(client.get(f"/dang-ky-thi-dua/phong-trao/{registration.campaign_id}/xuat-excel/"))
    cells = [c for row in wb[excel.SHEET].iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value.startswith(("=", "+"))]
    assert risky and all(c.data_type == "s" for c in risky)
