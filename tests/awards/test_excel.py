"""Nominee lists in the reference template's shape: the real file, filled copies and broken copies."""

import datetime
import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from awards import excel, services
from awards.enums import NomineeKind
from awards.models import Nomination
from thidua import xlsx

from .conftest import make_nomination
from .test_catalogue import REFERENCE

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


def upload(data, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def filled_reference(tmp_path, rows, sheet="file nhận"):
    """A copy of the real template (formulas, hidden sheets and all) with rows typed into sheet 'file nhận'."""
    path = tmp_path / "mau.xlsx"
    shutil.copy(REFERENCE, path)
    wb = load_workbook(path)
    ws = wb[sheet]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD_ROWS = [
    (
        1,
        "Ông",
        "Nguyễn Anh Đại",
        "Phó Chủ tịch",
        "UBND xã Chiềng Mung",
        "Khen thưởng cá nhân",
        "Lao động tiên tiến",
        "Các cấp lãnh đạo từ phó phòng trở lên",
        "Quản lý Nhà nước",
    ),
    (
        2,
        "Bà",
        "Lò Thị Hoa",
        "Chuyên viên",
        "UBND xã Chiềng Mung",
        "khen thuong ca nhan",
        "  GIẤY KHEN của chủ tịch  UBND huyện ",
        "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
        None,
    ),
    (
        3,
        None,
        "Đảng ủy xã Chiềng Mung",
        None,
        None,
        "Khen thưởng tập thể",
        "Tap the lao dong tien tien",
        "Cơ quan Đảng",
        "Các cơ quan, tổ chức Đảng",
    ),
    (
        4,
        None,
        "Hộ ông Cầm Văn Ơn",
        None,
        "Bản Nà Hạ",
        "Khen thưởng hộ gia đình",
        "Gia đình văn hóa",
        "Hộ gia đình",
        None,
    ),
]


def test_the_real_reference_file_as_it_is_has_no_rows(campaign, unit, unit_head):
    created, errors = services.import_nominees(campaign, unit, unit_head, upload(REFERENCE.read_bytes()))
    assert created == 0
    assert errors == ["Tệp không có dòng nào để nhập (sheet «file nhận» chỉ có dòng tiêu đề)."]


def test_a_filled_copy_of_the_reference_file_imports(campaign, unit, unit_head, tmp_path):
    data = filled_reference(tmp_path, GOOD_ROWS)
    created, errors = services.import_nominees(campaign, unit, unit_head, upload(data))
    assert errors == []
    assert created == 4
    noms = {n.full_name: n for n in Nomination.objects.filter(campaign=campaign)}
    assert noms["Nguyễn Anh Đại"].award_type.code == "ldtt"
    assert noms["Nguyễn Anh Đại"].nominee_class == "leader_division" and noms["Nguyễn Anh Đại"].activity_field == "0013"
    assert noms["Lò Thị Hoa"].award_type.code == "giay-khen-ubnd-huyen"  # case, spacing, abbreviation alias
    assert noms["Đảng ủy xã Chiềng Mung"].nominee_kind == NomineeKind.COLLECTIVE
    assert noms["Đảng ủy xã Chiềng Mung"].organization == unit  # matched in the organisation tree
    assert noms["Hộ ông Cầm Văn Ơn"].nominee_kind == NomineeKind.HOUSEHOLD
    assert all(n.status == "draft" and n.proposer == unit for n in noms.values())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((5, "Ông", "", "", "", "Khen thưởng cá nhân", "Lao động tiên tiến", "", ""), "thiếu tên"),
        ((5, "Ông", "Vì Văn A", "", "", "", "Lao động tiên tiến", "", ""), "thiếu phân loại khen thưởng"),
        (
            (5, "Ông", "Vì Văn A", "", "", "Khen thưởng cá thể", "Lao động tiên tiến", "", ""),
            "«Khen thưởng cá thể» không có",
        ),
        (
            (5, "Ông", "Vì Văn A", "", "", "Khen thưởng cá nhân", "Huân chương Mặt Trăng", "", ""),
            "không tìm thấy «Huân chương Mặt Trăng»",
        ),
        (
            (5, "Ông", "Vì Văn A", "", "", "Khen thưởng cá nhân", "Tập thể lao động tiên tiến", "", ""),
            "không xét cho đối tượng cá nhân",
        ),
        (
            (5, "Ông", "Vì Văn A", "", "", "Khen thưởng cá nhân", "Lao động tiên tiến", "Nông dân", ""),
            "phân loại đối tượng «Nông dân»",
        ),
        (
            (5, "Ông", "Vì Văn A", "", "", "Khen thưởng cá nhân", "Lao động tiên tiến", "", "Vũ trụ"),
            "lĩnh vực hoạt động «Vũ trụ»",
        ),
        ((5, "Ông", "Vì Văn A", "", "", "Khen thưởng cá nhân", "Lao động tiên tiến", "", ""), None),
    ],
)
def test_one_wrong_row_imports_nothing(campaign, unit, unit_head, tmp_path, row, message):
    data = filled_reference(tmp_path, [*GOOD_ROWS, row])
    created, errors = services.import_nominees(campaign, unit, unit_head, upload(data))
    if message is None:
        assert (created, errors) == (5, [])
        return
    assert created == 0
    assert Nomination.objects.filter(campaign=campaign).count() == 0
    assert len(errors) == 1 and errors[0].startswith("Dòng 6:") and message in errors[0], errors


def test_every_wrong_row_is_reported(campaign, unit, unit_head, tmp_path):
    rows = [
        *GOOD_ROWS,
        (5, None, "", None, None, "Khen thưởng cá nhân", "Lao động tiên tiến", None, None),
        (6, None, "Vì Văn B", None, None, "Khen thưởng cá nhân", "Bằng khen xyz", None, None),
    ]
    _created, errors = services.import_nominees(campaign, unit, unit_head, upload(filled_reference(tmp_path, rows)))
    assert [e.split(":")[0] for e in errors] == ["Dòng 6", "Dòng 7"]


def test_a_name_of_a_rule_not_in_force_is_refused(make_campaign, people_committee, unit, unit_head, tmp_path):
    campaign = make_campaign(D(2025, 12, 31), people_committee)
    row = (
        1,
        "Ông",
        "Vì Văn A",
        "",
        "",
        "Khen thưởng cá nhân",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        "",
        "",
    )
    _created, errors = services.import_nominees(campaign, unit, unit_head, upload(filled_reference(tmp_path, [row])))
    assert "áp dụng ngày 31/12/2025" in errors[0]


def test_wrong_header_is_reported(campaign, unit, unit_head):
    wb = Workbook()
    wb.active.title = "file nhận"
    wb.active.append(["STT", "Tên gọi", "Họ và tên", "Chức vụ"])
    out = io.BytesIO()
    wb.save(out)
    _created, errors = services.import_nominees(campaign, unit, unit_head, upload(out.getvalue()))
    assert errors == [
        "Dòng tiêu đề không đúng mẫu: cột C phải là «Tên tập thể/cá nhân/hộ gia đình», tệp ghi «Họ và tên»."
    ]


@pytest.mark.parametrize("data", [b"%PDF-1.4 not a sheet", b"PK\x03\x04broken zip", b""])
def test_not_an_xlsx(campaign, unit, unit_head, data):
    _created, errors = services.import_nominees(campaign, unit, unit_head, upload(data))
    assert len(errors) == 1 and "Excel" in errors[0]


def test_export_has_the_template_shape_and_imports_back(campaign, unit, unit_head, other_unit):
    make_nomination(
        campaign,
        unit,
        "ldtt",
        name="Lò Văn Khoa",
        title_prefix="Ông",
        position="Cán bộ",
        nominee_class="direct_worker",
        activity_field="0007",
    )
    make_nomination(
        campaign, unit, "ttldtt", name="Đảng ủy xã Chiềng Mung", nominee_kind=NomineeKind.COLLECTIVE, organization=unit
    )
    data = xlsx.to_bytes(excel.export(Nomination.objects.filter(campaign=campaign).order_by("id")))
    wb = load_workbook(io.BytesIO(data))
    ws = wb["file nhận"]
    assert [c.value for c in ws[1]][:9] == excel.HEADERS
    assert [c.value or "" for c in ws[2]][:9] == [
        1,
        "Ông",
        "Lò Văn Khoa",
        "Cán bộ",
        "",
        "Khen thưởng cá nhân",
        "Lao động tiên tiến",
        "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
        "Nông nghiệp - Nông thôn",
    ]
    assert ws["S2"].value == "1647933042"  # the HTKT code of Lao động tiên tiến
    assert {"HTKT", "PLDT", "LVHD", "phan loai kt"} <= set(wb.sheetnames)
    Nomination.objects.all().delete()
    # Imported back by the unit that exported it (a unit may nominate only its own organisation and those below).
    created, errors = services.import_nominees(campaign, unit, unit_head, upload(data))
    assert (created, errors) == (2, [])
    # Another unit importing the same file cannot nominate Chiềng Mung's party committee.
    Nomination.objects.all().delete()
    created, errors = services.import_nominees(campaign, other_unit, _head(other_unit), upload(data))
    assert created == 0 and len(errors) == 1 and "Chiềng Mung" in errors[0]


def _head(org):
    from tests.factories import MembershipFactory

    return MembershipFactory(organization=org, role="head").user
