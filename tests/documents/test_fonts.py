"""The font guard: a system check and a refusal to render or issue when the print font is missing."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from thidua.documents import fonts
from thidua.documents.pdf import DocumentMeta, render_pdf


def test_the_font_is_installed_here():
    fonts.clear_cache()
    assert fonts.installed_family() == "Liberation Serif"
    assert fonts.check_fonts() == []


def test_the_check_errors_with_the_install_command(fonts_missing):
    (error,) = fonts.check_fonts()
    assert error.id == "documents.E001" and "apt-get install fonts-liberation2" in error.hint
    with pytest.raises(SystemCheckError, match="fonts-liberation2"):
        call_command("check")


def test_nothing_renders_without_the_font(fonts_missing):
    meta = DocumentMeta(
        issuing_body="HUYỆN ỦY THỬ", printed_reference="Số 1-KH/HU", place_and_date="Thử", document_type="KẾ HOẠCH"
    )
    with pytest.raises(fonts.PrintFontMissing) as raised:
        render_pdf("reports/print/campaign_plan.html", {"doc": meta, "campaign": None})
    assert "Liberation Serif" in raised.value.messages[0] and fonts.INSTALL in raised.value.messages[0]


@pytest.mark.django_db
def test_a_print_asked_for_answers_503_in_vietnamese(client, draft_campaign, staff_user, fonts_missing):
    client.force_login(staff_user)
    response = client.get(f"/bao-cao/ke-hoach/{draft_campaign.pk}.pdf")
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "chưa cài phông chữ Liberation Serif" in page and "apt-get install fonts-liberation2" in page
