"""Units' progress reports: the sub-plans' workflow, permissions and upload checks, applied to another document."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns import services
from campaigns.enums import DocumentStatus as S
from campaigns.models import (
    CommendationProposal,
    ProgressReport,
    ProgressReportAttachment,
    ProgressReportLog,
    ProgressResult,
    SubPlanTarget,
)
from campaigns.workflows import PROGRESS_WORKFLOW, SUBPLAN_WORKFLOW
from tests.utils import queries_for
from thidua.workflow import TransitionError

from .conftest import PDF_BYTES, attach_scan, bring_to

pytestmark = pytest.mark.django_db


def write(report, user, achieved=Decimal("80"), scan=True):
    targets = list(services.report_targets(report))
    areas = list(report.campaign.content_areas.order_by("order"))
    report.refresh_from_db()
    if scan and not services.signed_scans(report).exists():
        attach_scan(report, user, "bao-cao-da-ky.pdf")
    return services.save_progress_report(
        report,
        user,
        version=report.version,
        header={"signer_name": "Tòng Văn Dũng", "notable_examples": "Bản Nà Sản.", "summary": "Tốt."},
        narratives={areas[0].pk: "Đã quán triệt."},
        results={t.pk: (achieved, "") for t in targets},
        commendations=[
            {"name": "Chi bộ bản Nà Sản", "is_collective": True, "award": "Giấy khen", "achievement": "Dẫn đầu"}
        ],
    )


def bring_report_to(report, state, head, staff):
    write(report, head)
    if state != S.DRAFT:
        services.transition_progress_report(report, "submit", head)
        if state == S.RETURNED:
            services.transition_progress_report(report, "return", staff, reason="Bổ sung.")
        elif state == S.APPROVED:
            services.transition_progress_report(report, "approve", staff)
    report.refresh_from_db()
    assert report.status == state
    return report


def test_same_mechanism_as_sub_plans():
    assert type(PROGRESS_WORKFLOW) is type(SUBPLAN_WORKFLOW)
    assert {a: (m.sources, m.target, m.needs_reason) for a, m in PROGRESS_WORKFLOW.moves.items()} == {
        a: (m.sources, m.target, m.needs_reason) for a, m in SUBPLAN_WORKFLOW.moves.items()
    }
    assert PROGRESS_WORKFLOW.log_model is ProgressReportLog


def test_request_reports_for_every_obliged_unit_once(report, launched_campaign, staff_user, unit_head):
    assert report.due_date == datetime.date(2024, 6, 15) and report.subplan.status == "approved"
    assert ProgressReport.objects.filter(campaign=launched_campaign, kind="interim").count() == 2
    assert services.request_progress_reports(launched_campaign, "interim", staff_user) == 0
    assert services.request_progress_reports(launched_campaign, "final", staff_user) == 2
    with pytest.raises(PermissionDenied):
        services.request_progress_reports(launched_campaign, "final", unit_head)


def test_results_share_and_only_own_approved_targets(report, unit_head, other_subplan, other_head, staff_user):
    bring_to(other_subplan, "approved", other_head, staff_user)
    foreign = SubPlanTarget.objects.filter(item__subplan=other_subplan).first()
    target = SubPlanTarget.objects.get(item__subplan=report.subplan)  # value 100 (%)
    services.save_progress_report(
        report,
        unit_head,
        version=report.version,
        header={},
        narratives={},
        results={target.pk: (Decimal("85.5"), "gần đạt"), foreign.pk: (Decimal("1"), "")},
        commendations=[],
    )
    result = ProgressResult.objects.get()
    assert result.target == target and result.share == Decimal("85.5") and result.note == "gần đạt"


@pytest.mark.parametrize("state", list(S.values))
@pytest.mark.parametrize("action", ["submit", "withdraw", "return", "approve"])
def test_transition_table(report, unit_head, staff_user, state, action):
    allowed = {
        (S.DRAFT, "submit"): S.SUBMITTED,
        (S.RETURNED, "submit"): S.SUBMITTED,
        (S.SUBMITTED, "withdraw"): S.DRAFT,
        (S.SUBMITTED, "return"): S.RETURNED,
        (S.SUBMITTED, "approve"): S.APPROVED,
    }
    bring_report_to(report, state, unit_head, staff_user)
    actor = unit_head if action in ("submit", "withdraw") else staff_user
    before = report.logs.count()
    if (state, action) in allowed:
        services.transition_progress_report(report, action, actor, reason="Lý do.")
        report.refresh_from_db()
        assert report.status == allowed[(state, action)] and report.logs.count() == before + 1
    else:
        with pytest.raises(TransitionError, match="Không thể"):
            services.transition_progress_report(report, action, actor, reason="Lý do.")
        assert report.logs.count() == before


def test_submit_needs_content_and_mail_goes_to_staff(report, unit_head, staff_user, django_capture_on_commit_callbacks):
    with pytest.raises(TransitionError, match="chưa có kết quả"):
        services.transition_progress_report(report, "submit", unit_head)
    write(report, unit_head)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_progress_report(report, "submit", unit_head)
    assert mail.outbox[-1].to == [staff_user.email] and "báo cáo sơ kết" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_progress_report(report, "return", staff_user, reason="Thiếu minh chứng.")
    assert mail.outbox[-1].to == [unit_head.email] and "Thiếu minh chứng." in mail.outbox[-1].body


ROLES = ["staff_user", "unit_head", "other_head", "council_member", "anonymous"]


def _expected(name, role, state):
    if role == "anonymous":
        return 302
    if role in ("other_head", "council_member"):
        return 404
    staff = role == "staff_user"
    editable = state in (S.DRAFT, S.RETURNED)
    return {
        "detail": 200,
        "download": 200,
        "edit_get": 403 if staff else (200 if editable else 302),
        # Refused moves and uploads redirect back to the page with the reason (post/redirect/get).
        "submit": 302 if not editable else (403 if staff else 302),
        "approve": 302 if state != S.SUBMITTED else (302 if staff else 403),
        "upload": 403 if staff else 302,
    }[name]


def editable_now(state):
    return state in (S.DRAFT, S.RETURNED)


URLS = {
    "detail": ("get", "/phong-trao/bao-cao-don-vi/{r}/"),
    "download": ("get", "/phong-trao/bao-cao-don-vi/{r}/tep/{a}/"),
    "edit_get": ("get", "/phong-trao/bao-cao-don-vi/{r}/sua/"),
    "submit": ("post", "/phong-trao/bao-cao-don-vi/{r}/chuyen/submit/"),
    "approve": ("post", "/phong-trao/bao-cao-don-vi/{r}/chuyen/approve/"),
    "upload": ("post", "/phong-trao/bao-cao-don-vi/{r}/tep/"),
}


@pytest.mark.parametrize("state", list(S.values))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(URLS))
def test_permission_matrix(
    client, request, report, unit_head, staff_user, other_head, council_member, name, role, state, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bring_report_to(report, state, unit_head, staff_user)
    attachment = ProgressReportAttachment.from_upload(
        SimpleUploadedFile("minh-chung.pdf", PDF_BYTES), uploaded_by=unit_head, report=report
    )
    attachment.save()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    method, template = URLS[name]
    url = template.format(r=report.pk, a=attachment.pk)
    if method == "post":
        data = (
            {"file": SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)}
            if name == "upload"
            else {"version": report.version}
        )
        response = client.post(url, data)
        report.refresh_from_db()
        allowed = {
            "submit": editable_now(state) and role == "unit_head",
            "approve": state == S.SUBMITTED and role == "staff_user",
        }.get(name)
        if allowed is False:
            assert report.status == state  # refused: nothing changed
    else:
        response = client.get(url)
    assert response.status_code == _expected(name, role, state), (name, role, state)


def test_edit_page_keeps_input_and_checks_version(client, report, unit_head):
    client.force_login(unit_head)
    target = SubPlanTarget.objects.get(item__subplan=report.subplan)
    area = report.campaign.content_areas.order_by("order").first()
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/sua/"
    page = client.get(url).content.decode()
    assert target.name in page
    data = {
        "version": report.version,
        "signer_name": "Tòng Văn Dũng",
        f"n-{area.pk}": "Kết quả <script>x</script>",
        f"r-{target.pk}": "chín mươi",
        "c-rows": "2",
        "c-0-name": "",
        "c-0-award": "Giấy khen",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Số đạt được phải là số" in body and "Mức chỉ tiêu" not in body and "Cần ghi tên tập thể, cá nhân" in body
    assert 'value="chín mươi"' in body and "Kết quả &lt;script&gt;x&lt;/script&gt;" in body
    data.update({f"r-{target.pk}": "95", "c-0-name": "Chi bộ bản Nà Sản", "c-0-kind": "collective"})
    assert client.post(url, data).status_code == 302
    assert ProgressResult.objects.get().achieved == Decimal("95")
    proposal = CommendationProposal.objects.get()
    assert proposal.is_collective and proposal.award == "Giấy khen"
    stale = client.post(url, data)  # the same (old) version again: a second tab
    assert stale.status_code == 400 and "đã được lưu ở nơi khác" in stale.content.decode()
    detail = client.get(f"/phong-trao/bao-cao-don-vi/{report.pk}/").content.decode()
    assert "95%" in detail  # share of a 100 % target


def test_attachment_type_is_checked_by_content(report, unit_head, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="Chỉ nhận tệp"):
        services.add_attachment(report, unit_head, SimpleUploadedFile("a.pdf", b"GIF89a..."))
    attachment = services.add_attachment(report, unit_head, SimpleUploadedFile("a.pdf", PDF_BYTES))
    assert attachment.file.name.startswith("progress/") and len(attachment.sha256) == 64


def test_report_board_query_count_and_queue(client, report, launched_campaign, staff_user, unit_head, issuer):
    from tests.factories import OrganizationFactory

    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/bao-cao-don-vi/interim/"
    few = queries_for(client, url)
    orgs = [OrganizationFactory(parent=issuer, code=f"r-{i}") for i in range(60)]
    services.create_obligations(launched_campaign, orgs, staff_user)
    services.request_progress_reports(launched_campaign, "interim", staff_user)
    assert ProgressReport.objects.filter(kind="interim").count() == 62
    assert queries_for(client, url) == few
    bring_report_to(report, S.SUBMITTED, unit_head, staff_user)
    body = client.get("/phong-trao/cho-duyet/").content.decode()
    assert f"/phong-trao/bao-cao-don-vi/{report.pk}/" in body
    assert client.get(f"/phong-trao/{launched_campaign.pk}/bao-cao-don-vi/other/").status_code == 404
    client.force_login(unit_head)
    assert client.get(url).status_code == 404
    assert "Báo cáo sơ kết" in client.get("/phong-trao/ke-hoach-cua-toi/").content.decode()


def test_request_reports_page(client, launched_campaign, subplan, staff_user):
    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/bao-cao-don-vi/final/yeu-cau/"
    assert client.get(url).status_code == 405
    assert client.post(url, {"due_date": "30/11/2024"}).status_code == 302
    assert set(ProgressReport.objects.values_list("kind", "due_date")) == {("final", datetime.date(2024, 11, 30))}


def test_staff_move_one_reports_deadline_and_units_cannot(client, report, staff_user, unit_head):
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/han-nop/"
    client.force_login(unit_head)
    assert client.post(url, {"due_date": "31/12/2024"}).status_code in (403, 404)
    report.refresh_from_db()
    assert report.due_date != datetime.date(2024, 12, 31)
    client.force_login(staff_user)
    assert client.post(url, {"due_date": "31/12/2024"}).status_code == 302
    report.refresh_from_db()
    assert report.due_date == datetime.date(2024, 12, 31)
