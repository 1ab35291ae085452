"""Units' prints follow the unit's kind: Party format for party bodies, decree 30/2020 for state bodies,
the national name for the front and mass organisations; numbers carry the unit's symbol."""

import subprocess

import pytest

from campaigns import printing, services
from campaigns.models import ProgressReport, SubPlan
from tests.factories import OrganizationFactory
from units.models import Organization

from .conftest import fill
from .test_progress_reports import write

pytestmark = pytest.mark.django_db

PARTY_LINE = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _text(pdf_bytes, tmp_path, name="doc.pdf"):
    path = tmp_path / name
    path.write_bytes(pdf_bytes)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _raw(pdf_bytes):
    """Text in content order: the header's left block (issuer, number) comes whole, before the right one."""
    result = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf_bytes, check=True, capture_output=True)
    return " ".join(result.stdout.decode("utf-8").split())


def _lines(text):
    return [line.strip() for chunk in text.splitlines() for line in chunk.split("   ") if line.strip()]


def _become(org, kind, name, level="district"):
    Organization.objects.filter(pk=org.pk).update(kind=kind, name=name, level=level)
    org.refresh_from_db()


@pytest.mark.parametrize(
    ("kind", "name", "level", "expected"),
    [
        (
            "peoples_committee",
            "Ủy ban nhân dân huyện Mai Sơn",
            "district",
            ("state", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ),
        ("agency", "Trung tâm Văn hóa - Truyền thông huyện Mai Sơn", "district", ("state", "", "GIÁM ĐỐC")),
        ("commune", "Đảng ủy xã Chiềng Mung", "commune", ("party", "T/M ĐẢNG ỦY", "BÍ THƯ")),
        ("party_cell", "Chi bộ Kho bạc Nhà nước huyện", "grassroots", ("party", "T/M CHI BỘ", "BÍ THƯ")),
        ("party_cell", "Đảng bộ Công an huyện Mai Sơn", "grassroots", ("party", "T/M ĐẢNG ỦY", "BÍ THƯ")),
        ("party_committee", "Huyện ủy Mai Sơn", "district", ("party", "T/M BAN THƯỜNG VỤ", "BÍ THƯ")),
        ("party_committee", "Đảng ủy khối cơ quan", "grassroots", ("party", "T/M ĐẢNG ỦY", "BÍ THƯ")),
        ("committee_board", "Ban Tuyên giáo Huyện ủy Mai Sơn", "district", ("party", "", "TRƯỞNG BAN")),
        (
            "fatherland_front",
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mai Sơn",
            "district",
            ("state", "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"),
        ),
        (
            "mass_organization",
            "Hội Liên hiệp Phụ nữ huyện Mai Sơn",
            "district",
            ("state", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"),
        ),
        ("mass_organization", "Huyện đoàn Mai Sơn", "district", ("state", "TM. BAN THƯỜNG VỤ", "BÍ THƯ")),
        (
            "mass_organization",
            "Liên đoàn Lao động huyện Mai Sơn",
            "district",
            ("state", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"),
        ),
    ],
)
def test_style_from_the_kind(kind, name, level, expected):
    style = printing.unit_style(Organization(kind=kind, name=name, level=level))
    assert (style.document_format, style.sign_on_behalf, style.signer_title) == expected


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("Đảng ủy xã Chiềng Mung", "ĐU"),
        ("Ủy ban nhân dân huyện Mai Sơn", "UBND"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mai Sơn", "MTTQ"),
        ("Hội Liên hiệp Phụ nữ huyện Mai Sơn", "HLHPN"),
        ("Huyện đoàn Mai Sơn", "HĐ"),
        ("Hội Nông dân huyện Mai Sơn", "HND"),
        ("Hội Cựu chiến binh huyện Mai Sơn", "HCCB"),
        ("Liên đoàn Lao động huyện Mai Sơn", "LĐLĐ"),
        ("Chi bộ Kho bạc Nhà nước huyện", "CB"),
        ("Đảng bộ Công an huyện Mai Sơn", "ĐB"),
        ("Ban Tuyên giáo Huyện ủy Mai Sơn", "BTGHU"),
        ("Ủy ban Kiểm tra Huyện ủy Mai Sơn", "UBKTHU"),
        ("Huyện ủy Mai Sơn", "HU"),
        ("Ban Thường vụ Huyện ủy Mai Sơn", "HU"),
        ("Cổng Thông tin điện tử huyện Mai Sơn", "CTTĐT"),
    ],
)
def test_unit_symbol(name, symbol):
    assert printing.unit_symbol(Organization(kind="other", name=name)) == symbol


def test_document_number_in_the_units_format():
    commune = Organization(kind="commune", name="Đảng ủy xã Chiềng Mung")
    ubnd = Organization(kind="peoples_committee", name="Ủy ban nhân dân huyện Mai Sơn")
    assert printing.document_number("18", "KH", commune) == "18-KH/ĐU"
    assert printing.document_number("23-BC", "BC", commune) == "23-BC/ĐU"
    assert printing.document_number("45-KH/HU", "KH", commune) == "45-KH/HU"  # a typed symbol is kept
    assert printing.document_number("10-KH/UBND", "KH", ubnd) == "10/KH-UBND"
    assert printing.document_number("20", "BC", ubnd) == "20/BC-UBND"
    assert printing.document_number("số đặc biệt", "BC", ubnd) == "số đặc biệt"
    assert printing.document_number("Số 18-KH/ĐU", "KH", commune) == "18-KH/ĐU"  # "Số" typed too
    assert printing.document_number("Số: 18-kh", "KH", commune) == "18-KH/ĐU"


def test_peoples_committee_subplan_prints_in_the_state_format(client, subplan, unit, issuer, unit_head, tmp_path):
    _become(unit, "peoples_committee", "Ủy ban nhân dân huyện Thử")
    fill(subplan, unit_head)
    SubPlan.objects.filter(pk=subplan.pk).update(number="10-KH/UBND", signer_title="", place="Mai Sơn")
    client.force_login(unit_head)
    response = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/in/")
    assert response.status_code == 200
    layout = _text(response.content, tmp_path)
    lines = _lines(layout)
    assert NATION in lines[:3] and MOTTO in lines[:6]
    assert "Số: 10/KH-UBND" in lines and _raw(response.content).startswith("ỦY BAN NHÂN DÂN HUYỆN THỬ")
    assert PARTY_LINE not in layout and issuer.printed_header not in layout and "*" not in lines
    assert "TM. ỦY BAN NHÂN DÂN" in lines and "CHỦ TỊCH" in lines
    assert "THỦ TRƯỞNG" not in layout and "BÍ THƯ" not in layout


def test_peoples_committee_report_prints_in_the_state_format(report, unit, unit_head, tmp_path):
    write(report, unit_head)
    _become(unit, "peoples_committee", "Ủy ban nhân dân huyện Thử")
    ProgressReport.objects.filter(pk=report.pk).update(number="20", signer_title="")
    report.refresh_from_db()
    lines = _lines(_text(printing.report_pdf(report), tmp_path))
    assert NATION in lines[:3] and "Số: 20/BC-UBND" in lines
    assert "TM. ỦY BAN NHÂN DÂN" in lines and "CHỦ TỊCH" in lines and "BÍ THƯ" not in lines


def test_party_committee_report_number_gets_the_symbol_and_signs_on_behalf(report, unit, issuer, unit_head, tmp_path):
    write(report, unit_head)
    ProgressReport.objects.filter(pk=report.pk).update(number="23-BC", signer_title="")
    report.refresh_from_db()
    layout = _text(printing.report_pdf(report), tmp_path)
    lines = _lines(layout)
    assert lines[0] == issuer.printed_header and PARTY_LINE in lines[:2]
    assert "Số 23-BC/ĐU" in lines and "*" in lines
    assert "T/M ĐẢNG ỦY" in lines and "BÍ THƯ" in lines
    assert NATION not in layout


def test_party_cell_signs_for_the_cell(subplan, unit, unit_head, tmp_path):
    _become(unit, "party_cell", "Chi bộ Kho bạc Nhà nước huyện", level="grassroots")
    fill(subplan, unit_head)
    SubPlan.objects.filter(pk=subplan.pk).update(number="7")
    subplan.refresh_from_db()
    lines = _lines(_text(printing.subplan_pdf(subplan), tmp_path))
    assert "Số 7-KH/CB" in lines and "T/M CHI BỘ" in lines and "BÍ THƯ" in lines


def test_front_prints_the_national_name_and_the_standing_board(subplan, unit, issuer, unit_head, tmp_path):
    _become(unit, "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Thử")
    fill(subplan, unit_head)
    SubPlan.objects.filter(pk=subplan.pk).update(number="15", signer_title="")
    subplan.refresh_from_db()
    layout = _text(printing.subplan_pdf(subplan), tmp_path)
    lines = _lines(layout)
    assert NATION in " ".join(layout.split()) and PARTY_LINE not in layout and issuer.printed_header not in layout
    assert "Số: 15/KH-MTTQ" in lines and "TM. BAN THƯỜNG TRỰC" in lines and "CHỦ TỊCH" in lines


def test_agency_under_the_peoples_committee_prints_it_above(subplan, unit, issuer, unit_head, tmp_path):
    ubnd = OrganizationFactory(parent=issuer, kind="peoples_committee", name="Ủy ban nhân dân huyện Thử", code="ubnd-t")
    Organization.objects.filter(pk=unit.pk).update(kind="agency", name="Trung tâm Y tế huyện Thử")
    unit.refresh_from_db()
    unit.parent = ubnd
    unit.save()
    fill(subplan, unit_head)
    SubPlan.objects.filter(pk=subplan.pk).update(number="12")
    subplan.refresh_from_db()
    pdf = printing.subplan_pdf(subplan)
    layout = _text(pdf, tmp_path)
    assert _raw(pdf).startswith("ỦY BAN NHÂN DÂN HUYỆN")
    assert "TRUNG TÂM Y TẾ HUYỆN THỬ" in " ".join(layout.split()).split(NATION)[-1] or "TRUNG TÂM Y TẾ" in layout
    assert "Số: 12/KH-TTYT" in layout and "TM. ỦY BAN NHÂN DÂN" not in layout


def test_unit_edits_the_on_behalf_line_and_the_title(client, subplan, unit, unit_head, tmp_path):
    _become(unit, "peoples_committee", "Ủy ban nhân dân huyện Thử")
    client.force_login(unit_head)
    page = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/").content.decode()
    assert 'name="sign_on_behalf"' in page and 'placeholder="TM. ỦY BAN NHÂN DÂN"' in page
    assert "ví dụ 45/KH-UBND" in page
    fill(subplan, unit_head)
    subplan.refresh_from_db()
    services.save_subplan(
        subplan,
        unit_head,
        version=subplan.version,
        header={"sign_on_behalf": "KT. Chủ tịch", "signer_title": "Phó Chủ tịch"},
        sections={},
    )
    subplan.refresh_from_db()
    lines = _lines(_text(printing.subplan_pdf(subplan), tmp_path))
    assert "KT. CHỦ TỊCH" in lines and "PHÓ CHỦ TỊCH" in lines and "TM. ỦY BAN NHÂN DÂN" not in lines


def test_mass_organisation_prints_its_own_superior_not_the_front(subplan, unit, issuer, unit_head, tmp_path):
    front = OrganizationFactory(
        parent=issuer, kind="fatherland_front", code="mttq-t", name="Ủy ban Mặt trận Tổ quốc Việt Nam huyện Thử"
    )
    Organization.objects.filter(pk=unit.pk).update(kind="mass_organization", name="Hội Nông dân huyện Thử")
    unit.refresh_from_db()
    unit.parent = front
    unit.save()
    fill(subplan, unit_head)
    SubPlan.objects.filter(pk=subplan.pk).update(number="9")
    subplan.refresh_from_db()
    flat = _raw(printing.subplan_pdf(subplan))
    assert "MẶT TRẬN" not in flat and "HỘI NÔNG DÂN HUYỆN THỬ" in flat and NATION in flat
    assert "Số: 09/KH-HND" in flat and "TM. BAN THƯỜNG VỤ" in flat


def test_detail_pages_show_the_number_as_it_prints(client, report, subplan, unit_head):
    write(report, unit_head)
    ProgressReport.objects.filter(pk=report.pk).update(number="23-BC")
    SubPlan.objects.filter(pk=subplan.pk).update(number="18")
    client.force_login(unit_head)
    assert "23-BC/ĐU" in client.get(f"/phong-trao/bao-cao-don-vi/{report.pk}/").content.decode()
    assert "18-KH/ĐU" in client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").content.decode()
