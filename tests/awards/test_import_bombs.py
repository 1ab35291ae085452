"""The nominee import against weapons built in the test: every one answered on the form with a Vietnamese message,
fast, with the unit chosen still selected and nothing imported."""

import datetime
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import excel
from awards.models import Nomination
from tests import xlsxfiles as f

D = datetime.date
pytestmark = pytest.mark.django_db
HEADER = [h.replace("\n", " ") for h in excel.HEADERS]
ROW = ["1", "Ông", "Lò Văn Sổ", "Chuyên viên", "UBND xã", "Khen thưởng cá nhân", "Lao động tiên tiến", None, None]


@pytest.fixture
def campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


def big_file():
    """A real xlsx of 40 MB (a random, incompressible picture inside)."""
    return f.build(f.sheet_xml([(1, HEADER), (2, ROW)]), extra=[("xl/media/image1.png", os.urandom(40 * 1024 * 1024))])


WEAPONS = {
    "40 MB": (big_file, "Tệp quá lớn (40"),
    "150 MB shared string": (lambda: f.huge_shared_string(150 * 1024 * 1024), "giải nén ra quá lớn"),
    "40,000-character cell": (lambda: f.huge_shared_string(40_000), "dài quá 32.767 ký tự"),
    "dimension of a million rows": (
        lambda: f.build(f.sheet_xml([(1, HEADER), (2, ROW)], dimension="A1:I1000000")),
        "Bảng tính có tới dòng 1.000.000",
    ),
    "row at line 1,000,000": (
        lambda: f.build(f.sheet_xml([(1, HEADER), (2, ROW), (1_000_000, ROW)])),
        "Bảng tính có tới dòng 1.000.000",
    ),
    "billion laughs": (lambda: f.billion_laughs([(1, HEADER), (2, [*ROW[:2], "LOL", *ROW[3:]])]), "DOCTYPE"),
    "zip bomb": (lambda: f.zip_bomb(1024 * 1024 * 1024), "giải nén ra quá lớn"),
}


@pytest.mark.parametrize("weapon", WEAPONS)
def test_weapon_is_refused_on_the_form(client, campaign, unit, unit_head, weapon):
    build, message = WEAPONS[weapon]
    data = build()
    client.force_login(unit_head)
    url = reverse("awards:import", args=[campaign.pk])
    assert client.get(url).status_code == 200  # the first request imports the URLconf (WeasyPrint): not timed
    started = time.perf_counter()
    response = client.post(
        url,
        {"proposer": unit.pk, "file": SimpleUploadedFile("danh-sach.xlsx", data)},
    )
    seconds = time.perf_counter() - started
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page, page[page.find("import-errors") :][:600]
    assert f'<option value="{unit.pk}" selected>' in page  # what was chosen is kept
    assert Nomination.objects.count() == 0
    assert seconds < 3, seconds


def test_the_same_file_without_the_weapon_imports(client, campaign, unit, unit_head):
    client.force_login(unit_head)
    data = f.build(f.sheet_xml([(1, HEADER), (2, ROW)], dimension="A1:I2"))
    response = client.post(
        reverse("awards:import", args=[campaign.pk]),
        {"proposer": unit.pk, "file": SimpleUploadedFile("danh-sach.xlsx", data)},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert not Nomination.objects.exists()  # the preview first: nothing is imported before the clerk chooses
    client.post(response["Location"] + "quyet-dinh/", {"choice": "clean"})
    assert list(Nomination.objects.values_list("full_name", flat=True)) == ["Lò Văn Sổ"]
