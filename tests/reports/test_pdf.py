import io
import subprocess

import pdfplumber
import pytest

from tests.seed import assert_in_order, seed_paragraphs, squash
from thidua.documents.pdf import PRINT_BASE_URL, DocumentMeta, StaticOnlyFetcher, render_pdf, static_path_for

from .pdfutil import body_text, pdf_text

MM = 72 / 25.4
A4_WIDTH = 210 * MM


@pytest.fixture
def plan_pdf(demo):
    from campaigns.selectors import campaign_document

    campaign = campaign_document(demo.pk)
    fetcher = StaticOnlyFetcher()
    pdf = render_pdf(
        "reports/print/campaign_plan.html",
        {"doc": DocumentMeta.for_campaign(campaign), "campaign": campaign},
        fetcher=fetcher,
    )
    return campaign, pdf, fetcher


pytestmark = pytest.mark.django_db


def test_plan_pdf_holds_every_paragraph_of_the_seed_in_order(plan_pdf):
    _, pdf, fetcher = plan_pdf
    assert pdf.startswith(b"%PDF")
    assert_in_order(body_text(pdf), seed_paragraphs())
    assert fetcher.served == [f"{PRINT_BASE_URL}static/print/document.css"]


def test_plan_pdf_page_one_has_the_party_header_and_margins(plan_pdf, artifacts_dir):
    campaign, pdf, _ = plan_pdf
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert round(page.width) == round(A4_WIDTH) and round(page.height) == round(297 * MM)
        lines = page.extract_text_lines()
        (party,) = page.search("ĐẢNG CỘNG SẢN VIỆT NAM")
        issuing = page.search("HUYỆN ỦY MAI SƠN")[0]
        superior = page.search("ĐẢNG BỘ TỈNH SƠN LA")[0]
        # Top right: the Party line starts right of the middle of the page; top left: the bodies end left of it.
        assert party["x0"] > A4_WIDTH / 2 and party["top"] < 40 * MM
        assert issuing["x1"] < A4_WIDTH / 2 and issuing["top"] < 45 * MM and superior["top"] < issuing["top"]
        # The Party line is bold and underlined, 15pt; the issuing body bold 14pt.
        party_chars = [
            c for c in page.chars if party["x0"] <= c["x0"] <= party["x1"] and abs(c["top"] - party["top"]) < 3
        ]
        assert all("Bold" in c["fontname"] for c in party_chars if c["text"].strip())
        assert round(party_chars[0]["size"]) == 15
        assert any(abs(e["top"] - party["bottom"]) < 4 for e in page.lines + page.rects)  # underline
        issuing_chars = [c for c in page.chars if abs(c["top"] - issuing["top"]) < 2 and c["x1"] < A4_WIDTH / 2]
        assert all("Bold" in c["fontname"] and round(c["size"]) == 14 for c in issuing_chars if c["text"].strip())
        assert all("Liberation-Serif" in c["fontname"] for c in page.chars)  # Times New Roman metrics
        # Margins: top 25, left 35, right 15 mm (justified lines reach the right margin).
        body = [c for c in page.chars if c["text"].strip()]
        assert min(c["x0"] for c in body) == pytest.approx(35 * MM, abs=1.5)
        assert max(c["x1"] for c in body) <= A4_WIDTH - 15 * MM + 1
        assert max(c["x1"] for c in body) == pytest.approx(A4_WIDTH - 15 * MM, abs=2)
        assert min(c["top"] for c in body) == pytest.approx(25 * MM, abs=4)
        assert max(c["bottom"] for c in body) <= 297 * MM - 25 * MM + 0.5
        # Page 1 has no number; page 2 is numbered at the top.
        assert not any(line["text"].strip() == "1" for line in lines)
        page2 = doc.pages[1].extract_text_lines()
        assert page2[0]["text"].strip() == "2" and page2[0]["bottom"] < 25 * MM
    text = squash(pdf_text(pdf, "-l", "1"))
    assert "Số 1-KH/HU" in text or f"Số {campaign.number}-KH/HU" in text
    assert "Mai Sơn, ngày" in text
    png = artifacts_dir / "plan-page1"
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", "-", str(png)], input=pdf, check=True
    )
    assert png.with_suffix(".png").stat().st_size > 10_000


def test_state_format_prints_the_national_motto_and_colon_number():
    meta = DocumentMeta(
        superior_body="UBND HUYỆN MAI SƠN",
        issuing_body="ỦY BAN NHÂN DÂN",
        printed_reference="Số: 12/QĐ-UBND",
        place_and_date="Mai Sơn, ngày 05 tháng 3 năm 2020",
        document_format="state",
        document_type="QUYẾT ĐỊNH",
        title="Về việc khen thưởng",
        sign_on_behalf="TM. ỦY BAN NHÂN DÂN",
        signer_title="KT. CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
        recipients=["Như Điều 3;", "Lưu: VT."],
    )
    text = squash(pdf_text(render_pdf("reports/print/base.html", {"doc": meta})))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/QĐ-UBND",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "Nơi nhận:",
    ):
        assert expected in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text


def test_landscape_page():
    meta = DocumentMeta(issuing_body="X", printed_reference="Số 1", place_and_date="", document_type="GIẤY KHEN")
    pdf = render_pdf("reports/print/base.html", {"doc": meta, "landscape": True})
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert doc.pages[0].width > doc.pages[0].height


HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<script>document.write('x')</script>",
    '<a href="http://127.0.0.1:1/">liên kết</a>',
    '<link rel="stylesheet" href="http://127.0.0.1:1/x.css">',
    "<style>@import url(http://127.0.0.1:1/y.css);</style>",
]


def test_user_text_prints_as_text_and_nothing_is_fetched():
    meta = DocumentMeta(
        issuing_body=HOSTILE[0],
        printed_reference="Số 1-KH/HU",
        place_and_date=HOSTILE[2],
        document_type="KẾ HOẠCH",
        title="\n".join(HOSTILE),
        signer_name=HOSTILE[1],
        recipients=HOSTILE,
    )
    fetcher = StaticOnlyFetcher()
    pdf = render_pdf("reports/print/base.html", {"doc": meta}, fetcher=fetcher)
    text = squash(pdf_text(pdf))
    for hostile in HOSTILE:
        assert squash(hostile) in text
    assert fetcher.requested == [f"{PRINT_BASE_URL}static/print/document.css"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/",
        "https://127.0.0.1:1/static/print/document.css",
        "https://example.com/static/print/document.css",
        f"{PRINT_BASE_URL}static/../../../etc/passwd",
        f"{PRINT_BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
        f"{PRINT_BASE_URL}static//etc/passwd",
        f"{PRINT_BASE_URL}media/anything.pdf",
        "data:text/css,body{}",
    ],
)
def test_fetcher_refuses_everything_but_own_static_files(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(Exception, match="refused|disallowed"):
        fetcher.fetch(url)
    assert static_path_for(url) is None


def test_fetcher_serves_own_static_file():
    response = StaticOnlyFetcher().fetch(f"{PRINT_BASE_URL}static/print/document.css")
    assert b"@page" in response.read()


def test_raw_html_with_local_references_fetches_nothing():
    """Even markup that reaches WeasyPrint unescaped cannot read files or call local addresses."""
    from thidua.documents.pdf import render_html

    fetcher = StaticOnlyFetcher()
    render_html(
        '<link rel="stylesheet" href="/static/print/document.css"><img src="file:///etc/passwd">'
        '<img src="http://127.0.0.1:1/a.png"><p style="background: url(/static/../../etc/passwd)">x</p>',
        fetcher=fetcher,
    )
    assert fetcher.served == [f"{PRINT_BASE_URL}static/print/document.css"]
    assert set(fetcher.requested) - set(fetcher.served) >= {"file:///etc/passwd", "http://127.0.0.1:1/a.png"}


def test_plan_pdf_view(client, demo):
    client.login(username="vanphong", password="thidua2019")
    page = client.get(f"/phong-trao/{demo.pk}/").content.decode()
    assert f'href="/bao-cao/ke-hoach/{demo.pk}.pdf"' in page
    response = client.get(f"/bao-cao/ke-hoach/{demo.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text(response.content)


def test_plan_pdf_view_is_scoped_to_the_user(client, draft_campaign, unit_head, staff_user):
    client.force_login(unit_head)  # a unit does not see a draft plan
    assert client.get(f"/bao-cao/ke-hoach/{draft_campaign.pk}.pdf").status_code == 404
    client.logout()
    assert client.get(f"/bao-cao/ke-hoach/{draft_campaign.pk}.pdf").status_code == 302
    client.force_login(staff_user)
    response = client.get(f"/bao-cao/ke-hoach/{draft_campaign.pk}.pdf")
    assert response.status_code == 200
    assert pdf_text(response.content).startswith("DỰ THẢO")  # a draft says so; the issued plan does not


def test_issued_plan_is_not_marked_draft(plan_pdf):
    assert "DỰ THẢO" not in pdf_text(plan_pdf[1])


def test_on_page_reports_layout_progress_and_leaves_logging_as_it_was(plan_pdf):
    import logging

    campaign = plan_pdf[0]
    pages = []
    logger = logging.getLogger("weasyprint.progress")
    before = (logger.level, logger.propagate, list(logger.handlers))
    render_pdf(
        "reports/print/campaign_plan.html",
        {"doc": DocumentMeta.for_campaign(campaign), "campaign": campaign},
        on_page=pages.append,
    )
    assert pages == [1, 2, 3, 4]
    assert (logger.level, logger.propagate, list(logger.handlers)) == before
