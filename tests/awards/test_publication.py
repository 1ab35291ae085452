"""Publishing nominees before the vote: the service, the gate on the council, the public page and the staff pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationStatus as S
from awards.models import AwardType, Publication, PublicComment
from awards.publication import publication_gate, publish_nominees, record_comment
from thidua.workflow import TransitionError

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


@pytest.fixture
def required(campaign):
    """Lao động tiên tiến made a type that must be published (as the catalogue marks Huân chương, CSTĐ toàn quốc)."""
    AwardType.objects.filter(code="ldtt").update(requires_publication=True, publication_min_days=5)


def publish(campaign, staff_user, noms, start, end, **extra):
    return publish_nominees(
        campaign, staff_user, noms, title="Danh sách đề nghị", comments_from=start, comments_until=end, **extra
    )


def test_catalogue_marks_the_types_of_circular_12_2019(catalogue):
    marked = set(AwardType.objects.filter(requires_publication=True).values_list("code", flat=True))
    assert {"chien-si-thi-dua-toan-quoc", "huan-chuong-lao-dong-hang-ba", "anh-hung-lao-dong"} <= marked
    assert not marked & {"ldtt", "cstdcs", "ttldtt", "cstd-tinh", "giay-khen-ubnd-huyen"}


@pytest.mark.parametrize(
    ("until", "held", "allowed"),
    [
        (TODAY - datetime.timedelta(days=2), TODAY, True),  # over before the sitting and before today
        (TODAY - datetime.timedelta(days=1), TODAY - datetime.timedelta(days=1), False),  # sitting on the last day
        (TODAY, TODAY + datetime.timedelta(days=3), False),  # still open today
        (TODAY + datetime.timedelta(days=1), TODAY + datetime.timedelta(days=5), False),
    ],
)
def test_gate_opens_only_after_the_comment_period(campaign, unit, staff_user, required, until, held, allowed):
    nom = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    assert "chưa công khai" in publication_gate(nom, held)
    publish(campaign, staff_user, [nom], until - datetime.timedelta(days=10), until)
    assert (publication_gate(nom, held) is None) is allowed


def test_gate_ignores_types_without_the_setting(campaign, unit):
    nom = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    assert publication_gate(nom, TODAY) is None


def test_put_to_council_refused_until_the_period_ended(
    campaign, people_committee, unit, staff_user, council_member, required
):
    from tests.factories import UserFactory
    from units.enums import Role
    from units.models import Membership

    members = [council_member, UserFactory(username="pc2"), UserFactory(username="pc3")]  # a secret ballot needs 3
    for member in members:
        Membership.objects.create(user=member, organization=people_committee, role=Role.COUNCIL)
    nom = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    session = services.create_session(
        campaign, staff_user, title="Phiên họp", held_on=TODAY, members=members, threshold="gt_1_2"
    )
    with pytest.raises(TransitionError, match="chưa công khai"):
        services.put_to_council(nom, session, staff_user)
    publish(campaign, staff_user, [nom], TODAY - datetime.timedelta(days=5), TODAY)
    with pytest.raises(TransitionError, match="hết thời hạn"):
        services.put_to_council(nom, session, staff_user)
    Publication.objects.update(
        comments_from=TODAY - datetime.timedelta(days=9), comments_until=TODAY - datetime.timedelta(days=1)
    )
    services.put_to_council(nom, session, staff_user)
    nom.refresh_from_db()
    assert nom.status == S.IN_COUNCIL


def test_publish_checks_staff_status_and_period(campaign, unit, staff_user, unit_head, required):
    checked = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    draft = make_nomination(campaign, unit, "ldtt", status=S.DRAFT)
    with pytest.raises(PermissionDenied):
        publish(campaign, unit_head, [checked], D(2025, 1, 1), D(2025, 1, 10))
    with pytest.raises(ValidationError, match="đã gửi hoặc đã thẩm định"):
        publish(campaign, staff_user, [checked, draft], D(2025, 1, 1), D(2025, 1, 10))
    with pytest.raises(ValidationError, match="sau ngày bắt đầu"):
        publish(campaign, staff_user, [checked], D(2025, 1, 10), D(2025, 1, 1))
    with pytest.raises(ValidationError, match="4 ngày, ít hơn 5 ngày"):
        publish(campaign, staff_user, [checked], D(2025, 1, 1), D(2025, 1, 4))
    assert publish(campaign, staff_user, [checked], D(2025, 1, 1), D(2025, 1, 5)).nominations.count() == 1


def test_comments_only_about_listed_nominations(campaign, unit, staff_user):
    listed = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    other = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    publication = publish(campaign, staff_user, [listed], D(2025, 1, 1), D(2025, 1, 10))
    with pytest.raises(ValidationError, match="có trong danh sách"):
        record_comment(publication, staff_user, received_on=D(2025, 1, 2), content="…", nomination=other)
    record_comment(publication, staff_user, received_on=D(2025, 1, 2), content="Đồng ý", nomination=listed)
    assert PublicComment.objects.count() == 1


# --- Pages ---------------------------------------------------------------------------------------------


def test_public_page_without_login_shows_only_what_may_be_public(client, campaign, unit, staff_user):
    nom = make_nomination(
        campaign,
        unit,
        "ldtt",
        status=S.CHECKED,
        name="Lò Thị Hoa",
        unit_name="Trường Tiểu học Thử",
        ethnicity="Thái",
        birth_year=1981,
        achievement="Dạy giỏi cấp tỉnh <b>hai năm</b>",
        justification="Ghi chú nội bộ không công khai",
    )
    publication = publish(campaign, staff_user, [nom], D(2025, 1, 1), D(2025, 1, 10))
    html = client.get(reverse("awards:public_publication", args=[publication.token])).content.decode()
    for shown in (
        "Lò Thị Hoa",
        "Trường Tiểu học Thử",
        "Lao động tiên tiến",
        "từ ngày 01/01/2025 đến hết ngày 10/01/2025",
    ):
        assert shown in html, shown
    assert "&lt;b&gt;hai năm&lt;/b&gt;" in html  # escaped
    for hidden in ("1981", "Thái", "Ghi chú nội bộ", reverse("awards:nomination", args=[nom.pk])):
        assert hidden not in html, hidden
    assert (
        client.get(reverse("awards:public_publication", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )


def test_public_page_query_count_does_not_grow(client, campaign, unit, staff_user):
    noms = [make_nomination(campaign, unit, "ldtt", status=S.CHECKED)]
    publication = publish(campaign, staff_user, noms, D(2025, 1, 1), D(2025, 1, 10))
    url = reverse("awards:public_publication", args=[publication.token])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    publication.nominations.add(*[make_nomination(campaign, unit, "ldtt", status=S.CHECKED) for _ in range(20)])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 22 and len(many) == len(one)


def test_staff_publish_and_record_a_comment_in_the_browser(client, campaign, unit, staff_user):
    nom = make_nomination(campaign, unit, "ldtt", status=S.CHECKED, name="Vì Văn Sơn")
    client.force_login(staff_user)
    url = reverse("awards:publications", args=[campaign.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Danh sách 2024",
            "comments_from": "01/01/2025",
            "comments_until": "10/01/2025",
            "nominations": [nom.pk],
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:publication", args=[publication.pk])
    page = client.get(response["Location"]).content.decode()
    assert str(publication.token) in page and "Vì Văn Sơn" in page
    comment_url = reverse("awards:publication_comment", args=[publication.pk])
    assert client.get(comment_url).status_code == 405
    client.post(
        comment_url, {"received_on": "03/01/2025", "sender": "Ông A", "nomination": nom.pk, "content": "Đồng ý"}
    )
    assert PublicComment.objects.get().sender == "Ông A"
    assert "Ông A" in client.get(reverse("awards:publication", args=[publication.pk])).content.decode()


def test_staff_pages_are_scoped(client, campaign, unit, staff_user, unit_head, other_head):
    nom = make_nomination(campaign, unit, "ldtt", status=S.CHECKED)
    publication = publish(campaign, staff_user, [nom], D(2025, 1, 1), D(2025, 1, 10))
    detail = reverse("awards:publication", args=[publication.pk])
    comment = reverse("awards:publication_comment", args=[publication.pk])
    for user in (unit_head, other_head):
        client.force_login(user)
        assert client.get(detail).status_code == 404
        assert client.post(comment, {"received_on": "03/01/2025", "content": "x"}).status_code == 404
    client.force_login(unit_head)  # sees the campaign, may not publish
    assert client.get(reverse("awards:publications", args=[campaign.pk])).status_code == 403
    assert not PublicComment.objects.exists()
