"""Pages: the permission matrix for nominations and sessions, forms keep what was typed, registry search and counts."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards import services
from awards.enums import NominationStatus as S
from awards.models import Award, CouncilSession, Nomination
from tests.utils import queries_for, tiny_pdf

from .conftest import make_award, make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db

ROLES = ["unit_head", "other_head", "staff_user", "council_member", "anonymous"]


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


@pytest.fixture
def as_role(client, request):
    def _as(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return _as


def code(response):
    if response.status_code == 302 and "/dang-nhap/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            S.DRAFT,
            {"unit_head": 200, "other_head": 404, "staff_user": 404, "council_member": 404, "anonymous": "login"},
        ),
        (
            S.SUBMITTED,
            {"unit_head": 200, "other_head": 404, "staff_user": 200, "council_member": 404, "anonymous": "login"},
        ),
        (
            S.DECIDED,
            {"unit_head": 200, "other_head": 404, "staff_user": 200, "council_member": 404, "anonymous": "login"},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_nomination_page_matrix(campaign, unit, as_role, role, state, expected):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=state)
    assert code(as_role(role).get(reverse("awards:nomination", args=[nom.pk]))) == expected[role]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            S.DRAFT,
            {"unit_head": 200, "other_head": 404, "staff_user": 404, "council_member": 404, "anonymous": "login"},
        ),
        (
            S.RETURNED,
            {"unit_head": 200, "other_head": 404, "staff_user": 403, "council_member": 404, "anonymous": "login"},
        ),
        (
            S.SUBMITTED,
            {"unit_head": 403, "other_head": 404, "staff_user": 403, "council_member": 404, "anonymous": "login"},
        ),
        (
            S.APPROVED,
            {"unit_head": 403, "other_head": 404, "staff_user": 403, "council_member": 404, "anonymous": "login"},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_nomination_edit_matrix(campaign, unit, as_role, role, state, expected):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=state)
    assert code(as_role(role).get(reverse("awards:nomination_edit", args=[nom.pk]))) == expected[role]


@pytest.mark.parametrize(
    ("role", "expected", "status_after"),
    [
        ("unit_head", 403, S.SUBMITTED),
        ("other_head", 404, S.SUBMITTED),
        ("staff_user", 302, S.CHECKED),
        ("council_member", 404, S.SUBMITTED),
        ("anonymous", "login", S.SUBMITTED),
    ],
)
def test_check_matrix(campaign, unit, as_role, role, expected, status_after):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    assert (
        code(as_role(role).post(reverse("awards:transition", args=[nom.pk, "check"]), {"version": nom.version}))
        == expected
    )
    nom.refresh_from_db()
    assert nom.status == status_after


@pytest.mark.parametrize(
    ("role", "expected", "status_after"),
    [
        ("unit_head", 302, S.SUBMITTED),
        ("other_head", 404, S.DRAFT),
        ("staff_user", 404, S.DRAFT),
        ("council_member", 404, S.DRAFT),
        ("anonymous", "login", S.DRAFT),
    ],
)
def test_submit_matrix(campaign, unit, as_role, role, expected, status_after):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy")
    assert (
        code(as_role(role).post(reverse("awards:transition", args=[nom.pk, "submit"]), {"version": nom.version}))
        == expected
    )
    nom.refresh_from_db()
    assert nom.status == status_after


def test_state_changes_are_post_only(campaign, unit, client, unit_head):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy")
    client.force_login(unit_head)
    assert client.get(reverse("awards:transition", args=[nom.pk, "submit"])).status_code == 405


@pytest.fixture
def session_on_agenda(campaign, unit, staff_user, council_members):
    session = services.create_session(
        campaign, staff_user, title="Họp", held_on=D(2020, 12, 20), members=council_members, threshold="gt_1_2"
    )
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
    services.put_to_council(nom, session, staff_user)
    return session, nom


@pytest.mark.parametrize(
    ("role", "page", "vote", "votes_after"),
    [
        ("unit_head", 404, 404, 0),
        ("other_head", 404, 404, 0),
        ("staff_user", 200, 403, 0),
        ("council_member", 200, 302, 1),
        ("anonymous", "login", "login", 0),
    ],
)
def test_session_matrix(session_on_agenda, as_role, role, page, vote, votes_after):
    session, nom = session_on_agenda
    c = as_role(role)
    assert code(c.get(reverse("awards:session", args=[session.pk]))) == page
    assert code(c.post(reverse("awards:vote", args=[session.pk, nom.pk]), {"choice": "yes"})) == vote
    assert session.votes.count() == votes_after


def test_council_member_sees_the_nomination_on_the_agenda(session_on_agenda, client, council_member):
    _session, nom = session_on_agenda
    client.force_login(council_member)
    assert client.get(reverse("awards:nomination", args=[nom.pk])).status_code == 200


def test_session_page_never_says_who_voted_what(session_on_agenda, client, council_members, staff_user):
    session, nom = session_on_agenda
    client.force_login(council_members[0])
    client.post(reverse("awards:vote", args=[session.pk, nom.pk]), {"choice": "no"})
    client.post(reverse("awards:vote", args=[session.pk, nom.pk]), {"choice": "yes"})  # second vote refused
    assert session.ballots.count() == 1
    client.force_login(staff_user)
    client.post(reverse("awards:session_close", args=[session.pk]))  # 1 of 3 voted: below the quorum
    assert not CouncilSession.objects.get(pk=session.pk).is_closed
    assert "1/3 thành viên đã bỏ phiếu" in client.get(reverse("awards:session", args=[session.pk])).content.decode()
    services.cast_vote(session, nom, council_members[1], "yes")
    services.cast_vote(session, nom, council_members[2], "no")
    client.post(reverse("awards:session_close", args=[session.pk]))
    assert session.ballots.count() == 0  # sealed ballots opened, counted and deleted
    page = client.get(reverse("awards:session", args=[session.pk])).content.decode()
    assert "1 đồng ý / 2 không / 3 thành viên" in page
    row = page.split(f'id="agenda-{nom.pk}"')[1].split("</tr>")[0]
    assert "council" not in row  # the member's name is listed once, apart from the results
    assert CouncilSession.objects.get(pk=session.pk).is_closed


def test_nomination_form_keeps_what_was_typed(campaign, client, unit_head):
    client.force_login(unit_head)
    response = client.post(
        reverse("awards:nomination_create", args=[campaign.pk]),
        {"nominee_kind": "individual", "full_name": "Lò Thị Hoa", "year": "2020", "birth_year": "abc"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Lò Thị Hoa"' in html
    assert "Chọn danh hiệu thi đua hoặc hình thức khen thưởng." in html and "Năm sinh phải là số." in html


def test_unit_nominates_uploads_and_submits(campaign, client, unit, unit_head, tmp_path, settings):
    from awards.models import AwardType

    settings.MEDIA_ROOT = tmp_path
    client.force_login(unit_head)
    gk = AwardType.objects.valid_on(campaign.period_end).get(code="giay-khen-btv-huyen-uy")
    response = client.post(
        reverse("awards:nomination_create", args=[campaign.pk]),
        {
            "proposer": unit.pk,
            "nominee_kind": "individual",
            "full_name": "Lò Thị Hoa",
            "gender": "female",
            "ethnicity": "Thái",
            "birth_year": "1980",
            "award_type": gk.pk,
            "year": "2020",
            "achievement": "Vận động hiến đất làm đường.",
        },
    )
    nom = Nomination.objects.get(full_name="Lò Thị Hoa")
    assert response.status_code == 302 and nom.status == S.DRAFT and nom.proposer == unit
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client.post(reverse("awards:dossier_upload", args=[nom.pk]), {"kind": "achievement", "file": fake})
    assert nom.files.count() == 0
    real = SimpleUploadedFile("../Báo cáo thành tích.pdf", tiny_pdf(), content_type="text/plain")
    client.post(reverse("awards:dossier_upload", args=[nom.pk]), {"kind": "achievement", "file": real})
    attachment = nom.files.get()
    assert attachment.original_name == "Báo cáo thành tích.pdf"
    assert client.get(reverse("awards:dossier_download", args=[attachment.pk])).status_code == 200
    # The proposal letter is still missing: the submission is refused with what to upload.
    refused = client.post(
        reverse("awards:transition", args=[nom.pk, "submit"]), {"version": nom.version}, follow=True
    ).content.decode()
    nom.refresh_from_db()
    assert nom.status == S.DRAFT
    assert "Hồ sơ còn thiếu: Tờ trình, công văn đề nghị." in refused
    letter = SimpleUploadedFile("to-trinh.pdf", tiny_pdf(), content_type="application/pdf")
    client.post(reverse("awards:dossier_upload", args=[nom.pk]), {"kind": "proposal", "file": letter})
    client.post(reverse("awards:transition", args=[nom.pk, "submit"]), {"version": nom.version})
    nom.refresh_from_db()
    assert nom.status == S.SUBMITTED


def test_import_page_shows_row_errors(campaign, client, unit, unit_head):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_catalogue import REFERENCE

    client.force_login(unit_head)
    response = client.post(
        reverse("awards:import", args=[campaign.pk]),
        {"proposer": unit.pk, "file": SimpleUploadedFile("mau.xlsx", REFERENCE.read_bytes())},
    )
    assert response.status_code == 400
    assert "Tệp không có dòng nào để nhập" in response.content.decode()


def test_staff_issue_a_decision_through_the_pages(campaign, unit, client, staff_user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name="Lò Văn Khoa")
    client.force_login(staff_user)
    form = client.get(reverse("awards:decision_create", args=[campaign.pk]))
    assert form.status_code == 200 and "QĐ/HU" in form.content.decode()
    response = client.post(
        reverse("awards:decision_create", args=[campaign.pk]),
        {
            "document_format": "party",
            "issuing_body": "HUYỆN ỦY THỬ",
            "number": "7",
            "symbol": "QĐ/HU",
            "place": "Thử",
            "issued_on": "25/12/2020",
            "title": "Về việc khen thưởng",
            "signer_name": "Nguyễn Văn Ký",
            "nominations": [nom.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = nom.__class__.objects.get(pk=nom.pk).decision
    client.post(reverse("awards:decision_issue", args=[decision.pk]))
    award = Award.objects.get(nomination=nom)
    pdf = client.get(reverse("awards:certificate", args=[award.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(reverse("awards:decision_pdf", args=[decision.pk])).status_code == 200


# --- registry -------------------------------------------------------------------------------------------


@pytest.fixture
def registry(campaign, unit, other_unit):
    make_award(
        campaign,
        unit,
        "giay-khen-btv-huyen-uy",
        name="Lò Thị Hoa",
        gender="female",
        ethnicity="Thái",
        unit_name="Bản Nà Hạ",
    )
    make_award(campaign, unit, "giay-khen-btv-huyen-uy", name="Vì Văn Sơn", gender="male", ethnicity="Kinh", year=2019)
    make_award(
        campaign, other_unit, "giay-khen-btv-huyen-uy", name=unit.name, nominee_kind="collective", organization=unit
    )


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"q": "lo thi hoa"}, ["Lò Thị Hoa"]),
        ({"q": "LÒ  THỊ"}, ["Lò Thị Hoa"]),
        ({"unit": "na ha"}, ["Lò Thị Hoa"]),
        ({"year": "2019"}, ["Vì Văn Sơn"]),
        ({"kind": "collective"}, ["Đảng ủy xã Chiềng Mung"]),
        ({"award": "ldtt"}, []),
    ],
)
def test_registry_search(registry, client, staff_user, params, names):
    client.force_login(staff_user)
    response = client.get(reverse("awards:registry"), params)
    assert sorted(a.full_name for a in response.context["page"]) == sorted(names)


def test_registry_is_scoped_to_the_user(registry, client, other_head):
    client.force_login(other_head)
    response = client.get(reverse("awards:registry"))
    assert [a.full_name for a in response.context["page"]] == ["Đảng ủy xã Chiềng Mung"]


def test_registry_statistics_and_history(registry, client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("awards:registry"))
    [row] = response.context["stats"]
    assert (row["total"], row["collectives"], row["individuals"], row["women"], row["minorities"]) == (3, 1, 2, 1, 1)
    key = Award.objects.get(full_name="Lò Thị Hoa").nominee_key
    history = client.get(reverse("awards:history"), {"key": key})
    assert history.status_code == 200 and "Lò Thị Hoa" in history.content.decode()
    assert client.get(reverse("awards:history"), {"key": "p:nobody:1900"}).status_code == 404


def test_registry_export(registry, client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("awards:registry_export"), {"q": "lo thi"})
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][2] == "Tên tập thể/cá nhân/hộ gia đình" and len(rows) == 2 and rows[1][2] == "Lò Thị Hoa"


def test_page_queries_do_not_grow_with_rows(campaign, unit, client, staff_user, unit_head):
    make_award(campaign, unit, "giay-khen-btv-huyen-uy")
    make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    client.force_login(staff_user)
    urls = [reverse("awards:registry"), reverse("awards:campaign", args=[campaign.pk])]
    one = [queries_for(client, url) for url in urls]
    for _ in range(24):
        make_award(campaign, unit, "giay-khen-btv-huyen-uy")
        make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    many = [queries_for(client, url) for url in urls]
    assert one == many
