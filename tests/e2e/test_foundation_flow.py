"""A newcomer logs in, finds the plan, reads it, and looks at the organisation tree, in a real Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_read_plan_and_tree(live_server, page, demo, artifacts_dir):
    page.goto(f"{live_server.url}/")
    assert "/dang-nhap/" in page.url
    page.fill("#id_username", "chiengmung")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button[type=submit]")
    assert page.locator(".alert-danger").inner_text().startswith("Tên đăng nhập hoặc mật khẩu không đúng")
    assert page.input_value("#id_username") == "chiengmung"  # what was typed is kept

    page.fill("#id_password", "thidua2019")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("text=Phát động phong trào thi đua yêu nước")
    document = page.locator("#plan-document")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in document.inner_text()
    assert "IV. TỔ CHỨC THỰC HIỆN" in document.inner_text()
    assert "Lê Đình Châu" in document.inner_text()
    page.screenshot(path=str(artifacts_dir / "foundation-plan.png"), full_page=True)

    page.click("text=Tổ chức, đơn vị")
    page.fill("input[name=q]", "chieng mung")
    page.press("input[name=q]", "Enter")
    assert page.locator("text=Đảng ủy xã Chiềng Mung").count() == 1
    page.click("text=Đăng xuất")
    page.wait_for_url("**/dang-nhap/")
