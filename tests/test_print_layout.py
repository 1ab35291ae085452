"""Position tests of every official print, in both formats (Party: HD 36-HD/VPTW; state: decree 30/2020/NĐ-CP),
measured with pdfplumber on the demo's documents: header blocks inside the margins and apart, the rules as long as
their text, type sizes, Nơi nhận and the signature kept with the body, repeated table headers, no orphaned heading.

The demo is loaded once for the module inside a transaction that is rolled back; every document is rendered once.
"""

import datetime
import os

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.printing import (
    MM,
    body_lines,
    gap,
    inside_margins,
    is_bold,
    lines,
    open_pdf,
    phrase,
    rule_below,
    rules,
    sizes,
    words,
)

# The mark makes pytest-django set up the test database (it sets up only the databases marked tests ask for); the
# module's fixture then loads the demo into it, not into the database DATABASE_URL names.
pytestmark = pytest.mark.django_db

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
# (left, right) margins in mm no format goes below (HD 36, HD 05, decree 30: 30–35 left, 15–20 right); the Word
# copies' tests (tests/documents/test_docx_layout.py) use it; the prints' tests read their formats (margins()).
MARGINS = {"portrait": (30, 15), "landscape": (20, 20)}


def margins(fmt):
    """(left, right) margins in mm that no print of this issuer kind may cross: the smallest of its formats'
    (thidua/documents/formats.py; drafts follow today's format, issued documents their date's)."""
    from thidua.documents.formats import formats

    kinds = [rules for rules in formats() if rules.kind == fmt]
    return min(r.margin_left_mm for r in kinds), min(r.margin_right_mm for r in kinds)


STATE_BODY = {
    "document_format": "state",
    "superior_body": "",
    "issuing_body": "ỦY BAN NHÂN DÂN HUYỆN MAI SƠN",
    "sign_on_behalf": "TM. ỦY BAN NHÂN DÂN",
    "signer_title": "CHỦ TỊCH",
}


def _render_all():
    from django.contrib.auth import get_user_model

    from awards import printing as award_prints
    from awards.models import Award, Decision, Nomination
    from campaigns import printing as unit_prints
    from campaigns.models import Campaign, ProgressReport, SubPlan
    from reports import services as review
    from reports.models import ReviewReport
    from reports.views import campaign_document
    from thidua.documents.pdf import DocumentMeta, render_pdf

    staff = get_user_model().objects.get(username="vanphong")
    campaign = Campaign.objects.get(issuer__code="hu-mai-son")
    decision = Decision.objects.get(number=150)
    award = Award.objects.filter(decision=decision).order_by("pk").first()
    upward = list(Nomination.objects.filter(campaign=campaign, status="approved").select_related("award_type"))
    out = {}

    def reviews(fmt):
        for kind, as_of in (("interim", datetime.date(2020, 6, 30)), ("final", decision.issued_on)):
            ReviewReport.objects.filter(campaign=campaign, kind=kind).delete()
            report, _ = review.request_review_report(campaign, kind, staff, data_as_of=as_of)
            review.build_review_report(report.pk)
            report.refresh_from_db()
            out[fmt, f"review-{kind}"] = report.pdf.open("rb").read()

    def plan():
        doc = campaign_document(campaign.pk)
        return render_pdf("reports/print/campaign_plan.html", {"doc": DocumentMeta.for_campaign(doc), "campaign": doc})

    for fmt, unit_code in (("party", "du-chieng-mung"), ("state", "ubnd-mai-son")):
        if fmt == "state":
            Campaign.objects.filter(pk=campaign.pk).update(symbol="KH-UBND", **STATE_BODY)
            Decision.objects.filter(pk=decision.pk).update(symbol="QĐ-UBND", **STATE_BODY)
            campaign.refresh_from_db()
            decision.refresh_from_db()
            award.refresh_from_db()
        out[fmt, "plan"] = plan()
        subplan = SubPlan.objects.get(campaign=campaign, organization__code=unit_code)
        out[fmt, "subplan"] = unit_prints.subplan_pdf(subplan)
        progress = ProgressReport.objects.filter(campaign=campaign, organization__code=unit_code).first()
        out[fmt, "progress"] = unit_prints.report_pdf(progress)
        reviews(fmt)
        out[fmt, "decision"] = award_prints.render_decision(decision)
        out[fmt, "certificate"] = award_prints.render_certificate(
            Award.objects.select_related("decision").get(pk=award.pk)
        )
        out[fmt, "proposal"] = award_prints.render_proposal(campaign, upward)
    Campaign.objects.filter(pk=campaign.pk).update(requirements="")
    out["state", "plan-without-requirements"] = plan()
    btg = SubPlan.objects.get(campaign=campaign, organization__code="btg-hu-mai-son")
    out["party", "subplan-board"] = unit_prints.subplan_pdf(btg)
    return out


@pytest.fixture(scope="module")
def prints(django_db_setup, django_db_blocker):
    from django.db import connection

    assert connection.settings_dict["NAME"].startswith("test_"), connection.settings_dict["NAME"]
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open(os.devnull, "w"))
        out = _render_all()
        transaction.set_rollback(True)
    return out


PORTRAIT = ["plan", "subplan", "progress", "review-interim", "review-final", "decision", "proposal"]
BOTH = pytest.mark.parametrize("fmt", ["party", "state"])


def _page1(prints, fmt, doc):
    return open_pdf(prints[fmt, doc])


@BOTH
@pytest.mark.parametrize("doc", PORTRAIT)
def test_header_blocks_inside_the_margins_and_apart(prints, fmt, doc):
    left_mm, right_mm = margins(fmt)
    with _page1(prints, fmt, doc) as pdf:
        page = pdf.pages[0]
        right_title = phrase(page, NATION if fmt == "state" else PARTY)
        reference = phrase(page, "Số")  # the number ends the header's left block
        head_lines = [ln for ln in lines(page) if ln.top <= reference["bottom"]]
        # The issuer block: upright words left of the national (Party) line; the italic place and date is the right's.
        issuer_words = [
            w
            for ln in head_lines
            for w in ln.words
            if w["x1"] < right_title["x0"] + 1 and "Italic" not in w["fontname"]
        ]
        issuer = {"x0": min(w["x0"] for w in issuer_words), "x1": max(w["x1"] for w in issuer_words)}
        assert inside_margins(right_title, page, left_mm=left_mm, right_mm=right_mm), (
            round(right_title["x1"] / MM, 1),
            round((page.width / MM) - right_mm, 1),
        )
        assert inside_margins(issuer, page, left_mm=left_mm, right_mm=right_mm)
        # The issuer block and the national (Party) name never touch: at least 6 mm between them.
        assert gap(issuer, right_title) >= 6 * MM, round(gap(issuer, right_title) / MM, 1)


@pytest.mark.parametrize("doc", PORTRAIT)
def test_state_motto_rule_is_as_long_as_the_motto(prints, doc):
    with _page1(prints, "state", doc) as pdf:
        page = pdf.pages[0]
        motto = phrase(page, MOTTO)
        rule = rule_below(page, motto)
        assert rule is not None, "no solid rule under the motto"
        length, text = rule["x1"] - rule["x0"], motto["x1"] - motto["x0"]
        assert abs(length - text) <= 1.5, (round(length / MM, 1), round(text / MM, 1))
        assert abs(rule["x0"] - motto["x0"]) <= 1.5


@pytest.mark.parametrize("doc", PORTRAIT)
def test_state_issuer_rule_is_a_third_to_a_half_of_its_line_and_centred(prints, doc):
    with _page1(prints, "state", doc) as pdf:
        page = pdf.pages[0]
        nation = phrase(page, NATION)
        issuer = [ln for ln in lines(page, right=nation["x0"] - 1) if ln.top < nation["bottom"] + 25 * MM and ln.bold]
        rule = rule_below(page, {"x0": issuer[-1].x0, "x1": issuer[-1].x1, "bottom": issuer[-1].bottom})
        assert rule is not None
        x0, x1 = min(ln.x0 for ln in issuer), max(ln.x1 for ln in issuer)
        length = rule["x1"] - rule["x0"]
        assert (x1 - x0) / 3 - 1 <= length <= (x1 - x0) / 2 + 1, (round(length / MM, 1), round((x1 - x0) / MM, 1))
        assert abs((rule["x0"] + rule["x1"]) / 2 - (x0 + x1) / 2) <= 1.5


@BOTH
@pytest.mark.parametrize("doc", PORTRAIT)
def test_type_sizes(prints, fmt, doc):
    kind_word = {"plan": "KẾ HOẠCH", "subplan": "KẾ HOẠCH", "decision": "QUYẾT ĐỊNH", "proposal": "TỜ TRÌNH"}
    with _page1(prints, fmt, doc) as pdf:
        page = pdf.pages[0]
        kind = phrase(page, kind_word.get(doc, "BÁO CÁO"))
        expected = {"state": (13, 14), "party": (15, 16)}[fmt]
        assert is_bold(kind) and all(expected[0] <= s <= expected[1] for s in sizes(kind)), sizes(kind)
        if fmt == "state":
            nation, motto = phrase(page, NATION), phrase(page, MOTTO)
            assert is_bold(nation) and sizes(nation) <= {12.0, 13.0} and sizes(nation)
            assert is_bold(motto) and all(13 <= s <= 14 for s in sizes(motto))
        else:
            party = phrase(page, PARTY)
            assert is_bold(party) and all(15 <= s <= 16 for s in sizes(party))


@pytest.mark.parametrize("doc", PORTRAIT)
def test_state_subject_has_a_solid_rule_not_dashes(prints, doc):
    kind_word = {"plan": "KẾ HOẠCH", "subplan": "KẾ HOẠCH", "decision": "QUYẾT ĐỊNH", "proposal": "TỜ TRÌNH"}
    with _page1(prints, "state", doc) as pdf:
        page = pdf.pages[0]
        assert not page.search("-----"), "dashes under the subject"
        kind = phrase(page, kind_word.get(doc, "BÁO CÁO"))
        rule = min((r for r in rules(page) if r["top"] > kind["bottom"]), key=lambda r: r["top"])
        subject = [ln for ln in lines(page) if kind["bottom"] < ln.top < rule["top"]]
        assert subject and all(ln.bold for ln in subject), [ln.text for ln in subject]
        assert rule["top"] - subject[-1].bottom < 12  # right under the subject, no text between
        x0, x1 = min(ln.x0 for ln in subject), max(ln.x1 for ln in subject)
        length = rule["x1"] - rule["x0"]
        assert (x1 - x0) / 3 - 1 <= length <= (x1 - x0) / 2 + 1, (round(length / MM, 1), round((x1 - x0) / MM, 1))
        assert abs((rule["x0"] + rule["x1"]) / 2 - (x0 + x1) / 2) <= 1.5


def _closing_page(pdf, signer_title):
    """(page, top of the closing): the page where 'Nơi nhận' prints (or the signer's title when there is none)."""
    for page in pdf.pages:
        found = page.search("Nơi nhận:") or page.search(signer_title)
        if found:
            return page, found[0]["top"]
    raise AssertionError("no closing")


@BOTH
@pytest.mark.parametrize("doc", PORTRAIT)
def test_signature_is_kept_with_the_body(prints, fmt, doc):
    signer = {"state": "CHỦ TỊCH", "party": "BÍ THƯ"}[fmt]
    with _page1(prints, fmt, doc) as pdf:
        page, closing_top = _closing_page(pdf, signer)
        above = [ln for ln in body_lines(page) if ln.bottom < closing_top - 1]
        assert above, f"the closing is alone on page {page.page_number}"
        # at least one line of running text (not only a heading) above it on the same page
        assert any(not ln.bold for ln in above), [ln.text for ln in above]


@BOTH
@pytest.mark.parametrize("doc", [*PORTRAIT, "certificate"])
def test_no_heading_ends_a_page(prints, fmt, doc):
    with _page1(prints, fmt, doc) as pdf:
        for page in pdf.pages[:-1]:
            last = body_lines(page)[-1]
            heading = last.bold and last.x0 < page.width / 3 and last.x1 - last.x0 < page.width * 0.7
            assert not (heading and last.size >= 13.5), (
                page.page_number,
                last.text,
            )


def test_review_tables_repeat_their_header_rows(prints):
    with open_pdf(prints["party", "review-final"]) as pdf:
        continued = [p for p in pdf.pages if p.search("Phụ lục 1") or p.search("Tổng cộng")]
        assert len(continued) >= 2, "the units table should run over a page in the demo"
        for page in continued:
            first = body_lines(page)[0]
            assert first.text.startswith("STT") or "Phụ lục" in first.text, (page.page_number, first.text)


@BOTH
def test_certificate_double_frame_is_symmetric(prints, fmt):
    with open_pdf(prints[fmt, "certificate"]) as pdf:
        page = pdf.pages[0]
        frame = [r for r in page.rects if r["width"] > page.width / 2 and r["height"] > page.height / 2]
        edges = [(r["x0"], page.width - r["x1"], r["top"], page.height - r["bottom"]) for r in frame] or [
            (
                min(e["x0"] for e in page.edges),
                page.width - max(e["x1"] for e in page.edges),
                min(e["top"] for e in page.edges),
                page.height - max(e["bottom"] for e in page.edges),
            )
        ]
        left, right, top, bottom = edges[0]
        assert abs(left - right) <= 1 and abs(top - bottom) <= 1, [round(v / MM, 1) for v in edges[0]]
        # the text inside the frame
        ws = page.extract_words()
        assert min(w["top"] for w in ws) > top and max(w["bottom"] for w in ws) < page.height - bottom


@BOTH
def test_decision_articles_start_in_bold(prints, fmt):
    with open_pdf(prints[fmt, "decision"]) as pdf:
        for n in (1, 2, 3):
            found = [m for p in pdf.pages for m in p.search(f"Điều {n}.", return_chars=True)]
            first = found[0]
            assert is_bold(first), f"Điều {n}."


def test_board_header_breaks_at_the_committee_name(prints):
    with open_pdf(prints["party", "subplan-board"]) as pdf:
        page = pdf.pages[0]
        party = phrase(page, PARTY)
        left = [ln.text for ln in lines(page, right=party["x0"] - 1) if ln.top < party["bottom"] + 30 * MM]
        assert not any(t.endswith("HUYỆN") or t.startswith("ỦY") for t in left), left
        assert any("BAN TUYÊN GIÁO" == t or t.startswith("BAN TUYÊN GIÁO") for t in left), left


def _text(pdf_bytes):
    with open_pdf(pdf_bytes) as pdf:
        return " ".join(line.text for page in pdf.pages for line in lines(page))


@BOTH
def test_final_review_counts_the_decided_awards(prints, fmt):
    text = _text(prints[fmt, "review-final"])
    assert "chưa đề nghị khen thưởng" not in text
    number = "150-QĐ/HU" if fmt == "party" else "150/QĐ-UBND"
    assert f"Quyết định số {number} ngày 25/12/2020" in text and "3 trường hợp" in text, text[:3000]


def test_interim_review_before_the_decision_names_none(prints):
    assert "150-QĐ/HU" not in _text(prints["party", "review-interim"])


def test_demo_prints_no_account_name_and_the_plans_term(prints):
    for key, pdf in prints.items():
        text = _text(pdf)
        assert "Quản trị hệ thống" not in text, key
        assert "khóa XXIII" not in text, (key, text[text.find("khóa XXIII") - 200 :][:400])
    # The plan (2019) follows the resolution of the XIX congress (2015-2020); the decision of 25/12/2020 is the
    # new committee's (its numbers run in the 2020-2025 term): khóa XX.
    assert "khóa XX, nhiệm kỳ 2020 - 2025" in _text(prints["party", "decision"])


def test_no_empty_heading_for_missing_requirements(prints):
    full, without = _text(prints["state", "plan"]), _text(prints["state", "plan-without-requirements"])
    assert "2. Yêu cầu" in full and "I. MỤC ĐÍCH, YÊU CẦU" in full
    assert "Yêu cầu" not in without and "1. Mục đích" not in without and "I. MỤC ĐÍCH" in without


def test_review_charts_keep_whole_labels_with_their_spaces(prints):
    with open_pdf(prints["party", "review-final"]) as pdf:
        chart_words = [w["text"] for page in pdf.pages for w in words(page) if w["size"] < 11]
    assert not any("…" in w for w in chart_words), [w for w in chart_words if "…" in w]
    assert "34-CT/TW," in chart_words and "26/CT-TTg;" in chart_words, chart_words[:40]
