"""Forms 0604.N/0605.N in Chromium: staff add a person to the record behind them and the form counts her."""

import pytest

from tests.e2e.test_awards_flow import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_record_feeds_forms_0604_and_0605(live_server, page, demo, artifacts_dir):
    sign_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/khen-thuong/so/bieu-mau/?year=2020")
    page.click("#link-0605")
    page.wait_for_selector("#form-0605")
    total = page.locator("#form-0605 td[data-code='01']").first
    assert total.inner_text() == "3"
    page.screenshot(path=str(artifacts_dir / "awards-form-0605.png"), full_page=True)
    page.goto(f"{live_server.url}/khen-thuong/so/can-bo-thi-dua/")
    page.click("#add-worker")
    page.select_option("#id_office", label="Văn phòng Huyện ủy — bộ phận Thi đua - Khen thưởng")
    page.fill("#id_full_name", "Quàng Thị Mai")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_year", "1995")
    page.select_option("#id_training", "university")
    page.fill("#id_started_year", "2019")
    page.click("#record-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/khen-thuong/so/can-bo-thi-dua/")
    assert "Quàng Thị Mai" in page.inner_text("#workers")
    page.goto(f"{live_server.url}/khen-thuong/so/bieu-mau/0605/?year=2020")
    assert page.locator("#form-0605 td[data-code='01']").first.inner_text() == "4"
    page.goto(f"{live_server.url}/khen-thuong/so/bieu-mau/0604/?year=2020")
    assert page.locator("#form-0604 td[data-code='01']").first.inner_text() == "2"
