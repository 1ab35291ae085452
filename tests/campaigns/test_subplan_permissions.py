"""Every sub-plan URL × role × state: who sees what (404 for other units), who may change what (POST only)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.enums import DocumentStatus as S
from campaigns.models import SubPlanAttachment
from tests.factories import UserFactory

from .conftest import PDF_BYTES, bring_to

pytestmark = pytest.mark.django_db

ROLES = ["staff_user", "unit_head", "other_head", "council_member", "anonymous"]
STATES = list(S.values)
EDITABLE = {S.DRAFT, S.RETURNED}


def _expected(name, role, state):
    """The status code each role gets; anonymous users are sent to the login page."""
    if role == "anonymous":
        return 302
    if name in ("board", "board_export", "board_remind", "assign", "queue"):
        return (
            200
            if role == "staff_user" and name in ("board", "board_export", "assign", "queue")
            else (302 if role == "staff_user" else 404)
        )
    if name == "mine":
        return 200
    if role in ("other_head", "council_member"):
        return 404  # another unit's sub-plan does not exist for them
    staff = role == "staff_user"
    if name in ("detail", "download"):
        return 200
    if name == "edit_get":
        return 403 if staff else (200 if state in EDITABLE else 302)
    if name == "edit_post":
        return 403 if staff else (302 if state in EDITABLE else 302)
    if name == "upload":
        return 403 if staff else 302  # refused: redirected back to the page with the reason (post/redirect/get)
    if name == "delete_attachment":
        return 403 if staff else 302
    if name == "due_date":
        return 302 if staff else 403
    # A move the table refuses redirects back to the page with the reason (post/redirect/get), state unchanged.
    if name in ("submit", "withdraw"):
        ok = state in EDITABLE if name == "submit" else state == S.SUBMITTED
        return 302 if not ok else (403 if staff else 302)
    if name in ("return", "approve"):
        return 302 if state != S.SUBMITTED else (302 if staff else 403)
    raise AssertionError(name)


URLS = {
    # name: (method, path template)
    "detail": ("get", "/phong-trao/ke-hoach-don-vi/{sp}/"),
    "edit_get": ("get", "/phong-trao/ke-hoach-don-vi/{sp}/sua/"),
    "edit_post": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/sua/"),
    "submit": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/chuyen/submit/"),
    "withdraw": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/chuyen/withdraw/"),
    "return": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/chuyen/return/"),
    "approve": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/chuyen/approve/"),
    "upload": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/tep/"),
    "download": ("get", "/phong-trao/ke-hoach-don-vi/{sp}/tep/{att}/"),
    "delete_attachment": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/tep/{att}/xoa/"),
    "due_date": ("post", "/phong-trao/ke-hoach-don-vi/{sp}/han-nop/"),
    "board": ("get", "/phong-trao/{c}/ke-hoach-don-vi/"),
    "board_export": ("get", "/phong-trao/{c}/ke-hoach-don-vi/xuat-excel/"),
    "board_remind": ("post", "/phong-trao/{c}/ke-hoach-don-vi/nhac-nho/"),
    "assign": ("get", "/phong-trao/{c}/ke-hoach-don-vi/giao/"),
    "queue": ("get", "/phong-trao/cho-duyet/"),
    "mine": ("get", "/phong-trao/ke-hoach-cua-toi/"),
}


def _post_data(name, sp):
    if name == "edit_post":
        data = {"version": sp.version, "signer_name": "Người ký"}
        for area in sp.campaign.content_areas.all():
            data[f"rows-{area.pk}"] = "0"
            data[f"m-{area.pk}"] = "Biện pháp."
        return data
    if name == "upload":
        return {"file": SimpleUploadedFile("scan.pdf", PDF_BYTES, "application/pdf")}
    if name == "return":
        return {"reason": "Chưa đủ.", "version": sp.version}
    if name in ("submit", "withdraw", "approve"):
        return {"version": sp.version}
    if name == "due_date":
        return {"due_date": "30/01/2024"}
    if name == "board_remind":
        return {"scope": "late"}
    return {}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(URLS))
def test_permission_matrix(
    client, request, subplan, unit_head, staff_user, other_head, council_member, name, role, state, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bring_to(subplan, state, unit_head, staff_user)
    attachment = SubPlanAttachment.from_upload(
        SimpleUploadedFile("ban-ky.pdf", PDF_BYTES), uploaded_by=unit_head, subplan=subplan
    )
    attachment.save()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    method, template = URLS[name]
    url = template.format(sp=subplan.pk, att=attachment.pk, c=subplan.campaign_id)
    response = getattr(client, method)(url, _post_data(name, subplan)) if method == "post" else client.get(url)
    assert response.status_code == _expected(name, role, state), (name, role, state)
    if role == "anonymous":
        assert response["Location"].startswith("/dang-nhap/")
    moves = {
        "submit": (EDITABLE, "unit"),
        "withdraw": ({S.SUBMITTED}, "unit"),
        "return": ({S.SUBMITTED}, "staff"),
        "approve": ({S.SUBMITTED}, "staff"),
    }
    refused = response.status_code in (403, 404) or (
        name in moves
        and not (state in moves[name][0] and role == ("staff_user" if moves[name][1] == "staff" else "unit_head"))
    )
    if refused and method == "post":
        subplan.refresh_from_db()
        assert subplan.status == state  # a refused POST changes nothing
        if response.status_code == 302 and role != "anonymous":
            assert response["Location"] == f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"  # back to the page


@pytest.mark.parametrize("name", ["submit", "return", "approve", "withdraw", "upload", "due_date", "edit_post"])
def test_state_changes_are_post_only(client, subplan, unit_head, staff_user, name):
    bring_to(subplan, "submitted", unit_head, staff_user)
    client.force_login(staff_user if name in ("return", "approve", "due_date") else unit_head)
    url = URLS[name][1].format(sp=subplan.pk)
    if name == "edit_post":
        return  # GET shows the form; covered by the matrix
    assert client.get(url).status_code == 405
    subplan.refresh_from_db()
    assert subplan.status == S.SUBMITTED


def test_unit_staff_member_may_write_too(client, subplan, unit):
    from tests.factories import MembershipFactory

    clerk = MembershipFactory(organization=unit, role="staff", user=UserFactory(username="clerk")).user
    client.force_login(clerk)
    assert client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/").status_code == 200


def test_download_is_an_attachment_with_fixed_type(client, subplan, unit_head, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = SubPlanAttachment.from_upload(
        SimpleUploadedFile("../../etc/ban <ký>.pdf", PDF_BYTES, "text/html"), uploaded_by=unit_head, subplan=subplan
    )
    attachment.save()
    client.force_login(unit_head)
    response = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/tep/{attachment.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "/" not in attachment.original_name and "<" not in attachment.original_name
    assert not attachment.file.name.endswith("ban <ký>.pdf")
