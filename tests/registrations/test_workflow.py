"""The registration's transition table (the sub-plans' table, its own log) and the version-checked save."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.enums import DocumentStatus as S
from registrations import services
from registrations.models import Registration, RegistrationLog, RegistrationPerson
from thidua.workflow import TransitionError

from .conftest import bring_to, fill, people_rows, title

pytestmark = pytest.mark.django_db

ALLOWED = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.RETURNED, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "withdraw"): S.DRAFT,
    (S.SUBMITTED, "return"): S.RETURNED,
    (S.SUBMITTED, "approve"): S.APPROVED,
}
UNIT_ACTIONS = {"submit", "withdraw"}


@pytest.mark.parametrize("state", list(S.values))
@pytest.mark.parametrize("action", ["submit", "withdraw", "return", "approve"])
def test_transition_table(registration, unit_head, staff_user, state, action):
    bring_to(registration, state, unit_head, staff_user)
    actor = unit_head if action in UNIT_ACTIONS else staff_user
    before = RegistrationLog.objects.filter(subject=registration).count()
    if (state, action) in ALLOWED:
        services.transition_registration(registration, action, actor, reason="Lý do cụ thể.")
        registration.refresh_from_db()
        assert registration.status == ALLOWED[(state, action)]
        log = RegistrationLog.objects.filter(subject=registration).latest("id")
        assert (log.from_state, log.to_state, log.actor, log.action) == (state, registration.status, actor, action)
    else:
        with pytest.raises(TransitionError, match="Không thể"):
            services.transition_registration(registration, action, actor, reason="Lý do cụ thể.")
        registration.refresh_from_db()
        assert registration.status == state
        assert RegistrationLog.objects.filter(subject=registration).count() == before


def test_submission_needs_a_title_and_a_signer(registration, unit_head):
    with pytest.raises(TransitionError, match="chưa có danh hiệu đăng ký.*chưa có người ký"):
        services.transition_registration(registration, "submit", unit_head)
    registration.refresh_from_db()
    assert registration.status == S.DRAFT


def test_unit_cannot_review_staff_cannot_submit_other_unit_cannot_write(
    registration, unit_head, staff_user, other_head
):
    fill(registration, unit_head)
    with pytest.raises(PermissionDenied):
        services.transition_registration(registration, "submit", staff_user)
    with pytest.raises(PermissionDenied):
        services.save_registration(registration, other_head, version=registration.version, header={}, parts={})
    services.transition_registration(registration, "submit", unit_head)
    with pytest.raises(PermissionDenied):
        services.transition_registration(registration, "approve", unit_head)


def test_moves_mail_the_other_side(registration, unit_head, staff_user, django_capture_on_commit_callbacks):
    unit_head.email = "donvi@example.vn"
    unit_head.save()
    staff_user.email = "vanphong@example.vn"
    staff_user.save()
    fill(registration, unit_head)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_registration(registration, "submit", unit_head)
    assert [m.to for m in mail.outbox] == [["vanphong@example.vn"]]
    assert "đăng ký thi đua" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_registration(registration, "return", staff_user, reason="Thiếu chỉ tiêu.")
    assert mail.outbox[-1].to == ["donvi@example.vn"] and "Thiếu chỉ tiêu." in mail.outbox[-1].body


def test_save_replaces_people_and_keeps_their_nominee_key(registration, unit_head):
    fill(registration, unit_head)
    assert list(registration.people.values_list("full_name", "nominee_key")) == [
        ("Lò Thị Hoa", "p:lo thi hoa:1980"),
        ("Cầm Văn Thanh", "p:cam van thanh:1992"),
    ]
    stamp = Registration.objects.get(pk=registration.pk).content_changed_at
    fill(registration, unit_head)  # the same content again: not a change
    assert Registration.objects.get(pk=registration.pk).content_changed_at == stamp
    fill(registration, unit_head, people=[("Lò Thị Hoa", "", "", "", None, "ldtt")])
    assert RegistrationPerson.objects.filter(registration=registration).count() == 1
    assert Registration.objects.get(pk=registration.pk).content_changed_at > stamp


def test_stale_version_is_refused_and_nothing_written(registration, unit_head):
    fill(registration, unit_head)
    with pytest.raises(ValidationError, match="đã được lưu ở nơi khác"):
        services.save_registration(
            registration,
            unit_head,
            version=registration.version - 1,
            header={"targets": "Khác"},
            parts={"people": []},
        )
    assert registration.people.count() == 2


def test_titles_must_be_emulation_titles_in_force(registration, unit_head):
    form_of_commendation = title("giay-khen-ubnd-xa")
    with pytest.raises(ValidationError, match="danh hiệu tập thể"):
        services.save_registration(
            registration,
            unit_head,
            version=registration.version,
            header={"collective_title_id": form_of_commendation.pk},
            parts={"people": []},
        )
    rows = people_rows()
    rows[0]["title_id"] = title("ttldtt").pk  # a collective title for a person
    with pytest.raises(ValidationError, match="Dòng 1"):
        services.save_registration(
            registration, unit_head, version=registration.version, header={}, parts={"people": rows}
        )
    registration.refresh_from_db()
    assert registration.version == 1 and registration.people.count() == 0


def test_approved_is_final(registration, unit_head, staff_user):
    bring_to(registration, "approved", unit_head, staff_user)
    with pytest.raises(ValidationError, match="không sửa được"):
        fill(registration, unit_head)


def test_request_registrations_asks_every_participant_once(launched_campaign, staff_user, unit, other_unit):
    assert services.request_registrations(launched_campaign, staff_user) == 2
    assert services.request_registrations(launched_campaign, staff_user) == 0
    assert set(Registration.objects.values_list("organization_id", "year")) == {(unit.pk, 2024), (other_unit.pk, 2024)}


def test_only_committee_staff_ask_and_only_in_a_running_campaign(draft_campaign, unit_head, staff_user):
    with pytest.raises(PermissionDenied):
        services.request_registrations(draft_campaign, unit_head)
    with pytest.raises(ValidationError, match="đang được phát động"):
        services.request_registrations(draft_campaign, staff_user)


def test_a_unit_opens_its_own_registration_once(launched_campaign, unit, unit_head, other_head):
    first = services.start_registration(launched_campaign, unit, unit_head)
    assert services.start_registration(launched_campaign, unit, unit_head) == first
    with pytest.raises(PermissionDenied):
        services.start_registration(launched_campaign, unit, other_head)


def test_unit_opens_its_registration_from_the_list(client, launched_campaign, unit, unit_head, other_head):
    client.force_login(unit_head)
    page = client.get("/dang-ky-thi-dua/").content.decode()
    assert "Lập bản đăng ký" in page and launched_campaign.dated_reference in page
    url = f"/dang-ky-thi-dua/phong-trao/{launched_campaign.pk}/lap/"
    client.force_login(other_head)
    assert client.post(url, {"organization": unit.pk}).status_code == 404  # not their unit
    client.force_login(unit_head)
    response = client.post(url, {"organization": unit.pk})
    registration = Registration.objects.get(campaign=launched_campaign, organization=unit)
    assert response.status_code == 302 and response["Location"] == registration.get_absolute_url()
    assert "Lập bản đăng ký" not in client.get("/dang-ky-thi-dua/").content.decode()
