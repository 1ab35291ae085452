"""Nomination page and form details found by QA: log labels, the form's errors and choices, confirmations,
the council's way in from the home page."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from awards import services
from awards.enums import NominationStatus as S
from awards.models import Nomination, NominationLog

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db

RAW_CODES = ("draft", "submitted", "checked", "in_council", "approved", "rejected", "decided", "returned")


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def test_log_shows_vietnamese_state_labels(campaign, unit, unit_head, staff_user, client, admin_client):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    services.check_nomination(nom, staff_user)
    services.return_nomination(nom, staff_user, "Bổ sung biên bản.")
    client.force_login(unit_head)
    html = client.get(reverse("awards:nomination", args=[nom.pk])).content.decode()
    log = html.split('id="nomination-log"')[1].split("</ul>")[0]
    assert "Đã gửi → Đã thẩm định" in log and "Đã thẩm định → Trả lại" in log and "Thẩm định đạt" in log
    assert not any(f" {code} " in log.replace("→", " ") for code in RAW_CODES)
    assert str(NominationLog.objects.filter(subject=nom).first()).endswith("Đã gửi → Đã thẩm định")
    admin_html = admin_client.get(reverse("admin:awards_nomination_change", args=[nom.pk])).content.decode()
    assert "Đã thẩm định" in admin_html and ">checked<" not in admin_html
    assert site.is_registered(Nomination)


def test_submit_needs_the_dossier(campaign, unit, unit_head):
    from thidua.workflow import TransitionError

    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", dossier=False)
    with pytest.raises(TransitionError, match="Hồ sơ còn thiếu: Tờ trình, công văn đề nghị; Báo cáo thành tích"):
        services.submit_nomination(nom, unit_head)
    nom.refresh_from_db()
    assert nom.status == S.DRAFT


def test_demo_nominations_past_draft_carry_their_dossier(demo):
    from awards.eligibility import REQUIRED_DOSSIER

    sent = Nomination.objects.filter(campaign=demo).exclude(status=S.DRAFT)
    assert sent.count() >= 8
    for nom in sent:
        assert set(REQUIRED_DOSSIER) <= set(nom.files.values_list("kind", flat=True)), nom
        assert nom.files.first().file.read(5) == b"%PDF-"


def test_nomination_form_errors_once_with_a_summary(campaign, client, unit_head):
    client.force_login(unit_head)
    response = client.post(
        reverse("awards:nomination_create", args=[campaign.pk]),
        {"nominee_kind": "individual", "full_name": "", "year": "2020"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["full_name"] == ["Cần ghi tên."]
    html = response.content.decode()
    summary = html.split('id="form-errors"')[1].split("</div>")[0]
    assert "Cần ghi tên." in summary and "Chọn danh hiệu thi đua hoặc hình thức khen thưởng." in summary
    assert html.count("Cần ghi tên.") == 2  # once in the summary, once under the field


def test_nomination_form_preselects_the_only_unit(campaign, client, unit, unit_head):
    client.force_login(unit_head)
    html = client.get(reverse("awards:nomination_create", args=[campaign.pk])).content.decode()
    select = html.split('name="proposer"')[1].split("</select>")[0]
    assert f'<option value="{unit.pk}" selected>' in select


def test_award_list_in_force_usable_and_grouped(campaign, client, unit_head):
    from awards.models import AwardType

    client.force_login(unit_head)
    response = client.get(reverse("awards:nomination_create", args=[campaign.pk]))
    field = response.context["form"].fields["award_type"]
    offered = set(field.queryset.values_list("pk", flat=True))
    in_force = set(AwardType.objects.valid_on(campaign.period_end).values_list("pk", flat=True))
    assert offered and offered <= in_force
    names = set(field.queryset.values_list("name", flat=True))
    assert "Giấy khen của Ban Thường vụ Huyện ủy" in names  # the district Standing Committee awards it
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện" not in names  # a people's committee's, not the party's
    assert "Gia đình văn hóa" not in names
    select = response.content.decode().split('name="award_type"')[1].split("</select>")[0]
    assert '<optgroup label="Hình thức khen thưởng">' in select  # what the district Standing Committee decides, first
    assert '<optgroup label="Hình thức khen thưởng — đề nghị cấp trên quyết định">' in select
    assert select.index("Giấy khen của Ban Thường vụ Huyện ủy") < select.index("Bằng khen của Ban Thường vụ Tỉnh ủy")
    assert "Bằng khen của Ban Thường vụ Tỉnh ủy (đề nghị cấp trên quyết định)" in select
    gk = AwardType.objects.valid_on(campaign.period_end).get(code="giay-khen-btv-huyen-uy")
    assert (
        f'data-kinds="individual collective" value="{gk.pk}"' in select
        or f'value="{gk.pk}" data-kinds="individual collective"' in select
    )


@pytest.fixture
def open_session(campaign, unit, staff_user, council_members):
    session = services.create_session(
        campaign,
        staff_user,
        title="Phiên họp mở",
        held_on=D(2020, 12, 20),
        members=council_members,
        threshold="gt_1_2",
    )
    for _ in range(2):
        services.put_to_council(
            make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED), session, staff_user
        )
    return session


def test_council_member_finds_sessions_from_home_and_nav(
    campaign, staff_user, council_member, council_members, unit_head, open_session, client
):
    closed = services.create_session(
        campaign,
        staff_user,
        title="Phiên họp đã xong",
        held_on=D(2020, 12, 25),
        members=council_members,
        threshold="gt_1_2",
    )
    services.close_session(closed, staff_user)
    client.force_login(council_member)
    html = client.get("/").content.decode()
    card = html.split('id="my-council-sessions"')[1]
    assert card.index("Phiên họp mở") < card.index("Phiên họp đã xong")  # open first, though held earlier
    assert "Chờ bạn bỏ phiếu: 2 đề nghị" in card
    nav = html.split('id="nav-council"')[1].split("</a>")[0]
    assert ">2</span>" in nav
    nom = open_session.nominations.first()
    services.cast_vote(open_session, nom, council_member, "yes")
    client.force_login(council_member)
    html = client.get("/").content.decode()
    assert "Chờ bạn bỏ phiếu: 1 đề nghị" in html
    listing = client.get(reverse("awards:sessions")).content.decode()
    assert listing.index("Phiên họp mở") < listing.index("Phiên họp đã xong") and "Chờ phiếu của bạn" in listing
    client.force_login(unit_head)
    html = client.get("/").content.decode()
    assert 'id="nav-council"' not in html and 'id="my-council-sessions"' not in html


def test_home_queries_do_not_grow_with_sessions(campaign, staff_user, council_member, council_members, client):
    from tests.utils import queries_for

    def add():
        services.create_session(
            campaign, staff_user, title="Họp", held_on=D(2020, 12, 20), members=council_members, threshold="gt_1_2"
        )

    add()
    client.force_login(council_member)
    urls = ["/", reverse("awards:sessions")]
    few = [queries_for(client, url) for url in urls]
    for _ in range(8):
        add()
    assert [queries_for(client, url) for url in urls] == few


def test_official_statistics_table_and_xlsx(campaign, unit, other_unit, staff_user, other_head, client, tmp_path):
    import io

    from openpyxl import load_workbook

    from .conftest import make_award

    make_award(campaign, unit, "giay-khen-btv-huyen-uy", nominee_class="direct_worker")
    make_award(campaign, unit, "giay-khen-btv-huyen-uy", nominee_class="leader_division", gender="female")
    make_award(
        campaign,
        unit,
        "giay-khen-btv-huyen-uy",
        nominee_kind="collective",
        organization=unit,
        name=unit.name,
        nominee_class="enterprise",
    )
    make_award(campaign, unit, "bang-khen-btv-tinh-uy", nominee_class="direct_worker")
    client.force_login(staff_user)
    response = client.get(reverse("awards:statistics"))
    table = response.context["table"]
    assert [c["name"] for c in table["columns"]] == [
        "Giấy khen của Ban Thường vụ Huyện ủy",
        "Bằng khen của Ban Thường vụ Tỉnh ủy",
    ]
    rows = {r["label"]: r for r in table["rows"]}
    assert rows["Tổng số"]["cells"] == [1, 2, 0, 1] and rows["Tổng số"]["total"] == 4
    assert rows["1. Tập thể"]["cells"] == [1, 0, 0, 0] and rows["trong đó: doanh nghiệp"]["total"] == 1
    assert rows["3. Cá nhân"]["cells"] == [0, 2, 0, 1]
    assert rows["Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"]["cells"] == [0, 1, 0, 1]
    assert rows["Các cấp lãnh đạo từ phó phòng trở lên"]["total"] == 1
    assert rows["Khen thưởng theo đợt, chuyên đề"]["total"] == 4 and rows["Khen thưởng thường xuyên"]["total"] == 0
    xlsx = client.get(reverse("awards:statistics"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(xlsx.getvalue())).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "Biểu số: 0602.N/BNV-TĐKT, 0603.N/BNV-TĐKT" and "02/2023/TT-BNV" in values[1][0]
    assert values[3][0].startswith("SỐ LƯỢNG KHEN THƯỞNG") and values[4][0].startswith("Tính đến ngày")
    assert values[7][2:6] == ("Tập thể", "Cá nhân", "Tập thể", "Cá nhân")
    assert values[8][:6] == ("Tổng số", 4, 1, 2, 0, 1)
    html = response.content.decode()
    assert "Biểu số: 0602.N/BNV-TĐKT, 0603.N/BNV-TĐKT" in html and "Thông tư số 02/2023/TT-BNV" in html
    pdf = client.get(reverse("awards:statistics"), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    from .test_decision import pdf_text

    text = pdf_text(pdf.content, tmp_path)
    assert "Biểu số: 0602.N/BNV-TĐKT, 0603.N/BNV-TĐKT" in text and "Tính đến ngày" in text
    assert "Tổng số 4 1 2 0 1" in text
    # A unit that only proposed sees none of it: the table is the deciding body's own level.
    client.force_login(other_head)
    assert client.get(reverse("awards:statistics")).context["table"]["rows"][0]["total"] == 0
