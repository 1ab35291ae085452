"""The nomination form in a clerk's words: plain labels, "— Chọn —", and by default only the awards the campaign's
issuer decides itself (those it may only propose upward are marked for the page to show on request)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_form_labels_and_default_offer(client, unit_head, make_campaign):
    campaign = make_campaign()
    client.force_login(unit_head)
    html = client.get(f"/khen-thuong/phong-trao/{campaign.pk}/de-nghi-moi/").content.decode()
    assert "Tập thể (đơn vị trong hệ thống)" in html
    assert "cây tổ chức" not in html and "---------" not in html and ">N/A<" not in html
    assert "— Chọn —" in html and "Khác, không xác định" in html
    options = re.findall(r"<option[^>]*data-kinds[^>]*>([^<]*)</option>", html)
    upward = re.findall(r"<option[^>]*data-upward[^>]*>([^<]*)</option>", html)
    assert options and upward
    # Exactly the ones the issuer only proposes are marked (their label says so); the page script hides them
    # until "Hiện toàn bộ danh mục" is ticked.
    assert all("đề nghị cấp trên quyết định" in label for label in upward)
    assert all("đề nghị cấp trên quyết định" not in label for label in options if label not in upward)
    assert "awards/nomination_form.js" in html
