"""A unit registers (collective title, targets, people) and submits; staff approve it; the roll-up counts it.

Real Chromium against live_server, with the demo data; a screenshot of each step goes to artifacts_dir.
"""

import re

import pytest

from registrations.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page, live_server):
    page.click("nav >> text=Đăng xuất")
    page.wait_for_url(f"{live_server.url}/dang-nhap/**")


def test_unit_registers_and_staff_approve(live_server, page, login, demo, artifacts_dir):
    shot = lambda name: page.screenshot(path=str(artifacts_dir / f"registration-{name}.png"), full_page=True)  # noqa: E731
    registration = Registration.objects.get(campaign=demo, organization__code="btg-hu-mai-son")
    assert registration.status == "draft"
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))

    # 1. The head of Ban Tuyên giáo finds the draft registration from the navbar.
    login("tuyengiao", "thidua2019")
    page.click("nav >> text=Đăng ký thi đua")
    page.locator("#my-registrations a", has_text=demo.dated_reference).first.click()
    page.wait_for_url(re.compile(r".*/phong-trao/dang-ky-thi-dua/\d+/$"))
    assert "Đinh Thị Lan" in page.inner_text("#people")
    shot("01-ban-dang-ky")

    # 2. Fills it: the collective's title and targets, a second person, the signer; then to the submission step.
    page.click("#edit-registration")
    page.select_option("#id_collective_title", label="Tập thể lao động tiên tiến")
    page.fill("#id_targets", "100% cán bộ hoàn thành tốt nhiệm vụ\nBiên soạn tài liệu tuyên truyền Đại hội")
    page.fill("#id_p-1-full_name", "Lò Văn Tuấn")
    page.fill("#id_p-1-position", "Chuyên viên")
    page.select_option("#id_p-1-gender", label="Nam")
    page.fill("#id_p-1-ethnicity", "Thái")
    page.fill("#id_p-1-birth_year", "1990")
    page.select_option("#id_p-1-title", label="Chiến sĩ thi đua cơ sở")
    page.fill("#id_signer_name", "Cầm Thị Lan")
    shot("02-soan")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r".*/phong-trao/dang-ky-thi-dua/\d+/#nop$"))
    people = page.inner_text("#people")
    assert "Lò Văn Tuấn" in people and "Chiến sĩ thi đua cơ sở" in people
    assert "Tập thể lao động tiên tiến" in page.inner_text("#collective-title")
    assert page.get_attribute("#registration-pdf", "href").endswith(f"/dang-ky-thi-dua/{registration.pk}/in/")

    # 3. Submits (asked to confirm).
    page.click("form[data-action=submit] button")
    assert dialogs and dialogs[-1].startswith("Nộp bản đăng ký thi đua")
    assert page.locator(".alert-success", has_text="Đã nộp bản đăng ký thi đua.").is_visible()
    assert page.locator("span[data-state]").first.get_attribute("data-state") == "submitted"
    shot("03-da-nop")
    _logout(page, live_server)

    # 4. Staff open the roll-up, see it submitted, and approve it.
    login("vanphong", "thidua2019")
    page.goto(f"{live_server.url}/dang-ky-thi-dua/phong-trao/{demo.pk}/")
    registered_before = int(page.inner_text("#registered-count"))
    row = page.locator("#rollup tbody tr", has_text="Ban Tuyên giáo")
    assert row.locator("[data-state]").get_attribute("data-state") == "submitted"
    assert "Chiến sĩ thi đua cơ sở: 1" in row.inner_text()
    shot("04-tong-hop")
    row.get_by_role("link").first.click()
    page.click("form[data-action=approve] button")
    assert dialogs[-1].startswith("Duyệt bản đăng ký thi đua này?")
    assert page.locator(".alert-success", has_text="Đã duyệt bản đăng ký thi đua.").is_visible()
    shot("05-da-duyet")

    # 5. The roll-up counts it; its xlsx downloads.
    page.goto(f"{live_server.url}/dang-ky-thi-dua/phong-trao/{demo.pk}/")
    assert int(page.inner_text("#registered-count")) == registered_before  # submitted already counted as registered
    row = page.locator("#rollup tbody tr", has_text="Ban Tuyên giáo")
    assert row.locator("[data-state]").get_attribute("data-state") == "approved"
    with page.expect_download() as download:
        page.click("#rollup-export")
    assert download.value.suggested_filename.startswith(f"dang-ky-thi-dua-{demo.pk}-")
    shot("06-tong-hop-sau-duyet")

    registration.refresh_from_db()
    assert registration.status == "approved" and registration.logs.count() == 2
    assert registration.people.count() == 2 and registration.collective_title.code == "ttldtt"
