"""The nominee import in Chromium: a filled copy of the reference template is read, every row shown with its
finding, and only the clean rows are imported."""

import pytest

from tests.awards.test_excel import filled_reference
from tests.e2e.test_awards_flow import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GK = "Giấy khen của Ban Thường vụ Huyện ủy"


def row(n, name, award=GK, unit="Đảng bộ xã Chiềng Mung"):
    return (
        n,
        "Ông",
        name,
        "Trưởng bản",
        unit,
        "Khen thưởng cá nhân",
        award,
        "Các cấp lãnh đạo khác",
        "Các cơ quan, tổ chức Đảng",
    )


def test_import_preview_then_clean_rows(live_server, page, demo, artifacts_dir, tmp_path):
    from awards.models import Nomination

    data = filled_reference(
        tmp_path, [row(1, "Lò Văn Nhập"), row(2, "Lò Văn Nhập"), row(3, "Vì Văn Sơn", unit="Đảng bộ xã Cò Nòi")]
    )
    before = Nomination.objects.count()
    sign_in(page, live_server, "chiengmung")
    page.goto(f"{live_server.url}/khen-thuong/phong-trao/{demo.pk}/nhap-excel/")
    page.set_input_files(
        "#id_file", files=[{"name": "danh-sach.xlsx", "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-rows")
    assert page.inner_text("#count-ok") == "1"
    assert page.inner_text("#count-blocked") == "2"  # the second line repeats the first; Vì Văn Sơn is decided
    assert "Trùng với dòng 2 của tệp" in page.inner_text("#import-rows")
    page.screenshot(path=str(artifacts_dir / "awards-import-preview.png"), full_page=True)
    assert Nomination.objects.count() == before
    page.click("#import-clean")
    page.wait_for_url(f"{live_server.url}/khen-thuong/phong-trao/{demo.pk}/")
    assert Nomination.objects.count() == before + 1
    assert Nomination.objects.get(full_name="Lò Văn Nhập").nominee_class == "leader_division"
