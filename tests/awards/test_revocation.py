"""Revoking, annulling and correcting awards: through the registry, statistics, prerequisites, print and pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards import eligibility, printing, selectors, services
from awards.enums import DecisionKind, DecisionStatus
from awards.enums import NominationStatus as S
from awards.models import Award, AwardAmendment

from .conftest import award_type, make_nomination
from .test_decision import pdf_text, state_decision

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(make_campaign, people_committee, unit, staff_user):
    """Two Lao động tiên tiến of 2024 in the registry, decided by the district people's committee on 28/12/2024."""
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    noms = [
        make_nomination(campaign, unit, "ldtt", status=S.APPROVED, name="Lò Thị Hoa", title_prefix="Bà"),
        make_nomination(campaign, unit, "ldtt", status=S.APPROVED, name="Vì Văn Sơn"),
    ]
    decision = state_decision(campaign, staff_user, noms)
    services.issue_decision(decision, staff_user)
    return campaign, decision, {a.full_name: a for a in Award.objects.filter(decision=decision)}


def amendment_fields(**extra):
    fields = dict(
        document_format="state",
        superior_body="ỦY BAN NHÂN DÂN TỈNH THỬ",
        issuing_body="ỦY BAN NHÂN DÂN HUYỆN THỬ",
        number=7,
        symbol="QĐ-UBND",
        place="Thử",
        issued_on=D(2025, 3, 10),
        title="Về việc hủy bỏ quyết định khen thưởng",
        preamble="Căn cứ khoản 2 Điều 93 Luật Thi đua, khen thưởng số 06/2022/QH15;",
        reason="Kê khai thành tích không trung thực (Kết luận thanh tra số 5/KL-TTr)",
        sign_on_behalf="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Ký",
        recipients="Như Điều 3;\nLưu: VT.",
    )
    fields.update(extra)
    return fields


def annul(award, staff_user, **extra):
    decision = services.create_amendment(award, staff_user, kind=DecisionKind.ANNUL, **amendment_fields(**extra))
    return services.issue_decision(decision, staff_user)


def test_annulment_marks_the_award_from_its_date_and_keeps_it_listed(issued, staff_user):
    _campaign, _decision, awards = issued
    revoking = annul(awards["Vì Văn Sơn"], staff_user)
    assert revoking.status == DecisionStatus.ISSUED and revoking.kind == DecisionKind.ANNUL
    award = Award.objects.get(pk=awards["Vì Văn Sơn"].pk)
    assert award.revoked_on == D(2025, 3, 10) and award.revoked_by == revoking
    assert Award.objects.count() == 2  # still in the registry
    assert not award.in_force_on(D(2025, 3, 10)) and award.in_force_on(D(2025, 3, 9))
    # Twice: nothing changes, and another decision cannot revoke it again.
    services.issue_decision(revoking, staff_user)
    assert Award.objects.get(pk=award.pk).revoked_by == revoking
    with pytest.raises(ValidationError, match="đã bị thu hồi"):
        services.create_amendment(award, staff_user, kind=DecisionKind.REVOKE, **amendment_fields(number=8))


@pytest.mark.parametrize(
    ("day", "counted"),
    [(D(2024, 12, 27), 0), (D(2024, 12, 28), 2), (D(2025, 3, 9), 2), (D(2025, 3, 10), 1), (D(2026, 1, 1), 1)],
)
def test_statistics_as_of_a_date(issued, staff_user, day, counted):
    _campaign, _decision, awards = issued
    annul(awards["Vì Văn Sơn"], staff_user)
    qs = selectors.in_force(Award.objects.all(), day)
    assert qs.count() == counted
    table = selectors.official_statistics(qs)
    assert table["rows"][0]["total"] == counted


def test_revoked_award_no_longer_counts_as_a_prerequisite(issued, staff_user, unit, make_campaign, people_committee):
    campaign, _decision, awards = issued
    cstdcs = make_nomination(campaign, unit, "cstdcs", name="Vì Văn Sơn", status=S.DRAFT)
    rule = [f for f in eligibility.evaluate(cstdcs) if f.rule == "prerequisite"][0]
    assert rule.ok
    annul(awards["Vì Văn Sơn"], staff_user)
    rule = [f for f in eligibility.evaluate(cstdcs) if f.rule == "prerequisite"][0]
    assert not rule.ok and rule.severity == "hard"


def test_correction_changes_the_registry_and_keeps_the_old_text(issued, staff_user):
    _campaign, _decision, awards = issued
    award = awards["Lò Thị Hoa"]
    old_key = award.nominee_key
    cstdcs = award_type("cstdcs", D(2024, 12, 31))
    decision = services.create_amendment(
        award,
        staff_user,
        kind=DecisionKind.CORRECT,
        corrections={"full_name": "Lò Thị Hoà", "award_type": cstdcs, "position": ""},
        **amendment_fields(reason="", title="Về việc đính chính"),
    )
    assert "«Lò Thị Hoa» nay đính chính là «Lò Thị Hoà»" in printing.decision_context(decision)["articles"][0]
    services.issue_decision(decision, staff_user)
    award.refresh_from_db()
    assert award.full_name == "Lò Thị Hoà" and award.award_type == cstdcs and award.revoked_on is None
    amendment = AwardAmendment.objects.get(decision=decision)
    assert amendment.before["full_name"] == "Lò Thị Hoa" and amendment.old_key == old_key
    assert amendment.corrections() == [
        ("tên", "Lò Thị Hoa", "Lò Thị Hoà"),
        ("danh hiệu / hình thức", "Lao động tiên tiến", cstdcs.name),
    ]
    # The history is found under the old name and the new one.
    assert list(selectors.history(Award.objects.all(), old_key)) == [award]
    assert list(selectors.history(Award.objects.all(), award.nominee_key)) == [award]


def test_correction_needs_a_change_and_revocation_a_reason(issued, staff_user):
    _campaign, _decision, awards = issued
    award = awards["Lò Thị Hoa"]
    with pytest.raises(ValidationError, match="ít nhất một nội dung"):
        services.create_amendment(
            award, staff_user, kind=DecisionKind.CORRECT, corrections={"full_name": "Lò Thị Hoa"}, **amendment_fields()
        )
    with pytest.raises(ValidationError, match="lý do"):
        services.create_amendment(award, staff_user, kind=DecisionKind.REVOKE, **amendment_fields(reason=" "))
    with pytest.raises(ValidationError, match="đã được dùng"):
        services.create_amendment(
            award, staff_user, kind=DecisionKind.REVOKE, **amendment_fields(number=12, issued_on=D(2024, 12, 30))
        )
    with pytest.raises(ValidationError, match="sau ngày"):
        services.create_amendment(
            award, staff_user, kind=DecisionKind.REVOKE, **amendment_fields(issued_on=D(2024, 1, 2))
        )


def test_only_the_issuers_staff_may_revoke(issued, unit_head):
    _campaign, _decision, awards = issued
    with pytest.raises(PermissionDenied):
        services.create_amendment(awards["Vì Văn Sơn"], unit_head, kind=DecisionKind.ANNUL, **amendment_fields())


def test_annulment_prints_in_the_issuers_format(issued, staff_user, tmp_path):
    _campaign, decision, awards = issued
    revoking = services.create_amendment(
        awards["Vì Văn Sơn"], staff_user, kind=DecisionKind.ANNUL, **amendment_fields()
    )
    text = pdf_text(printing.render_decision(revoking), tmp_path)
    for expected in (
        "Số: 07/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "khoản 2 Điều 93 Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Hủy bỏ Quyết định số 12/QĐ-UBND ngày 28/12/2024",
        "Vì Văn Sơn",
        "Kê khai thành tích không trung thực",
        "DANH SÁCH HỦY BỎ QUYẾT ĐỊNH KHEN THƯỞNG",
        "KT. CHỦ TỊCH",
    ):
        assert expected in text, expected
    assert "Lò Thị Hoa" not in text


@pytest.mark.parametrize(("day", "article"), [(D(2023, 12, 31), "Điều 96"), (D(2024, 1, 1), "Điều 93")])
def test_default_legal_basis_follows_the_law_of_the_day(day, article):
    from awards.forms import revocation_basis

    assert article in revocation_basis(day)


# --- Pages ---------------------------------------------------------------------------------------------


def test_amend_page_creates_a_draft_and_the_decision_page_issues_it(client, issued, staff_user):
    _campaign, _decision, awards = issued
    award = awards["Vì Văn Sơn"]
    client.force_login(staff_user)
    url = reverse("awards:amend", args=[award.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Điều 93" in page.content.decode()  # today's law in the default basis
    data = {k: v for k, v in amendment_fields().items()}
    data.update(kind="annul", issued_on="10/03/2025")
    response = client.post(url, data)
    assert response.status_code == 302
    revoking = award.amendments.get().decision
    assert revoking.status == DecisionStatus.DRAFT
    detail = client.get(reverse("awards:decision", args=[revoking.pk])).content.decode()
    assert "Hủy bỏ quyết định khen thưởng" in detail and "Vì Văn Sơn" in detail
    client.post(reverse("awards:decision_issue", args=[revoking.pk]))
    award.refresh_from_db()
    assert award.revoked_on == D(2025, 3, 10)
    registry = client.get(reverse("awards:registry")).content.decode()
    assert "Hủy bỏ quyết định khen thưởng từ 10/03/2025" in registry
    history = client.get(reverse("awards:history"), {"key": award.nominee_key}).content.decode()
    assert "Quyết định 07/QĐ-UBND ngày 10/03/2025" in history and "Kê khai thành tích" in history
    stats = client.get(reverse("awards:statistics"), {"as_of": "2025-03-09"}).content.decode()
    assert 'id="as-of">09/03/2025' in stats


def test_amend_page_is_scoped_and_post_only_changes(client, issued, unit_head, other_head):
    _campaign, _decision, awards = issued
    url = reverse("awards:amend", args=[awards["Vì Văn Sơn"].pk])
    client.force_login(other_head)  # another unit: not even visible
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "annul"}).status_code == 404
    client.force_login(unit_head)  # the proposing unit sees the award but may not revoke it
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "annul"}).status_code == 403
    assert not AwardAmendment.objects.exists()


def test_history_query_count_does_not_grow(client, issued, staff_user, django_assert_max_num_queries):
    _campaign, _decision, awards = issued
    award = awards["Vì Văn Sơn"]
    annul(award, staff_user)
    client.force_login(staff_user)
    url = reverse("awards:history") + f"?key={award.nominee_key}"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        annul(
            award.__class__.objects.create(**{**_copy(award), "decided_on": D(2024, 12, 28)}), staff_user, number=20 + n
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count('class="amendment"') == 4
    assert len(many) == len(one)


def _copy(award):
    fields = (
        "decision_id",
        "award_type_id",
        "proposer_id",
        "nominee_kind",
        "full_name",
        "birth_year",
        "year",
        "achievement",
    )
    return {f: getattr(award, f) for f in fields}


def test_revoked_award_no_longer_counts_as_a_duplicate(issued, staff_user, unit, make_campaign, people_committee):
    """Proposed again after an annulment: the same title, same year, same campaign is no longer «khen trùng»; the
    one still in force is."""
    campaign, _decision, awards = issued
    again = make_nomination(campaign, unit, "ldtt", name="Vì Văn Sơn", status=S.DRAFT)
    other = make_nomination(campaign, unit, "ldtt", name="Lò Thị Hoa", status=S.DRAFT, title_prefix="Bà")
    duplicate = lambda nom: [f for f in eligibility.evaluate(nom) if f.rule == "duplicate"][0]  # noqa: E731
    assert not duplicate(again).ok and not duplicate(other).ok
    annul(awards["Vì Văn Sơn"], staff_user)
    assert duplicate(again).ok, duplicate(again).message
    assert not duplicate(other).ok
    # A later campaign of the same year: the same holds through the registry's «same title, same year».
    later = make_campaign(D(2024, 12, 30), people_committee)
    assert duplicate(make_nomination(later, unit, "ldtt", name="Vì Văn Sơn", status=S.DRAFT)).ok
    assert not duplicate(make_nomination(later, unit, "ldtt", name="Lò Thị Hoa", status=S.DRAFT, title_prefix="Bà")).ok
