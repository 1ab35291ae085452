"""The format rules as dated data: chosen by issuer kind and issue date, printed references, the PDF's margins."""

import datetime
import importlib
import io

import pdfplumber
import pytest
from django.conf import settings
from django.template import Context, Template

from thidua.documents import blocks, formats
from thidua.documents.formats import format_for
from thidua.documents.models import FormatSetting
from thidua.documents.pdf import DocumentMeta, render_html

MM = 72 / 25.4


@pytest.fixture(autouse=True)
def _fresh_formats():
    formats.clear_cache()
    yield
    formats.clear_cache()


@pytest.mark.parametrize(
    ("kind", "day", "key"),
    [
        ("party", datetime.date(2019, 10, 25), "party-hd36-2018"),  # a 2019 plan prints as issued in 2019
        ("party", datetime.date(2026, 5, 26), "party-hd36-2018"),  # the day before HD 05-HD/VPTW
        ("party", datetime.date(2026, 5, 27), "party-hd05-2026"),  # its first day
        ("party", datetime.date(2015, 1, 1), "party-hd36-2018"),  # before every format: the oldest of the kind
        ("state", datetime.date(2019, 1, 1), "state-nd30-2020"),
        ("state", datetime.date(2026, 12, 2), "state-nd30-2020"),
    ],
)
def test_the_format_is_chosen_by_kind_and_issue_date(kind, day, key):
    assert format_for(kind, day).key == key


@pytest.mark.django_db
def test_a_document_without_a_date_follows_todays_format():
    from django.utils import timezone

    assert format_for("party").key == format_for("party", timezone.localdate()).key
    assert DocumentMeta("HUYỆN ỦY", "", "", "KẾ HOẠCH").format_rules == format_for("party")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        format_for("church", datetime.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("kind", "day", "number", "symbol", "printed"),
    [
        ("party", datetime.date(2019, 10, 25), 1, "KH/HU", "Số 1-KH/HU"),
        ("party", datetime.date(2019, 10, 25), 215, "KH/HU", "Số 215-KH/HU"),
        ("party", datetime.date(2026, 6, 1), 5, "NQ/ĐU", "Số 05-NQ/ĐU"),
        ("party", datetime.date(2026, 6, 1), 12, "KH/HU", "Số 12-KH/HU"),
        ("state", datetime.date(2026, 6, 1), 12, "QĐ-UBND", "Số: 12/QĐ-UBND"),
        ("state", datetime.date(2020, 6, 1), 3, "QĐ-UBND", "Số: 03/QĐ-UBND"),  # NĐ 30 pads numbers below 10
    ],
)
def test_number_printing_per_format(kind, day, number, symbol, printed):
    assert format_for(kind, day).printed_reference(number, symbol) == printed


def test_a_document_without_number_leaves_room_to_write_it():
    assert format_for("party", datetime.date(2019, 1, 1)).printed_reference(None, "KH/HU") == "Số     -KH/HU"
    assert format_for("state", datetime.date(2021, 1, 1)).printed_reference(None, "QĐ-UBND") == "Số:     /QĐ-UBND"


@pytest.mark.parametrize(
    ("kind", "day", "text", "printed"),
    [
        ("party", datetime.date(2019, 10, 25), "TM. BAN THƯỜNG VỤ", "T/M BAN THƯỜNG VỤ"),
        ("party", datetime.date(2019, 10, 25), "KT. BÍ THƯ", "K/T BÍ THƯ"),
        ("state", datetime.date(2026, 6, 1), "T/M ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),
        ("state", datetime.date(2026, 6, 1), "K/T CHỦ TỊCH", "KT. CHỦ TỊCH"),
        ("state", datetime.date(2026, 6, 1), "KT. CHỦ TỊCH", "KT. CHỦ TỊCH"),
        ("party", datetime.date(2026, 6, 1), "BÍ THƯ", "BÍ THƯ"),
    ],
)
def test_the_signing_authority_uses_the_formats_abbreviations(kind, day, text, printed):
    assert blocks.authority(kind, text, day) == printed


def test_place_and_date_line():
    assert blocks.place_and_date("Mai Sơn", datetime.date(2019, 10, 5)) == "Mai Sơn, ngày 05 tháng 10 năm 2019"
    assert blocks.place_and_date("Mai Sơn", None, year=2026, blank=" ") == "Mai Sơn, ngày tháng năm 2026"


def test_recipients_end_with_the_formats_archive_line():
    hd05 = format_for("party", datetime.date(2026, 6, 1))
    nd30 = format_for("state", datetime.date(2026, 6, 1))
    assert blocks.recipients(hd05, ["- Ban Thường vụ Tỉnh ủy,"]) == ["Ban Thường vụ Tỉnh ủy,", "Lưu."]
    assert blocks.recipients(nd30, ["UBND tỉnh;"], office="TĐKT") == ["UBND tỉnh;", "Lưu: VT, TĐKT."]
    assert blocks.recipients(hd05, ["Như trên,", "Lưu Văn phòng."]) == ["Như trên,", "Lưu Văn phòng."]
    assert blocks.recipients(hd05, []) == []


def test_the_2026_party_format_spells_uy_the_new_way():
    hd05 = format_for("party", datetime.date(2026, 6, 1))
    hd36 = format_for("party", datetime.date(2019, 6, 1))
    assert blocks.committee_spelling(hd05, "ĐẢNG UỶ XÃ CHIỀNG MUNG") == "ĐẢNG ỦY XÃ CHIỀNG MUNG"
    assert blocks.committee_spelling(hd36, "ĐẢNG UỶ XÃ CHIỀNG MUNG") == "ĐẢNG UỶ XÃ CHIỀNG MUNG"  # as typed


def test_conventions_differ_by_format():
    hd36, hd05, nd30 = (formats.format_by_key(k) for k in ("party-hd36-2018", "party-hd05-2026", "state-nd30-2020"))
    assert (hd36.on_behalf, hd36.deputy, nd30.on_behalf, nd30.deputy) == ("T/M", "K/T", "TM.", "KT.")
    assert (hd36.numbering_period, nd30.numbering_period) == ("term", "year")
    assert (hd05.margin_top_mm, hd05.margin_bottom_mm, hd05.margin_left_mm, hd05.margin_right_mm) == (20, 20, 30, 15)
    assert (hd05.body_pt, hd05.line_spacing_pt) == (14, 19)
    assert hd05.committee_spelling == "ỦY" and hd05.archive_recipient.startswith("Lưu")


@pytest.mark.django_db
def test_an_editable_setting_overrides_the_built_in_value():
    # The migration seeds these rows; a transactional test earlier in the run flushes them, so seed them again.
    from django.apps import apps

    importlib.import_module("thidua.documents.migrations.0002_seed_format_settings").seed(apps, None)
    formats.clear_cache()
    assert FormatSetting.objects.filter(format_key="party-hd05-2026", field="valid_from").exists()  # seeded
    row = FormatSetting.objects.get(format_key="party-hd05-2026", field="valid_from")
    row.value = "2026-07-01"
    row.save()
    assert format_for("party", datetime.date(2026, 6, 15)).key == "party-hd36-2018"
    assert format_for("party", datetime.date(2026, 7, 1)).key == "party-hd05-2026"
    FormatSetting.objects.filter(format_key="party-hd05-2026", field="number_zero_pad").update(value="0")
    formats.clear_cache()
    assert format_for("party", datetime.date(2026, 7, 1)).printed_reference(5, "NQ/ĐU") == "Số 5-NQ/ĐU"


PAGE = Template(
    '{% extends "reports/print/base.html" %}{% block body %}<p>Đoạn thứ nhất của văn bản.</p>{% endblock %}'
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "top", "left"),
    [(datetime.date(2019, 10, 25), 25, 35), (datetime.date(2026, 6, 1), 20, 30)],
)
def test_the_print_reads_its_margins_from_the_format(day, top, left):
    rules = format_for("party", day)
    meta = DocumentMeta(
        issuing_body="HUYỆN ỦY MAI SƠN",
        printed_reference=rules.printed_reference(1, "KH/HU"),
        place_and_date="Mai Sơn, ngày 01 tháng 6 năm 2026",
        document_type="KẾ HOẠCH",
        issued_on=day,
    )
    assert meta.format_rules == rules
    html = PAGE.render(Context({"doc": meta, "STATIC_URL": settings.STATIC_URL}))
    with pdfplumber.open(io.BytesIO(render_html(html))) as document:
        words = document.pages[0].extract_words()
    first = min(words, key=lambda w: w["top"])
    paragraph = next(w for w in words if w["text"] == "Đoạn")
    assert top * MM <= first["top"] <= top * MM + 6  # the first header line sits on the top margin
    # The paragraph starts one first-line indent (10 mm) right of the left margin.
    assert paragraph["x0"] == pytest.approx((left + rules.first_line_indent_mm) * MM, abs=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued_on", "key", "printed", "left"),
    [
        (datetime.date(2019, 10, 25), "party-hd36-2018", "Số 5-KH/HU", 35),  # a 2019 plan prints as issued then
        (None, "party-hd05-2026", "Số 05-KH/HU", 30),  # a plan issued today: today's format
    ],
)
def test_a_plan_prints_in_the_format_of_its_issue_date(issued_on, key, printed, left):
    from django.utils import timezone

    from tests.factories import CampaignFactory

    day = issued_on or timezone.localdate()
    campaign = CampaignFactory(number=5, symbol="KH/HU", issued_on=day, period_start=day, period_end=day)
    meta = DocumentMeta.for_campaign(campaign)
    assert (meta.format_rules.key, campaign.printed_reference, meta.printed_reference) == (key, printed, printed)
    html = PAGE.render(Context({"doc": meta, "STATIC_URL": settings.STATIC_URL}))
    with pdfplumber.open(io.BytesIO(render_html(html))) as document:
        text = document.pages[0].extract_text()
        words = document.pages[0].extract_words()
    assert printed in text
    assert min(w["x0"] for w in words) == pytest.approx(left * MM, abs=2)  # the header's left column
