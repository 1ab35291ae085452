"""On a phone (390 px wide, as many commune staff work): the home page, the sub-plan edit and submit, the nomination
form. Real Chromium on the demo; no page scrolls sideways; a screenshot of each step in test-artifacts/."""

import re

import pytest

from campaigns.models import SubPlan
from tests.utils import tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PDF = tiny_pdf()  # a real PDF: uploads are parsed with pypdf


def fits(page):
    """Nothing wider than the screen (the page would scroll sideways)."""
    width = page.evaluate("document.scrollingElement.scrollWidth")
    wide = page.evaluate(
        """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
        .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
    assert width <= PHONE["width"], f"{page.url} is {width}px wide: {wide}"


def test_unit_head_finds_and_does_what_is_due_from_the_home_page(
    live_server, page, login, demo, artifacts_dir, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    shot = lambda name: page.screenshot(path=str(artifacts_dir / f"mobile-{name}.png"), full_page=True)  # noqa: E731
    page.on("dialog", lambda dialog: dialog.accept())  # Nộp asks for confirmation
    subplan = SubPlan.objects.get(campaign=demo, organization__code="du-chieng-mung")

    login("chiengmung", "thidua2019")
    page.set_viewport_size(PHONE)
    page.reload()
    # 1. The home page says what is due, the most late first, with the lateness and one button.
    first = page.locator("#unit-tasks .task").first
    assert first.get_attribute("data-kind") == "subplan"
    assert "Trễ 412 ngày" in first.inner_text() and "Hạn nộp 15/11/2019" in first.inner_text()
    assert page.locator("#unit-tasks .task[data-kind=report]").count() == 1
    assert page.locator("#unit-tasks .task[data-kind=nomination]").count() >= 1
    fits(page)
    shot("01-trang-chu")

    # 2. The one button opens the editor: target rows stacked, each input named, nothing off screen.
    first.locator(".task-act").click()
    page.wait_for_url(re.compile(r".*/ke-hoach-don-vi/\d+/sua/$"))
    fits(page)
    area3 = page.locator(".area-section").nth(2)
    area3.locator("textarea").fill("Vận động nhân dân hiến đất làm đường nội bản.")
    area3.get_by_label("Chỉ tiêu").first.fill("Km đường bê tông nội bản")
    area3.get_by_label("Mức").first.fill("3,5")
    area3.get_by_label("Đơn vị tính").first.fill("km")
    shot("02-soan-ke-hoach")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r".*/ke-hoach-don-vi/\d+/#nop$"))
    fits(page)

    # 3. Attaches the signed scan and submits, on the phone.
    scan = tmp_path / "ke-hoach-da-ky.pdf"
    scan.write_bytes(PDF)
    page.set_input_files("#id_file", str(scan))
    page.click("#upload-form button[type=submit]")
    assert "ke-hoach-da-ky.pdf" in page.inner_text("#attachments")
    shot("03-dinh-kem")
    page.click("form[data-action=submit] button")
    assert page.locator(".alert-success", has_text="Đã nộp kế hoạch.").is_visible()
    # Submitting years after the period does not make the unit later than it was shown (412 days).
    assert "trễ 412 ngày" in page.inner_text("main")
    fits(page)
    shot("04-da-nop")
    subplan.refresh_from_db()
    assert subplan.status == "submitted"

    # 4. Back home: the sub-plan left the list; it now waits for the committee.
    page.goto(f"{live_server.url}/")
    assert page.locator("#unit-tasks .task[data-kind=subplan]").count() == 0
    assert "đang chờ Văn phòng xét duyệt" in page.inner_text("#unit-tasks")
    fits(page)
    shot("05-trang-chu-sau-khi-nop")


def test_nomination_form_on_a_phone_offers_the_units_awards_first(live_server, page, login, demo, artifacts_dir):
    login("chiengmung", "thidua2019")
    page.set_viewport_size(PHONE)
    # The navbar (collapsed on a phone) leads to proposing.
    page.click(".navbar-toggler")
    page.click("#nav-awards")
    page.click(".dropdown-menu >> text=Đề nghị khen thưởng")
    page.wait_for_url(f"{live_server.url}/khen-thuong/")
    fits(page)
    page.screenshot(path=str(artifacts_dir / "mobile-06-khen-thuong.png"), full_page=True)
    page.locator("#propose").get_by_role("link", name="Đề nghị mới").first.click()
    page.wait_for_url(re.compile(r".*/de-nghi-moi/$"))
    assert "Tập thể (đơn vị trong hệ thống)" in page.inner_text("#nomination-form")
    page.select_option("#id_nominee_kind", "individual")
    visible = page.locator("#id_award_type option:not([hidden])[data-kinds]")
    labels = visible.all_inner_texts()
    assert labels and not any("đề nghị cấp trên" in label for label in labels)
    assert "Giấy khen của Ban Thường vụ Huyện ủy" in labels
    page.check("#award-show-all")  # the full catalogue, one click away
    upward = page.locator("#id_award_type option:not([hidden])[data-upward]")
    assert upward.count() > 0
    fits(page)
    page.screenshot(path=str(artifacts_dir / "mobile-07-de-nghi.png"), full_page=True)


@pytest.mark.parametrize("username", ["vanphong", "hoidong"])
def test_staff_and_council_homes_fit_a_phone(live_server, page, login, demo, artifacts_dir, username):
    login(username, "thidua2019")
    page.set_viewport_size(PHONE)
    page.reload()
    fits(page)
    page.screenshot(path=str(artifacts_dir / f"mobile-08-trang-chu-{username}.png"), full_page=True)
    if username == "vanphong":
        assert page.locator("#staff-queues").is_visible()
        page.goto(f"{live_server.url}/phong-trao/{demo.pk}/tong-quan/")
        fits(page)
        assert page.locator(".chart svg").count() == 3
        page.screenshot(path=str(artifacts_dir / "mobile-09-tong-quan.png"), full_page=True)
    else:
        assert page.locator("#awaiting-votes").is_visible()
        assert "Chưa có phong trào nào" not in page.inner_text("main")
