"""Races of commendation work on two real PostgreSQL connections (threads released together by a barrier).

- two staff saving decisions with the same number at the same moment: one decision, the other gets a form error;
- a nomination edited in one tab while it is submitted in another: never `draft` with a log saying submitted;
- "Thẩm định đạt" and "Trả lại" pressed at once on the same page: exactly one applies.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count

from awards import services
from awards.enums import NominationStatus as S
from awards.models import Decision, Nomination
from tests.utils import race
from thidua.workflow import TransitionConflict, TransitionError

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db(transaction=True)
TRIALS = 20


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def decision_fields(number, **extra):
    return {
        "document_format": "state",
        "issuing_body": "ỦY BAN NHÂN DÂN HUYỆN THỬ",
        "number": number,
        "symbol": "QĐ-UBND",
        "place": "Thử",
        "issued_on": D(2024, 12, 28),
        "signer_name": "Nguyễn Văn Ký",
        **extra,
    }


def test_two_staff_saving_the_same_decision_number_at_once_get_one_decision(
    make_campaign, people_committee, unit, staff_user
):
    assert connection.vendor == "postgresql"
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    outcomes = []
    for trial in range(1, TRIALS + 1):
        mine, theirs = (
            make_nomination(campaign, unit, "giay-khen-ubnd-huyen", status=S.APPROVED, name=f"Người {trial} {side}")
            for side in "AB"
        )
        results = race(
            lambda n=mine, t=trial: services.create_decision(campaign, staff_user, [n], **decision_fields(600 + t)),
            lambda n=theirs, t=trial: services.create_decision(campaign, staff_user, [n], **decision_fields(600 + t)),
        )
        saved = [r for r in results if isinstance(r, Decision)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(saved) == 1 and len(refused) == 1, results
        # The form error names the number and the next free one, on the number field (the form keeps the rest).
        assert refused[0].message_dict["number"] == [
            f"Số {600 + trial}/QĐ-UBND năm 2024 đã được dùng cho quyết định khác (có thể vừa được người khác lưu). "
            f"Nhập số khác; số tiếp theo còn trống: {600 + trial + 1}."
        ]
        outcomes.append(len(saved))
    assert outcomes == [1] * TRIALS
    doubled = Decision.objects.values("issuer", "symbol", "number_period", "number").annotate(n=Count("pk"))
    assert [row for row in doubled if row["n"] > 1] == []
    assert Decision.objects.count() == TRIALS
    # The refused staff member's nomination is still free for the next decision.
    assert Nomination.objects.filter(status=S.APPROVED, decision__isnull=True).count() == TRIALS


def test_party_decisions_are_numbered_per_term_state_ones_per_year(make_campaign, unit, staff_user):
    campaign = make_campaign(D(2020, 12, 31))
    first, second, third = (
        make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name=f"Người {i}")
        for i in range(3)
    )
    party = {"document_format": "party", "symbol": "QĐ/HU", "term": "2020-2025"}
    services.create_decision(campaign, staff_user, [first], **decision_fields(5, issued_on=D(2020, 12, 1), **party))
    with pytest.raises(ValidationError, match="5-QĐ/HU nhiệm kỳ 2020-2025 đã được dùng"):
        services.create_decision(campaign, staff_user, [second], **decision_fields(5, issued_on=D(2021, 3, 1), **party))
    # Another term has its own count (the previous term's 5-QĐ/HU is another decision).
    services.create_decision(
        campaign, staff_user, [third], **decision_fields(5, issued_on=D(2020, 6, 1), **{**party, "term": "2015-2020"})
    )


def test_decision_form_keeps_what_was_typed_when_the_number_is_taken(
    client, make_campaign, people_committee, unit, staff_user
):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    taken = make_nomination(campaign, unit, "giay-khen-ubnd-huyen", status=S.APPROVED, name="Người Trước")
    services.create_decision(campaign, staff_user, [taken], **decision_fields(601))
    mine = make_nomination(campaign, unit, "giay-khen-ubnd-huyen", status=S.APPROVED, name="Người Sau")
    client.force_login(staff_user)
    posted = {
        **decision_fields(601, issued_on="28/12/2024"),
        "superior_body": "ỦY BAN NHÂN DÂN TỈNH THỬ",
        "title": "Về việc khen thưởng — bản đã gõ",
        "nominations": [mine.pk],
    }
    response = client.post(f"/khen-thuong/phong-trao/{campaign.pk}/quyet-dinh-moi/", posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số 601/QĐ-UBND năm 2024 đã được dùng cho quyết định khác" in page
    assert "Về việc khen thưởng — bản đã gõ" in page  # what was typed is still there
    assert Decision.objects.count() == 1


def _consistent(nomination):
    """The state agrees with the log: the last logged move's target, or draft with no log."""
    last = nomination.log.order_by("-at", "-id").first()
    return nomination.status == (last.to_state if last else S.DRAFT)


def test_editing_in_one_tab_while_submitting_in_another_never_loses_the_submission(campaign, unit, unit_head):
    outcomes = {"submitted": 0, "edit refused": 0, "edit first": 0}
    for trial in range(TRIALS):
        nomination = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", name=f"Người {trial}")
        edit_tab = Nomination.objects.get(pk=nomination.pk)  # both tabs opened on version 1
        submit_tab = Nomination.objects.get(pk=nomination.pk)
        edit_result, submit_result = race(
            lambda tab=edit_tab, t=trial: services.update_nomination(
                tab, unit_head, expected_version=1, achievement=f"Thành tích sửa lần {t}"
            ),
            lambda tab=submit_tab: services.submit_nomination(tab, unit_head, expected_version=1),
        )
        nomination.refresh_from_db()
        assert _consistent(nomination), (trial, nomination.status, edit_result, submit_result)
        if isinstance(submit_result, Nomination):
            assert nomination.status == S.SUBMITTED
            assert isinstance(edit_result, TransitionError)  # the edit did not slip in after the submission
            assert nomination.achievement != f"Thành tích sửa lần {trial}"
            outcomes["submitted"] += 1
            outcomes["edit refused"] += 1
        else:
            # The edit won: the submission (made on the page before the edit) is refused as stale.
            assert isinstance(submit_result, TransitionConflict) and isinstance(edit_result, Nomination)
            assert nomination.status == S.DRAFT and nomination.achievement == f"Thành tích sửa lần {trial}"
            outcomes["edit first"] += 1
    assert outcomes["submitted"] + outcomes["edit first"] == TRIALS


def test_a_save_from_a_stale_copy_never_writes_the_state_back(campaign, unit, unit_head):
    """The deterministic core of the race above: the edit's copy was read before the submission."""
    nomination = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy")
    stale = Nomination.objects.get(pk=nomination.pk)
    services.submit_nomination(nomination, unit_head)
    stale.achievement = "Sửa trên bản cũ"
    stale.save()
    nomination.refresh_from_db()
    assert (nomination.status, nomination.version) == (S.SUBMITTED, 2)
    assert _consistent(nomination)


@pytest.mark.parametrize("first", ["check", "return"])
def test_check_and_return_pressed_at_once_only_one_applies(campaign, unit, staff_user, first):
    second = {"check": "return", "return": "check"}[first]
    applied = []
    for trial in range(TRIALS // 2):
        nomination = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED, name=f"N {trial}")
        page_version = nomination.version  # both pages were opened on it
        # Each request reads the nomination afresh (as the view does): one may already see the other's move.
        results = race(
            *(
                lambda action=action, pk=nomination.pk, v=page_version: services.transition(
                    Nomination.objects.get(pk=pk), action, staff_user, reason="Thiếu hồ sơ", expected_version=v
                )
                for action in (first, second)
            )
        )
        wins = [r for r in results if isinstance(r, Nomination)]
        # The loser is refused: its page's version is stale, or (read after the winner's move) its move no longer
        # applies to the new state.
        losses = [r for r in results if isinstance(r, TransitionError)]
        assert len(wins) == 1 and len(losses) == 1, results
        nomination.refresh_from_db()
        assert nomination.log.count() == 1 and _consistent(nomination)
        applied.append(nomination.log.get().action)
    assert len(applied) == TRIALS // 2


def test_a_move_from_an_old_page_is_refused(client, campaign, unit, staff_user):
    nomination = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    old_version = nomination.version
    services.check_nomination(nomination, staff_user)
    client.force_login(staff_user)
    response = client.post(
        f"/khen-thuong/de-nghi/{nomination.pk}/return/", {"reason": "Thiếu", "version": old_version}, follow=True
    )
    assert "Hồ sơ đã thay đổi hoặc vừa được người khác xử lý sau khi bạn mở trang" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == S.CHECKED and nomination.log.count() == 1
    missing = client.post(f"/khen-thuong/de-nghi/{nomination.pk}/return/", {"reason": "Thiếu"}, follow=True)
    assert "Trang bạn đang xem đã cũ" in missing.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == S.CHECKED
