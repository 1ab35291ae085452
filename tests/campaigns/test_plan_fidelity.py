import html
import re

import pytest

from tests.seed import REPO_SEED, SHARED_SEED, assert_in_order, seed_paragraphs

pytestmark = pytest.mark.django_db


def test_repo_seed_is_the_shared_seed():
    if SHARED_SEED.exists():  # CI has ../shared beside the clone; a user's clone may not
        assert REPO_SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_paragraph_split_is_sane():
    paragraphs = seed_paragraphs()
    assert paragraphs[0] == "KẾ HOẠCH"
    assert any(p.startswith("1. Tiếp tục quán triệt") and "Chỉ thị số 05-CT/TW" in p for p in paragraphs)
    assert "- Lưu." in paragraphs
    assert paragraphs[-1] == "Lê Đình Châu"
    assert len(paragraphs) == 37  # 42 lines: title lines joined, II.1 rejoined


def page_text(body):
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"</?(em|strong)>", "", body)  # inline markup is not a word break
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_campaign_page_holds_every_paragraph_of_the_seed_in_order(client, demo):
    client.login(username="vanphong", password="thidua2019")
    response = client.get(f"/phong-trao/{demo.pk}/")
    assert response.status_code == 200
    article = response.content.decode().split('id="plan-document"', 1)[1]
    assert_in_order(page_text(article), seed_paragraphs())


def test_issued_slip_in_iv1_is_kept(demo):
    first_assignment = demo.assignments.order_by("order").first()
    assert "(10/10/1895-10/10/2019)" in first_assignment.body


def test_movement_names_are_italic_on_the_page(client, demo):
    client.login(username="vanphong", password="thidua2019")
    body = client.get(f"/phong-trao/{demo.pk}/").content.decode()
    assert "<em>Chung tay vì người nghèo - Không để ai bỏ lại phía sau</em>" in body
