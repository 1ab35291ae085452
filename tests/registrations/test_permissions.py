"""Every registration URL × role × state: who sees what (404 for other units and the council), who may change what
(POST only), the roll-up staff-only. Mirrors tests/campaigns/test_subplan_permissions.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.enums import DocumentStatus as S
from registrations.models import RegistrationAttachment
from tests.utils import tiny_pdf

from .conftest import bring_to

pytestmark = pytest.mark.django_db

PDF_BYTES = tiny_pdf()
ROLES = ["staff_user", "unit_head", "other_head", "council_member", "anonymous"]
EDITABLE = {S.DRAFT, S.RETURNED}
STAFF_PAGES = {"board", "board_export", "board_remind", "rollup", "rollup_export", "year", "request", "remind"}


def _expected(name, role, state):
    if role == "anonymous":
        return 302
    if name in STAFF_PAGES:
        if role != "staff_user":
            return 404  # units do not learn that the board or the roll-up exists
        return 302 if name in ("board_remind", "request", "remind") else 200
    if name in ("mine", "index"):
        return 200
    if role in ("other_head", "council_member"):
        return 404  # another unit's registration does not exist for them
    staff = role == "staff_user"
    if name in ("detail", "download", "pdf"):
        return 200
    if name == "edit_get":
        return 403 if staff else (200 if state in EDITABLE else 302)
    if name in ("edit_post", "upload", "delete_attachment"):
        return 403 if staff else 302
    if name == "due_date":
        return 302 if staff else 403
    if name in ("submit", "withdraw"):
        ok = state in EDITABLE if name == "submit" else state == S.SUBMITTED
        return 302 if not ok else (403 if staff else 302)
    if name in ("return", "approve"):
        return 302 if state != S.SUBMITTED else (302 if staff else 403)
    raise AssertionError(name)


DOC = "/phong-trao/dang-ky-thi-dua/{r}/"
URLS = {
    "detail": ("get", DOC),
    "pdf": ("get", DOC + "in/"),
    "edit_get": ("get", DOC + "sua/"),
    "edit_post": ("post", DOC + "sua/"),
    "submit": ("post", DOC + "chuyen/submit/"),
    "withdraw": ("post", DOC + "chuyen/withdraw/"),
    "return": ("post", DOC + "chuyen/return/"),
    "approve": ("post", DOC + "chuyen/approve/"),
    "upload": ("post", DOC + "tep/"),
    "download": ("get", DOC + "tep/{att}/"),
    "delete_attachment": ("post", DOC + "tep/{att}/xoa/"),
    "due_date": ("post", DOC + "han-nop/"),
    "board": ("get", "/phong-trao/{c}/dang-ky-thi-dua/"),
    "board_export": ("get", "/phong-trao/{c}/dang-ky-thi-dua/xuat-excel/"),
    "board_remind": ("post", "/phong-trao/{c}/dang-ky-thi-dua/nhac-nho/"),
    "rollup": ("get", "/dang-ky-thi-dua/phong-trao/{c}/"),
    "rollup_export": ("get", "/dang-ky-thi-dua/phong-trao/{c}/xuat-excel/"),
    "year": ("get", "/dang-ky-thi-dua/nam/2024/"),
    "request": ("post", "/dang-ky-thi-dua/phong-trao/{c}/yeu-cau/"),
    "remind": ("post", "/dang-ky-thi-dua/phong-trao/{c}/nhac-nho/"),
    "mine": ("get", "/phong-trao/ke-hoach-cua-toi/"),
    "index": ("get", "/dang-ky-thi-dua/"),
}


def _post_data(name, registration):
    if name == "edit_post":
        return {"version": registration.version, "rows": "0", "signer_name": "Người ký"}
    if name == "upload":
        return {"file": SimpleUploadedFile("scan.pdf", PDF_BYTES, "application/pdf")}
    if name == "return":
        return {"reason": "Chưa đủ.", "version": registration.version}
    if name in ("submit", "withdraw", "approve"):
        return {"version": registration.version}
    if name == "due_date":
        return {"due_date": "30/01/2024"}
    if name == "board_remind":
        return {"scope": "late"}
    return {}


@pytest.mark.parametrize("state", list(S.values))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(URLS))
def test_permission_matrix(
    client,
    request,
    registration,
    unit_head,
    staff_user,
    other_head,
    council_member,
    name,
    role,
    state,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    bring_to(registration, state, unit_head, staff_user)
    attachment = RegistrationAttachment.from_upload(
        SimpleUploadedFile("ban-ky.pdf", PDF_BYTES), uploaded_by=unit_head, registration=registration
    )
    attachment.save()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    method, template = URLS[name]
    url = template.format(r=registration.pk, att=attachment.pk, c=registration.campaign_id)
    response = getattr(client, method)(url, _post_data(name, registration)) if method == "post" else client.get(url)
    assert response.status_code == _expected(name, role, state), (name, role, state)
    if role == "anonymous":
        assert response["Location"].startswith("/dang-nhap/")
    moves = {"submit": (EDITABLE, "unit_head"), "withdraw": ({S.SUBMITTED}, "unit_head")}
    moves.update({"return": ({S.SUBMITTED}, "staff_user"), "approve": ({S.SUBMITTED}, "staff_user")})
    refused = response.status_code in (403, 404) or (
        name in moves and not (state in moves[name][0] and role == moves[name][1])
    )
    if refused and method == "post":
        registration.refresh_from_db()
        assert registration.status == state  # a refused POST changes nothing
        if response.status_code == 302 and role != "anonymous":
            assert response["Location"] == DOC.format(r=registration.pk)  # back to the page


@pytest.mark.parametrize("name", ["submit", "return", "approve", "withdraw", "upload", "due_date", "request", "remind"])
def test_state_changes_are_post_only(client, registration, unit_head, staff_user, name):
    bring_to(registration, "submitted", unit_head, staff_user)
    client.force_login(staff_user if name in ("return", "approve", "due_date", "request", "remind") else unit_head)
    url = URLS[name][1].format(r=registration.pk, c=registration.campaign_id)
    assert client.get(url).status_code == 405
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED


def test_the_unit_edits_its_registration_in_the_browser_form(client, registration, unit_head):
    from .conftest import title

    client.force_login(unit_head)
    page = client.get(URLS["edit_get"][1].format(r=registration.pk)).content.decode()
    assert 'name="p-0-full_name"' in page and "Tập thể lao động tiên tiến" in page
    data = {
        "version": registration.version,
        "rows": "2",
        "collective_title": title("ttldtt").pk,
        "targets": "Chỉ tiêu một\nChỉ tiêu hai",
        "signer_name": "Tòng Văn Dũng",
        "p-0-full_name": "Lò Thị Hoa",
        "p-0-birth_year": "1980",
        "p-0-gender": "female",
        "p-0-title": title("ldtt").pk,
        "p-1-full_name": "Không Danh Hiệu",
    }
    response = client.post(URLS["edit_post"][1].format(r=registration.pk), data)
    assert response.status_code == 400 and "Chọn danh hiệu Không Danh Hiệu đăng ký." in response.content.decode()
    data["p-1-full_name"] = ""
    response = client.post(URLS["edit_post"][1].format(r=registration.pk), data)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.collective_title.code == "ttldtt" and registration.target_lines == [
        "Chỉ tiêu một",
        "Chỉ tiêu hai",
    ]
    assert list(registration.people.values_list("full_name", "birth_year", "title__code")) == [
        ("Lò Thị Hoa", 1980, "ldtt")
    ]
