"""Print style of the closing: Party format underlines «Nơi nhận:» (HD 36); state format (decree 30) prints it bold
italic 12pt, not underlined, with the list in 11pt. Checked on WeasyPrint's laid-out boxes."""

import datetime

import pytest
from weasyprint import HTML

from awards import printing
from awards.enums import NominationStatus as S
from thidua.documents.pdf import PRINT_BASE_URL, StaticOnlyFetcher

from .conftest import make_nomination
from .test_decision import state_decision

D = datetime.date
pytestmark = pytest.mark.django_db


def text_boxes(box):
    if hasattr(box, "text"):
        yield box
    for child in getattr(box, "children", []):
        yield from text_boxes(child)


def styles_of(html):
    document = HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=StaticOnlyFetcher()).render()
    found = {}
    for page in document.pages:
        for box in text_boxes(page._page_box):
            found.setdefault(box.text.strip(), box.style)
    return found


def html_of(decision):
    from django.conf import settings
    from django.template.loader import render_to_string

    return render_to_string(
        "awards/print/decision.html", {"STATIC_URL": settings.STATIC_URL, **printing.decision_context(decision)}
    )


def test_state_recipients_label_is_bold_italic_12pt_not_underlined(make_campaign, people_committee, unit, staff_user):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    noms = [make_nomination(campaign, unit, "giay-khen-ubnd-huyen", status=S.APPROVED, name="Lò Thị Hoa")]
    styles = styles_of(html_of(state_decision(campaign, staff_user, noms)))
    label = styles["Nơi nhận:"]
    assert label["font_weight"] == 700 and label["font_style"] == "italic"
    assert label["font_size"] == pytest.approx(16)  # 12pt in CSS px
    assert "underline" not in (label["text_decoration_line"] or ())
    item = styles["- Như Điều 3;"]
    assert item["font_size"] == pytest.approx(11 * 4 / 3)


def test_party_recipients_label_stays_underlined(make_campaign, unit, staff_user):
    from awards import services

    campaign = make_campaign(D(2020, 12, 31))
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED)
    decision = services.create_decision(
        campaign,
        staff_user,
        [nom],
        issuing_body="HUYỆN ỦY THỬ",
        number=1,
        symbol="QĐ/HU",
        place="Thử",
        issued_on=D(2020, 12, 25),
        signer_name="Ký",
        recipients="Như Điều 3,",
    )
    label = styles_of(html_of(decision))["Nơi nhận:"]
    assert "underline" in label["text_decoration_line"]
