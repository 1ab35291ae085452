"""Word copies of official documents (thidua/documents/docx.py): read back with python-docx, and converted with
LibreOffice headless to check the header positions as for the PDF."""

import datetime
import io
import zipfile

import pdfplumber
import pytest
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from awards.models import Award, Decision
from campaigns.models import Campaign, ProgressReport, SubPlan
from tests.seed import assert_in_order, seed_paragraphs, squash
from thidua.documents.docx import DOCX_CONTENT_TYPE, html_to_docx, line_pt, margins_mm, page_rules, text_width_pt
from thidua.documents.formats import format_for
from thidua.documents.pdf import DocumentMeta

from .docxutil import blocks, docx_text, read, to_pdf

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


def download(client, url, user="vanphong", **params):
    client.login(username=user, password="thidua2019")
    return client.get(url, params)


def assert_docx(response, filename):
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return response.content


def mm(length):
    return round(length / Mm(1), 1)


def assert_page(document, margins, *, landscape=False):
    section = document.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == ((297, 210) if landscape else (210, 297))
    assert section.orientation == (WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT)
    if margins is not None:
        actual = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert tuple(mm(m) for m in actual) == tuple(float(m) for m in margins)


# --- the plan --------------------------------------------------------------------------------------------------------


def test_the_plan_docx_holds_every_paragraph_of_the_seed_in_order_on_a4_with_the_formats_margins(client, demo):
    content = assert_docx(
        download(client, reverse("reports:campaign_plan_docx", args=[demo.pk])), "ke-hoach-1-KH-HU.docx"
    )
    document = read(content)
    assert_in_order("\n".join(blocks(document)), seed_paragraphs())
    rules = page_rules(DocumentMeta.for_campaign(demo))
    assert rules.key == "party-hd36-2018"  # issued in 2019: the format in force then
    assert_page(document, margins_mm(rules))
    # Times New Roman everywhere (LibreOffice prints it with Liberation Serif, its metric twin), body size of the format
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == rules.body_pt
    fonts = {r.font.name for p in document.paragraphs for r in p.runs} - {None}
    assert fonts <= {"Times New Roman"}
    # body paragraphs: first-line indent and justified, as the PDF
    body = next(p for p in document.paragraphs if p.text.startswith("Thực hiện Chỉ thị số 26-CT/TU"))
    assert mm(body.paragraph_format.first_line_indent) == 10
    assert body.paragraph_format.alignment == 3  # JUSTIFY
    heading = next(p for p in document.paragraphs if p.text == "I. MỤC ĐÍCH, YÊU CẦU")
    assert all(r.font.bold for r in heading.runs) and heading.paragraph_format.keep_with_next
    # *italic* of the seed stays italic
    assert any(r.font.italic and "Chung tay vì người nghèo" in r.text for p in document.paragraphs for r in p.runs)
    # the last paragraph of the body stays with Nơi nhận and the signature (one row that never splits)
    closing = document.tables[-1]
    assert "Nơi nhận:" in closing.cell(0, 0).text and "Lê Đình Châu" in closing.cell(0, 1).text
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    last = closing._tbl.getprevious()
    assert last.pPr.keepNext is not None and "Ban Thường vụ huyện ủy Mai Sơn./." in "".join(last.itertext())


def test_plan_docx_in_libreoffice_has_the_party_header_blocks_apart_and_inside_the_margins(client, demo, tmp_path):
    content = download(client, reverse("reports:campaign_plan_docx", args=[demo.pk])).content
    pdf = to_pdf(content, tmp_path)
    top, bottom, left, right = margins_mm(page_rules(DocumentMeta.for_campaign(demo)))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        (issuer,) = page.search("HUYỆN ỦY MAI SƠN")
        (superior,) = page.search("ĐẢNG BỘ TỈNH SƠN LA")
        (party,) = page.search("ĐẢNG CỘNG SẢN VIỆT NAM")
        (number,) = page.search("Số 1-KH/HU")
        (date,) = page.search("Mai Sơn, ngày 25 tháng 10 năm 2019")
        middle = page.width / 2
        for left_block in (issuer, superior, number):
            assert left_block["x0"] >= left * MM - 1 and left_block["x1"] < middle
        for right_block in (party, date):
            assert right_block["x1"] <= page.width - right * MM + 1 and right_block["x0"] > issuer["x1"]
        assert superior["top"] < issuer["top"] < number["top"]
        assert abs(party["top"] - superior["top"]) < 3  # the party line level with the first header line
        assert party["top"] >= top * MM - 1
        # the issuing body and the Party line are apart (at least 5 mm)
        assert party["x0"] - max(issuer["x1"], superior["x1"]) > 5 * MM
        # the Party line is underlined over its whole length
        rules = [r for r in page.rects + page.lines if r["top"] > party["top"] and r["top"] - party["bottom"] < 4]
        assert any(abs(r["x0"] - party["x0"]) < 2 and abs(r["x1"] - party["x1"]) < 2 for r in rules)


# --- units' documents (state format: a people's committee) ---------------------------------------------------------------


def test_state_subplan_docx_has_the_national_heading_on_one_line_inside_the_margin_and_a_rule_as_long_as_the_motto(
    client, demo, tmp_path
):
    subplan = SubPlan.objects.get(campaign=demo, organization__code="ubnd-mai-son")
    content = assert_docx(
        download(client, reverse("campaigns:subplan_docx", args=[subplan.pk]), user="ubnd"),
        f"ke-hoach-ubnd-mai-son-{demo.pk}.docx",
    )
    text = squash(docx_text(content))
    for line in ("ỦY BAN NHÂN DÂN HUYỆN MAI SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        assert line in text
    assert "Số: 10/KH-UBND" in text and "KẾ HOẠCH" in text
    for item in subplan.items.all():
        for target in item.targets.all():
            assert target.name in text
    document = read(content)
    figures = [t for t in document.tables if t.cell(0, 0).text == "STT"]
    assert figures, "the targets print as tables"
    for table in figures:  # header row repeated on every page, rows not split
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    pdf = to_pdf(content, tmp_path)
    top, bottom, left, right = margins_mm(format_for("state", subplan.issued_on))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        (nation,) = page.search("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # one line: found as one match
        (motto,) = page.search("Độc lập - Tự do - Hạnh phúc")
        issuer = page.search("ỦY BAN NHÂN DÂN")[0]
        assert nation["x1"] <= page.width - right * MM + 1
        assert issuer["x0"] >= left * MM - 1 and issuer["x1"] < nation["x0"]
        assert nation["x0"] - issuer["x1"] > 1 * MM  # not touching
        below = [
            r for r in page.rects + page.lines if 0 <= r["top"] - motto["bottom"] < 3 * MM and r["x0"] > issuer["x1"]
        ]
        assert below, "a rule under the motto"
        rule = below[0]
        assert abs((rule["x1"] - rule["x0"]) - (motto["x1"] - motto["x0"])) < 1.5 * MM
        assert abs((rule["x0"] + rule["x1"]) / 2 - (motto["x0"] + motto["x1"]) / 2) < 1.5 * MM


def test_unit_documents_docx_are_scoped_like_their_pdf(client, demo):
    subplan = SubPlan.objects.get(campaign=demo, organization__code="ubnd-mai-son")
    url = reverse("campaigns:subplan_docx", args=[subplan.pk])
    assert client.get(url).status_code == 302  # login first
    for user in ("conoi", "chiengmung"):  # other units' heads
        client.logout()
        pdf = download(client, reverse("campaigns:subplan_pdf", args=[subplan.pk]), user=user)
        assert pdf.status_code == 404
        assert download(client, url, user=user).status_code == 404
    report = ProgressReport.objects.filter(campaign=demo).order_by("pk").first()
    url = reverse("campaigns:report_docx", args=[report.pk])
    content = assert_docx(
        download(client, url, user="vanphong"), f"bao-cao-{report.kind}-{report.organization.code}-{demo.pk}.docx"
    )
    assert "BÁO CÁO" in docx_text(content)
    outsider = "conoi" if report.organization.code != "dang-uy-co-noi" else "chiengmung"
    client.logout()
    assert download(client, url, user=outsider).status_code == 404


def test_detail_pages_offer_the_word_copy_next_to_the_pdf(client, demo):
    subplan = SubPlan.objects.get(campaign=demo, organization__code="ubnd-mai-son")
    page = download(client, reverse("campaigns:subplan", args=[subplan.pk]), user="ubnd").content.decode()
    assert reverse("campaigns:subplan_docx", args=[subplan.pk]) in page and "Tải bản Word (.docx)" in page
    page = download(client, reverse("campaigns:detail", args=[demo.pk])).content.decode()
    assert reverse("reports:campaign_plan_docx", args=[demo.pk]) in page
    decision = Decision.objects.get(campaign=demo, kind="award")
    page = download(client, reverse("awards:decision", args=[decision.pk])).content.decode()
    assert reverse("awards:decision_docx", args=[decision.pk]) in page


# --- user text ------------------------------------------------------------------------------------------------------


def test_user_text_prints_literally_never_as_word_markup(client, demo):
    hostile = '<w:p><w:r><w:t>x</w:t></w:r></w:p> {{ campaign.pk }} {% now "Y" %} & "q"'
    Campaign.objects.filter(pk=demo.pk).update(title=hostile, signer_name="<w:br/>Tên")
    area = demo.content_areas.order_by("order").first()
    type(area).objects.filter(pk=area.pk).update(body=f"*{hostile}* sau")  # an issued plan is frozen for saves
    content = download(client, reverse("reports:campaign_plan_docx", args=[demo.pk])).content
    text = docx_text(content)
    assert hostile in text and "<w:br/>Tên" in text and f"1. {hostile} sau" in text
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "&lt;w:p&gt;&lt;w:r&gt;&lt;w:t&gt;x" in xml
    assert xml.count("<w:t>x</w:t>") == 0


# --- decisions, certificates, proposals upward ------------------------------------------------------------------------


def test_decision_and_certificate_docx_from_the_issued_record(client, demo):
    decision = Decision.objects.get(campaign=demo, kind="award")
    content = assert_docx(download(client, reverse("awards:decision_docx", args=[decision.pk])), "quyet-dinh-150.docx")
    document = read(content)
    text = squash("\n".join(blocks(document)))
    assert_in_order(
        text,
        [
            "Số 150-QĐ/HU",
            "QUYẾT ĐỊNH",
            decision.title.split("\n")[0],
            "QUYẾT ĐỊNH:",
            "Điều 1.",
            "Điều 2.",
            "Điều 3.",
            "Nơi nhận:",
            decision.signer_name,
        ],
    )
    assert "DANH SÁCH KHEN THƯỞNG" in text  # the appendix, on a page of its own
    appendix = next(p for p in document.paragraphs if p.text.startswith("DANH SÁCH KHEN THƯỞNG"))
    assert appendix.paragraph_format.page_break_before
    assert_page(document, margins_mm(format_for("party", decision.issued_on)))

    award = Award.objects.filter(decision=decision).order_by("pk").first()
    content = assert_docx(
        download(client, reverse("awards:certificate_docx", args=[award.pk])), f"giay-khen-{award.pk}.docx"
    )
    document = read(content)
    assert_page(document, None, landscape=True)
    text = squash("\n".join(blocks(document)))
    assert_in_order(text, ["ĐẢNG CỘNG SẢN VIỆT NAM", "GIẤY KHEN", award.display_name])
    # the number and the signature at the bottom of the frame (the first page's footer), as on the print
    foot = squash("\n".join(blocks(document.sections[0].first_page_footer)))
    assert_in_order(foot, ["Quyết định số 150-QĐ/HU", "T/M BAN THƯỜNG VỤ", decision.signer_name])
    borders = document.sections[0]._sectPr.find(qn("w:pgBorders"))
    assert borders is not None and borders.find(qn("w:top")).get(qn("w:val")) == "double"

    # another unit's head sees neither, as for the PDF
    client.logout()
    pdf_status = download(client, reverse("awards:decision_pdf", args=[decision.pk]), user="conoi").status_code
    assert download(client, reverse("awards:decision_docx", args=[decision.pk]), user="conoi").status_code == (
        pdf_status if pdf_status == 404 else 200
    )


def test_proposal_upward_docx(client, demo):
    url = reverse("awards:proposal_upward", args=[demo.pk])
    # the form's hidden format=pdf, then the Word button's format=docx (as the browser sends them)
    response = download(
        client, url, format=["pdf", "docx"], number="7", day="03/01/2021", addressee="Ban Thường vụ <Tỉnh ủy>"
    )
    content = assert_docx(response, f"to-trinh-cap-tren-{demo.pk}.docx")
    text = squash(docx_text(content))
    assert_in_order(text, ["Số 7-TTr/HU", "TỜ TRÌNH", "Kính gửi: Ban Thường vụ <Tỉnh ủy>", "kính trình", "Nơi nhận:"])
    page = download(client, url).content.decode()
    assert 'name="format" value="docx"' in page


# --- the converter and the format rules -------------------------------------------------------------------------------


def test_converter_keeps_the_allowed_markup_and_only_the_text_of_anything_else():
    html = """<html><head><style>p { color: red }</style><title>t</title></head><body>
    <div class="doc-body">
      <h2>I. PHẦN MỘT</h2>
      <p>Đoạn <strong>đậm</strong>, <em>nghiêng</em> và <b><i>cả hai</i></b><br>dòng mới</p>
      <p>Có <img src="file:///etc/passwd"> <a href="http://x">liên kết</a> <blink>lạ</blink><script>alert(1)</script></p>
      <ul><li>một</li><li>hai</li></ul><ol><li>thứ nhất</li></ol>
      <svg><text>nhãn biểu đồ</text></svg>
      <table class="figures"><thead><tr><th>STT</th><th>Tên</th></tr></thead>
        <tbody><tr><td class="center">1</td><td>An &amp; Bình &lt;w:p&gt;</td></tr></tbody></table>
    </div></body></html>"""
    document = read(html_to_docx(html))
    texts = blocks(document)
    assert texts == [
        "I. PHẦN MỘT",
        "Đoạn đậm, nghiêng và cả hai\ndòng mới",
        "Có liên kết lạ",
        "- một",
        "- hai",
        "1. thứ nhất",
        "STT",
        "Tên",
        "1",
        "An & Bình <w:p>",
    ]
    runs = {r.text: r for r in document.paragraphs[1].runs}
    assert runs["đậm"].font.bold and runs["nghiêng"].font.italic
    assert runs["cả hai"].font.bold and runs["cả hai"].font.italic
    (table,) = document.tables
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r.font.bold for r in table.cell(0, 1).paragraphs[0].runs)
    assert_page(document, margins_mm(format_for("party")))


def test_a_document_issued_today_follows_todays_party_format_and_a_2019_one_the_old():
    body = "<body><div class='doc-body'><p>Đoạn văn.</p></div></body>"
    today = format_for("party", datetime.date(2026, 6, 1))
    old = format_for("party", datetime.date(2019, 10, 25))
    assert today.key != old.key and margins_mm(today) != margins_mm(old)
    for rules in (today, old):
        meta = DocumentMeta(
            issuing_body="X", printed_reference="Số 1", place_and_date="", document_type="KẾ HOẠCH", format_rules=rules
        )
        document = read(html_to_docx(body, meta))
        assert_page(document, margins_mm(rules))
        normal = document.styles["Normal"]
        assert normal.font.size.pt == rules.body_pt
        assert round(normal.paragraph_format.line_spacing.pt, 1) == round(line_pt(rules), 1)
        (paragraph,) = document.paragraphs
        assert mm(paragraph.paragraph_format.first_line_indent) == rules.first_line_indent_mm
        assert paragraph.paragraph_format.space_after.pt == rules.paragraph_after_pt


def test_text_width_uses_the_fonts_own_metrics():
    # "Độc lập - Tự do - Hạnh phúc" in bold 14 pt is about 60 mm wide (the print measures 60.4 mm)
    assert 57 * MM < text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, bold=True) < 63 * MM


def test_registration_docx_comes_with_the_unit_document_core(client, demo):
    from registrations.models import Registration

    registration = Registration.objects.filter(campaign=demo).select_related("organization").order_by("pk").first()
    url = reverse("campaigns:registration_docx", args=[registration.pk])
    content = assert_docx(download(client, url), f"dang-ky-thi-dua-{registration.organization.code}-{demo.pk}.docx")
    text = squash(docx_text(content))
    assert "BẢN ĐĂNG KÝ" in text and "Nơi nhận:" in text
    page = download(client, reverse("campaigns:registration", args=[registration.pk])).content.decode()
    assert url in page
    outsider = "conoi" if registration.organization.code != "dang-uy-co-noi" else "chiengmung"
    client.logout()
    assert download(client, url, user=outsider).status_code == 404
