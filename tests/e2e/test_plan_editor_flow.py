"""Committee staff write a new plan in the browser, launch it and see the obliged units' board; and bring the seed
plan in from Word and save it as a draft. Real Chromium against live_server with the demo data."""

import re
import time

import pytest

from campaigns.demo import mai_son_text as demo_text
from campaigns.models import Campaign, SubPlan
from tests.campaigns.plan_docx import seed_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_writes_launches_and_sees_board(live_server, page, login, demo, artifacts_dir):
    shot = lambda name: page.screenshot(path=str(artifacts_dir / f"plan-editor-{name}.png"), full_page=True)  # noqa: E731
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    login("vanphong", "thidua2019")

    # 1. From the navbar to a new draft.
    page.click("#nav-plan-new")
    shot("01-bat-dau")
    page.fill("#id_title", "Phát động thi đua chào mừng Đại hội thi đua yêu nước năm 2025")
    page.fill("#id_period_start", "01/03/2025")
    page.fill("#id_period_end", "31/12/2025")
    page.click("#create-draft")
    page.wait_for_url(re.compile(r".*/phong-trao/\d+/soan/$"))
    campaign = Campaign.objects.get(title__startswith="Phát động thi đua chào mừng Đại hội")
    assert page.input_value("#id_issuing_body") == "HUYỆN ỦY MAI SƠN"

    # 2. Section by section; the preview follows what is typed.
    page.fill("#id_preamble", "Thực hiện Kế hoạch số 5-KH/TU ngày 10/01/2025 của Ban Thường vụ Tỉnh ủy,")
    page.fill("#id_purpose", "Động viên cán bộ, đảng viên thi đua lập thành tích chào mừng đại hội.")
    page.fill("#id_area-0-body", "Thi đua phát triển kinh tế với phong trào “*Chung sức xây dựng nông thôn mới*”.")
    page.fill("#id_area-0-movements", "Chung sức xây dựng nông thôn mới")
    page.fill("#id_area-0-t-0-name", "Xã đạt chuẩn nông thôn mới")
    page.fill("#id_area-0-t-0-value", "nhiều")  # a wrong figure: refused, nothing typed is lost
    page.fill("#id_as-0-body", "Các đảng ủy xã xây dựng kế hoạch thực hiện, gửi về Văn phòng Huyện ủy.")
    page.select_option("#id_as-0-organizations", label=["Đảng ủy xã Chiềng Mung", "Đảng ủy xã Cò Nòi"])
    page.fill("#id_subplan_due", "15/03/2025")
    page.fill("#id_rc-0-text", "Lưu Văn phòng Huyện ủy.")
    page.fill("#id_signer_name", "Lê Đình Châu")
    page.click("#refresh-preview")
    preview = page.locator("#plan-preview")
    preview.get_by_text("Động viên cán bộ, đảng viên thi đua").wait_for()
    assert "Chung sức xây dựng nông thôn mới" in preview.inner_text()
    assert "2 đơn vị" in page.inner_text("#obliged-summary")
    page.click("#save-draft")
    assert "Mức chỉ tiêu phải là số" in page.inner_text("#plan-form")
    assert page.input_value("#id_purpose").startswith("Động viên cán bộ")
    assert page.input_value("#id_as-0-body").startswith("Các đảng ủy xã xây dựng kế hoạch")
    shot("02-loi-giu-noi-dung")
    page.fill("#id_area-0-t-0-value", "3")
    page.fill("#id_area-0-t-0-unit_of_measure", "xã")
    page.click("#save-draft")
    assert page.locator(".alert-success", has_text="Đã lưu dự thảo.").is_visible()
    assert "✓ Đủ các phần bắt buộc" in page.inner_text("#launch-checklist")
    shot("03-da-luu")

    # 3. Launch: the card says who will be obliged, the confirmation says it too.
    page.click("#save-launch")
    page.wait_for_url(re.compile(r".*/phong-trao/\d+/#phat-hanh$"))
    assert "2 đơn vị" in page.inner_text("#launch-obliged")
    page.fill("#id_issued_on", "01/03/2025")
    shot("04-phat-hanh")
    page.click("#launch-form button[type=submit]")
    assert page.locator(".alert-success", has_text="Đã phát động kế hoạch số").is_visible()
    assert dialogs and "2 đơn vị sẽ phải xây dựng kế hoạch riêng" in dialogs[-1]
    campaign.refresh_from_db()
    assert campaign.status == "launched" and campaign.number is not None

    # 4. The board of the obliged units.
    page.click("text=Tình hình xây dựng kế hoạch")
    rows = page.locator("#board tbody tr")
    rows.first.wait_for()  # count() does not wait for the board page to load
    assert rows.count() == 2
    assert "Đảng ủy xã Chiềng Mung" in page.inner_text("#board") and "15/03/2025" in page.inner_text("#board")
    assert SubPlan.objects.filter(campaign=campaign).count() == 2
    shot("05-bang-theo-doi")


def test_import_seed_docx_and_save_draft(live_server, page, login, demo, artifacts_dir, tmp_path):
    shot = lambda name: page.screenshot(path=str(artifacts_dir / f"plan-import-{name}.png"), full_page=True)  # noqa: E731
    source = tmp_path / "ke-hoach-mai-son-2019.docx"
    source.write_bytes(seed_docx())
    login("vanphong", "thidua2019")
    page.click("#nav-plan-new")
    page.click("#start-import")
    page.set_input_files("#id_file", str(source))
    shot("01-chon-tep")
    started = time.perf_counter()
    page.click("#import-submit")
    page.locator("#source-lines").wait_for()
    wall = time.perf_counter() - started
    server = float(page.get_attribute("#import-seconds", "data-seconds"))
    print(f"\nimport of the seed .docx: {server:.3f} s on the server, {wall:.3f} s until the page showed")
    assert page.locator("#unmatched-orgs").count() == 0
    assert page.input_value("#id_signer_name") == "Lê Đình Châu"
    assert page.input_value("#id_area-2-movements").startswith("Toàn dân đoàn kết xây dựng nông thôn mới")
    assert "T/M BAN THƯỜNG VỤ" in page.inner_text("#plan-preview")
    shot("02-doi-chieu")
    before = Campaign.objects.count()
    page.click("#save-draft")
    page.wait_for_url(re.compile(r".*/phong-trao/\d+/soan/$"))
    assert page.locator(".alert-success", has_text="Dự thảo chưa được phát hành").is_visible()
    shot("03-da-luu-du-thao")
    assert Campaign.objects.count() == before + 1
    campaign = Campaign.objects.latest("id")
    assert campaign.status == "draft"
    assert [a.body for a in campaign.content_areas.order_by("order")] == demo_text.CONTENT_AREAS
    assert [a.body for a in campaign.assignments.order_by("order")] == demo_text.ASSIGNMENTS
