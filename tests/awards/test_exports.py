"""Exports: the nominee list holds only the statuses chosen (approved/decided by default) with a status column after
the template's columns; xlsx files print A4 landscape with the header row repeated; dates are real dates."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards import excel, services
from awards.enums import NominationStatus as S
from awards.models import Nomination

from .conftest import make_award, make_nomination
from .test_excel import upload

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


@pytest.fixture
def mixed(campaign, unit):
    return {
        status: make_nomination(campaign, unit, "ldtt", status=status, name=f"Người {status}")
        for status in (S.DRAFT, S.RETURNED, S.REJECTED, S.APPROVED, S.DECIDED)
    }


def rows_of(response):
    ws = load_workbook(io.BytesIO(response.getvalue()))[excel.SHEET]
    return ws, [r for r in ws.iter_rows(values_only=True)]


def test_nominee_export_defaults_to_approved_and_decided_with_a_status_column(client, staff_user, campaign, mixed):
    client.force_login(staff_user)
    ws, rows = rows_of(client.get(reverse("awards:export", args=[campaign.pk])))
    assert list(rows[0][:9]) == excel.HEADERS and rows[0][9] == "Trạng thái"
    assert [(r[2], r[9]) for r in rows[1:]] == [
        ("Người approved", "Hội đồng đề nghị khen"),
        ("Người decided", "Đã có quyết định"),
    ]
    assert ws["R1"].value == excel.CODE_HEADERS[0]  # the template's hidden code columns stay where they were


def test_nominee_export_by_chosen_status(client, staff_user, campaign, mixed):
    client.force_login(staff_user)
    _ws, rows = rows_of(
        client.get(reverse("awards:export", args=[campaign.pk]), {"status": ["draft", "returned", "rejected"]})
    )
    assert sorted(r[2] for r in rows[1:]) == ["Người rejected", "Người returned"]  # a unit's draft stays its own
    page = client.get(reverse("awards:campaign", args=[campaign.pk])).content.decode()
    assert 'id="export-form"' in page and 'value="approved" id="export-approved" checked' in page


def test_export_with_status_imports_back(client, staff_user, campaign, mixed, other_unit):
    from .test_excel import _head

    client.force_login(staff_user)
    data = client.get(reverse("awards:export", args=[campaign.pk])).getvalue()
    Nomination.objects.filter(status__in=[S.DRAFT]).delete()
    created, errors = services.import_nominees(campaign, other_unit, _head(other_unit), upload(data))
    assert (created, errors) == (2, [])


def test_xlsx_exports_print_a4_landscape_with_the_header_repeated(client, staff_user, campaign, mixed, unit):
    make_award(campaign, unit, "ldtt", name="Lò Văn Sổ")
    client.force_login(staff_user)
    for url in (reverse("awards:export", args=[campaign.pk]), reverse("awards:registry_export")):
        ws = load_workbook(io.BytesIO(client.get(url).getvalue())).worksheets[0]
        assert ws.page_setup.orientation == "landscape", url
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), url
        assert ws.print_title_rows.replace("$", "") == "1:1", url


def test_registry_export_dates_are_dates(client, staff_user, campaign, unit):
    make_award(campaign, unit, "ldtt", name="Lò Văn Sổ")
    client.force_login(staff_user)
    ws = load_workbook(io.BytesIO(client.get(reverse("awards:registry_export")).getvalue())).worksheets[0]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("Ngày quyết định") + 1)
    assert isinstance(cell.value, datetime.datetime) and cell.value.date() == D(2024, 12, 31)
    assert cell.number_format == "dd/mm/yyyy"
