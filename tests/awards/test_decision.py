"""Decisions in the issuer's official format, certificates, and the registry written once."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError

from awards import printing, services
from awards.enums import DecisionStatus
from awards.enums import NominationStatus as S
from awards.models import Award, Decision

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db


def pdf_text(data, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def approved(make_campaign, people_committee, unit):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    return campaign, [
        make_nomination(
            campaign,
            unit,
            "giay-khen-ubnd-huyen",
            status=S.APPROVED,
            name="Lò Thị Hoa",
            title_prefix="Bà",
            position="Chuyên viên",
            unit_name="UBND xã Thử",
        ),
        make_nomination(campaign, unit, "giay-khen-ubnd-huyen", status=S.APPROVED, name="Vì Văn Sơn"),
    ]


def state_decision(campaign, staff_user, noms, **extra):
    fields = dict(
        document_format="state",
        superior_body="ỦY BAN NHÂN DÂN TỈNH THỬ",
        issuing_body="ỦY BAN NHÂN DÂN HUYỆN THỬ",
        number=12,
        symbol="QĐ-UBND",
        place="Thử",
        issued_on=D(2024, 12, 28),
        title="Về việc khen thưởng",
        sign_on_behalf="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Ký",
        recipients="Như Điều 3;\nLưu: VT.",
    )
    fields.update(extra)
    return services.create_decision(campaign, staff_user, noms, **fields)


def test_issue_writes_the_registry_once(approved, staff_user, django_capture_on_commit_callbacks):
    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.issue_decision(decision, staff_user)
    assert len(callbacks) == 1  # the print task, queued on commit
    assert Award.objects.filter(decision=decision).count() == 2
    assert all(n.status == S.DECIDED for n in decision.nominations.all())
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED and decision.pdf
    assert all(a.certificate for a in Award.objects.filter(decision=decision))
    # Twice: nothing doubles.
    services.issue_decision(decision, staff_user)
    assert services.record_awards(decision) == 0
    assert Award.objects.filter(decision=decision).count() == 2
    assert printing.print_decision(decision.pk) == 0


def test_issued_decision_cannot_change(approved, staff_user):
    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)
    services.issue_decision(decision, staff_user)
    decision.refresh_from_db()
    decision.signer_name = "Người khác"
    with pytest.raises(ValidationError):
        decision.save()


def test_only_approved_nominations_enter_a_decision(make_campaign, people_committee, unit, staff_user):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    checked = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    with pytest.raises(ValidationError, match="chưa được Hội đồng thông qua"):
        state_decision(campaign, staff_user, [checked])
    assert not Decision.objects.exists()


def test_state_decision_prints_in_the_decree_30_format(approved, staff_user, tmp_path):
    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)
    assert decision.printed_reference == "Số: 12/QĐ-UBND"
    text = pdf_text(printing.render_decision(decision), tmp_path)
    for expected in (
        "Số: 12/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        "KT. CHỦ TỊCH",
        "Nguyễn Văn Ký",
        "DANH SÁCH KHEN THƯỞNG",
        "Lò Thị Hoa",
        "Vì Văn Sơn",
    ):
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text


def test_party_decision_prints_in_the_party_format(make_campaign, unit, staff_user, tmp_path):
    campaign = make_campaign(D(2020, 12, 31))
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name="Lò Văn Khoa")
    decision = services.create_decision(
        campaign,
        staff_user,
        [nom],
        document_format="party",
        superior_body="ĐẢNG BỘ TỈNH THỬ",
        issuing_body="HUYỆN ỦY THỬ",
        number=150,
        symbol="QĐ/HU",
        place="Thử",
        issued_on=D(2020, 12, 25),
        sign_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        signer_name="Nguyễn Văn Ký",
    )
    assert decision.printed_reference == "Số 150-QĐ/HU"
    text = pdf_text(printing.render_decision(decision), tmp_path)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 150-QĐ/HU",
        "BAN THƯỜNG VỤ HUYỆN ỦY THỬ",
        "T/M BAN THƯỜNG VỤ",
        "Thử, ngày 25 tháng 12 năm 2020",
        "Lò Văn Khoa",
    ):
        assert expected in text, expected
    assert "Số:" not in text


def test_certificate_is_a4_landscape_with_name_and_decision(approved, staff_user, tmp_path):
    from pypdf import PdfReader

    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)
    services.issue_decision(decision, staff_user)
    award = Award.objects.get(nomination=noms[0])
    data = printing.render_certificate(award)
    (tmp_path / "gk.pdf").write_bytes(data)
    page = PdfReader(tmp_path / "gk.pdf").pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert round(width) == 842 and round(height) == 595  # A4 landscape in points
    text = pdf_text(data, tmp_path)
    assert "GIẤY KHEN" in text and "Bà Lò Thị Hoa" in text and "12/QĐ-UBND" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THỬ" in text


def test_user_text_is_escaped_in_print(make_campaign, unit, staff_user, tmp_path):
    campaign = make_campaign(D(2020, 12, 31))
    nom = make_nomination(
        campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name="<img src=file:///etc/passwd>Khoa"
    )
    decision = services.create_decision(
        campaign,
        staff_user,
        [nom],
        issuing_body="HUYỆN ỦY THỬ",
        number=1,
        symbol="QĐ/HU",
        place="Thử",
        issued_on=D(2020, 12, 25),
        signer_name="Ký",
    )
    text = pdf_text(printing.render_decision(decision), tmp_path)
    assert "<imgsrc=file:///etc/passwd>Khoa" in text.replace(" ", "")  # printed as text, never fetched


def test_a_decision_number_is_used_once_a_year(approved, staff_user):
    campaign, noms = approved
    state_decision(campaign, staff_user, noms[:1])
    with pytest.raises(ValidationError, match="12/QĐ-UBND năm 2024 đã được dùng"):
        state_decision(campaign, staff_user, noms[1:])
    state_decision(campaign, staff_user, noms[1:], issued_on=D(2025, 1, 5))  # numbers start again each year


def test_two_reviewers_at_once_only_one_wins(make_campaign, unit, staff_user):
    from thidua.workflow import TransitionConflict

    campaign = make_campaign(D(2020, 12, 31))
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    stale = type(nom).objects.get(pk=nom.pk)
    services.check_nomination(nom, staff_user)
    with pytest.raises(TransitionConflict):
        services.return_nomination(stale, staff_user, "Thiếu hồ sơ")
    nom.refresh_from_db()
    assert nom.status == S.CHECKED and nom.log.count() == 1


def test_certificate_carries_its_number_in_the_book(approved, staff_user, tmp_path):
    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)
    services.issue_decision(decision, staff_user)
    first, second = (Award.objects.get(nomination=n) for n in noms)
    assert printing.certificate_book_reference(first) == "1/GK"
    text = pdf_text(printing.render_certificate(second), tmp_path)
    assert "Số: 2/GK" in text and "Số sổ vàng" not in text
    # Both numbers come from the issuer's register of outgoing documents (the book of the year), as the decision's.
    from thidua.documents import register

    book = [register.entry_for(a) for a in (first, second)]
    assert [(e.document_type, e.period, e.number) for e in book] == [
        ("GK", str(first.decided_on.year), n) for n in (1, 2)
    ]
    assert register.entry_for(decision).number == decision.number


def test_state_decision_by_the_chairman_names_the_chairman(approved, staff_user, tmp_path):
    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)  # KT. CHỦ TỊCH
    text = pdf_text(printing.render_decision(decision), tmp_path)
    heading = text.split("QUYẾT ĐỊNH:")[0].split("Về việc khen thưởng")[1]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THỬ" in heading
    assert "ngày 28/12/2024 của Chủ tịch Ủy ban nhân dân huyện Thử)" in text
    decision.sign_on_behalf = "TM. ỦY BAN NHÂN DÂN"  # the committee decides: its own name, no «Chủ tịch»
    context = printing.decision_context(decision)
    assert (context["deciding_body"], context["deciding_name"]) == (
        "ỦY BAN NHÂN DÂN HUYỆN THỬ",
        "Ủy ban nhân dân huyện Thử",
    )


def test_no_decision_is_issued_without_the_print_font(approved, staff_user, fonts_missing):
    campaign, noms = approved
    decision = state_decision(campaign, staff_user, noms)
    with pytest.raises(ValidationError, match="fonts-liberation2"):
        services.issue_decision(decision, staff_user)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and not decision.pdf
    assert not Award.objects.filter(decision=decision).exists()
