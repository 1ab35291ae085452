"""A unit head writes, uploads and submits; staff return it; the head fixes and resubmits; staff approve.

Real Chromium against live_server, with the demo data; a screenshot of each step goes to artifacts_dir.
"""

import re

import pytest

from campaigns.models import SubPlan, SubPlanAttachment
from tests.utils import tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = tiny_pdf()


def _logout(page, live_server):
    page.click("nav >> text=Đăng xuất")
    page.wait_for_url(f"{live_server.url}/dang-nhap/**")


def test_subplan_submit_return_resubmit_approve(live_server, page, login, demo, artifacts_dir, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    shot = lambda name: page.screenshot(path=str(artifacts_dir / f"subplan-{name}.png"), full_page=True)  # noqa: E731
    subplan = SubPlan.objects.get(campaign=demo, organization__code="du-chieng-mung")
    dialogs = []  # Nộp and Duyệt ask for confirmation (window.confirm): record and answer as `answer` says
    answer = {"accept": True}

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.accept() if answer["accept"] else dialog.dismiss()

    page.on("dialog", on_dialog)

    # 1. The head of Chiềng Mung sees the obligation and what to do next.
    login("chiengmung", "thidua2019")
    page.click("nav >> text=Kế hoạch của đơn vị")
    row = page.locator("#my-subplans tr", has_text="Đảng ủy xã Chiềng Mung")
    assert "Soạn kế hoạch, đính kèm bản ký và nộp" in row.inner_text()
    shot("01-ke-hoach-cua-toi")

    # 2. Fills the sub-plan: header, measures of area 3 and a target; a bad figure is refused, input kept.
    row.get_by_role("link", name="Soạn", exact=True).click()
    area3 = page.locator(".area-section").nth(2)
    page.fill("#id_number", "45-KH/ĐU")
    page.fill("#id_signer_title", "BÍ THƯ")
    page.fill("#id_signer_name", "Tòng Văn Dũng")
    area3.locator("textarea").fill("Vận động nhân dân hiến đất làm đường nội bản.")
    first_row = area3.locator(".target-row").first.locator("input")
    first_row.nth(0).fill("Km đường bê tông nội bản")
    first_row.nth(1).fill("nhiều")
    first_row.nth(2).fill("km")
    first_row.nth(3).fill("30/11/2020")
    page.click("button[value=view]")
    assert "Mức chỉ tiêu phải là số" in page.inner_text("#subplan-form")
    assert page.input_value("#id_signer_name") == "Tòng Văn Dũng"
    first_row = page.locator(".area-section").nth(2).locator(".target-row").first.locator("input")
    first_row.nth(1).fill("3,5")
    # The checklist says what a submission still lacks: the signed scan.
    assert "✗ Chưa có bản ký, đóng dấu" in page.inner_text("#submit-checklist")
    shot("02-soan-ke-hoach")
    page.click("button[value=view]")
    page.wait_for_url(re.compile(r".*/ke-hoach-don-vi/\d+/$"))
    assert "Km đường bê tông nội bản" in page.inner_text("main")

    # 3. Uploads the signed scan.
    scan = tmp_path / "ke-hoach-da-ky.pdf"
    scan.write_bytes(PDF)
    page.set_input_files("#id_file", str(scan))
    page.click("#upload-form button[type=submit]")
    assert "ke-hoach-da-ky.pdf" in page.inner_text("#attachments")
    shot("03-dinh-kem-ban-ky")

    # 4. Submits: the confirmation is asked; cancelled, nothing happens; accepted, it is submitted.
    answer["accept"] = False
    page.click("form[data-action=submit] button")
    assert dialogs and dialogs[-1].startswith("Nộp kế hoạch")
    subplan.refresh_from_db()
    assert subplan.status == "draft"
    answer["accept"] = True
    page.click("form[data-action=submit] button")
    assert page.locator(".alert-success", has_text="Đã nộp kế hoạch.").is_visible()
    assert page.locator("span[data-state]").get_attribute("data-state") == "submitted"
    shot("04-da-nop")
    _logout(page, live_server)

    # 5. Staff find it in the queue, read it beside the plan, and return it with a reason.
    login("vanphong", "thidua2019")
    page.goto(f"{live_server.url}/phong-trao/cho-duyet/")
    page.locator("#queue tr", has_text="Đảng ủy xã Chiềng Mung").get_by_role("link", name="Xét duyệt").click()
    assert page.locator("#not-addressed").is_visible()
    page.click("form[data-action=return] button")  # without a reason: refused, clearly
    assert "cần ghi rõ lý do" in page.inner_text(".alert-danger")
    page.fill("#reason-return", "Đề nghị bổ sung chỉ tiêu cho nội dung 4 (đại hội đảng bộ).")
    page.click("form[data-action=return] button")
    assert page.locator(".alert-success", has_text="Đã trả lại").is_visible()
    shot("05-tra-lai")
    _logout(page, live_server)

    # 6. The head sees the reason, fixes and resubmits.
    login("chiengmung", "thidua2019")
    page.goto(f"{live_server.url}/phong-trao/ke-hoach-don-vi/{subplan.pk}/")
    assert "Đề nghị bổ sung chỉ tiêu cho nội dung 4" in page.inner_text("#return-reason")
    page.click("#edit-subplan")
    area4 = page.locator(".area-section").nth(3)
    area4.locator("textarea").fill("Chuẩn bị chu đáo văn kiện, nhân sự đại hội.")
    area4.locator(".target-row").first.locator("input").nth(0).fill("Đại hội đảng bộ xã thành công")
    page.click("button[value=submit]")
    # The content changed after the scan was attached: a warning, not a block.
    assert "có thể không còn khớp" in page.inner_text("#scan-stale")
    page.click("form[data-action=submit] button")
    assert page.locator(".alert-success", has_text="Đã nộp kế hoạch.").is_visible()
    shot("06-nop-lai")
    _logout(page, live_server)

    # 7. Staff approve.
    login("vanphong", "thidua2019")
    page.goto(f"{live_server.url}/phong-trao/ke-hoach-don-vi/{subplan.pk}/")
    assert page.get_attribute("#subplan-pdf", "href").endswith(f"/ke-hoach-don-vi/{subplan.pk}/in/")
    page.click("form[data-action=approve] button")
    assert dialogs[-1].startswith("Duyệt kế hoạch này?")
    assert page.locator(".alert-success", has_text="Đã duyệt kế hoạch.").is_visible()
    log = page.inner_text("#subplan-log")
    assert log.count("Đã nộp, chờ duyệt") == 4 and "Bị trả lại" in log and "Đã duyệt" in log
    shot("07-da-duyet")

    # 8. The board shows it approved (search without diacritics).
    page.goto(f"{live_server.url}/phong-trao/{demo.pk}/ke-hoach-don-vi/")
    page.fill("input[name=q]", "chieng mung")
    page.click("#board-filters button[type=submit]")
    row = page.locator("#board tbody tr", has_text="Đảng ủy xã Chiềng Mung")
    assert row.locator("[data-state]").get_attribute("data-state") == "approved"
    assert "Đã duyệt" in row.inner_text()
    shot("08-bang-theo-doi")

    # 9. Printed from the browser: no filters or buttons, the state badges black on white.
    page.emulate_media(media="print")
    assert not page.is_visible("#board-filters") and not page.is_visible("#remind-form button")
    assert page.is_visible("#board")
    badge = row.locator("[data-state]")
    colors = badge.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert colors == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.emulate_media(media="screen")
    assert page.is_visible("#board-filters")

    subplan.refresh_from_db()
    assert subplan.status == "approved" and subplan.logs.count() == 4
    assert SubPlanAttachment.objects.get(subplan=subplan).original_name == "ke-hoach-da-ky.pdf"
