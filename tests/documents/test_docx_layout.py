"""Position tests of the Word copies, measured like the PDFs (tests/test_print_layout.py): every document type in both
formats written as .docx from the demo's documents, converted by LibreOffice headless, then read with pdfplumber.

The demo is loaded once for the module inside a transaction that is rolled back; LibreOffice converts every file in
one run.
"""

import datetime
import os
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.printing import MM, body_lines, gap, inside_margins, is_bold, lines, open_pdf, phrase, rule_below, sizes
from tests.reports.pdfutil import body_text
from tests.seed import assert_in_order, squash
from tests.test_print_layout import MARGINS, MOTTO, NATION, PARTY, STATE_BODY

from .docxutil import read

# Marks the module as using the database so that pytest-django creates the test database even when the module runs
# alone (the module's fixture loads the demo itself, in a transaction it rolls back).
pytestmark = pytest.mark.django_db

PORTRAIT = ["plan", "subplan", "progress", "review-interim", "review-final", "decision", "proposal"]
BOTH = pytest.mark.parametrize("fmt", ["party", "state"])
KIND_WORD = {"plan": "KẾ HOẠCH", "subplan": "KẾ HOẠCH", "decision": "QUYẾT ĐỊNH", "proposal": "TỜ TRÌNH"}


def _write_all():
    from django.contrib.auth import get_user_model

    from awards import printing as award_prints
    from awards.models import Award, Decision, Nomination
    from campaigns import printing as unit_prints
    from campaigns.models import Campaign, ProgressReport, SubPlan
    from reports import services as review
    from reports.models import ReviewReport
    from reports.views import campaign_document
    from thidua.documents.docx import render_docx
    from thidua.documents.pdf import DocumentMeta

    staff = get_user_model().objects.get(username="vanphong")
    campaign = Campaign.objects.get(issuer__code="hu-mai-son")
    decision = Decision.objects.get(number=150)
    award = Award.objects.filter(decision=decision).order_by("pk").first()
    upward = list(Nomination.objects.filter(campaign=campaign, status="approved").select_related("award_type"))
    out, stored_pdfs = {}, {}

    def reviews(fmt):
        for kind, as_of in (("interim", datetime.date(2020, 6, 30)), ("final", decision.issued_on)):
            ReviewReport.objects.filter(campaign=campaign, kind=kind).delete()
            report, _ = review.request_review_report(campaign, kind, staff, data_as_of=as_of)
            review.build_review_report(report.pk)  # the Celery task's body: the .docx is stored with the PDF
            report.refresh_from_db()
            out[fmt, f"review-{kind}"] = report.docx.open("rb").read()
            stored_pdfs[fmt, f"review-{kind}"] = report.pdf.open("rb").read()

    for fmt, unit_code in (("party", "du-chieng-mung"), ("state", "ubnd-mai-son")):
        if fmt == "state":
            Campaign.objects.filter(pk=campaign.pk).update(symbol="KH-UBND", **STATE_BODY)
            Decision.objects.filter(pk=decision.pk).update(symbol="QĐ-UBND", **STATE_BODY)
            campaign.refresh_from_db()
            decision.refresh_from_db()
            award.refresh_from_db()
        doc = campaign_document(campaign.pk)
        out[fmt, "plan"] = render_docx(
            "reports/print/campaign_plan.html", {"doc": DocumentMeta.for_campaign(doc), "campaign": doc}
        )
        out[fmt, "subplan"] = unit_prints.document_docx(
            SubPlan.objects.get(campaign=campaign, organization__code=unit_code)
        )
        progress = ProgressReport.objects.filter(campaign=campaign, organization__code=unit_code).first()
        out[fmt, "progress"] = unit_prints.document_docx(progress)
        reviews(fmt)
        out[fmt, "decision"] = award_prints.render_decision_docx(decision)
        out[fmt, "certificate"] = award_prints.render_certificate_docx(
            Award.objects.select_related("decision").get(pk=award.pk)
        )
        out[fmt, "proposal"] = award_prints.render_proposal_docx(campaign, upward)
    return out, stored_pdfs


def _convert_all(docx_files, folder):
    """Every .docx to PDF in one LibreOffice run (`soffice --headless --convert-to pdf`), with a profile of its own."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: sudo apt install libreoffice-writer-nogui"
    names = []
    for (fmt, doc), content in docx_files.items():
        path = folder / f"{fmt}-{doc}.docx"
        path.write_bytes(content)
        names.append(str(path))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *names,
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {key: (folder / f"{key[0]}-{key[1]}.pdf").read_bytes() for key in docx_files}


@pytest.fixture(scope="module")
def copies(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open(os.devnull, "w"))
        docx_files, stored_pdfs = _write_all()
        transaction.set_rollback(True)
    return docx_files, _convert_all(docx_files, tmp_path_factory.mktemp("word")), stored_pdfs


def _pdf(copies, fmt, doc):
    return open_pdf(copies[1][fmt, doc])


@BOTH
@pytest.mark.parametrize("doc", PORTRAIT)
def test_header_blocks_inside_the_margins_and_apart(copies, fmt, doc):
    left_mm, right_mm = MARGINS["portrait"]
    with _pdf(copies, fmt, doc) as pdf:
        page = pdf.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        right_title = phrase(page, NATION if fmt == "state" else PARTY)
        reference = phrase(page, "Số")
        head_lines = [ln for ln in lines(page) if ln.top <= reference["bottom"]]
        issuer_words = [
            w
            for ln in head_lines
            for w in ln.words
            if w["x1"] < right_title["x0"] + 1 and "Italic" not in w["fontname"] and w["text"] != "DỰ"
        ]
        issuer = {"x0": min(w["x0"] for w in issuer_words), "x1": max(w["x1"] for w in issuer_words)}
        assert inside_margins(right_title, page, left_mm=left_mm, right_mm=right_mm)
        assert inside_margins(issuer, page, left_mm=left_mm, right_mm=right_mm)
        assert gap(issuer, right_title) >= 6 * MM, round(gap(issuer, right_title) / MM, 1)
        assert issuer["x1"] < page.width / 2 < right_title["x1"]


@pytest.mark.parametrize("doc", PORTRAIT)
def test_state_motto_rule_is_as_long_as_the_motto(copies, doc):
    with _pdf(copies, "state", doc) as pdf:
        page = pdf.pages[0]
        motto = phrase(page, MOTTO)
        rule = rule_below(page, motto)
        assert rule is not None, "no solid rule under the motto"
        length, text = rule["x1"] - rule["x0"], motto["x1"] - motto["x0"]
        assert abs(length - text) <= 1.5, (round(length / MM, 1), round(text / MM, 1))
        assert abs(rule["x0"] - motto["x0"]) <= 1.5


@pytest.mark.parametrize("doc", PORTRAIT)
def test_state_issuer_rule_is_a_third_to_a_half_of_its_line_and_centred(copies, doc):
    with _pdf(copies, "state", doc) as pdf:
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
def test_type_sizes(copies, fmt, doc):
    with _pdf(copies, fmt, doc) as pdf:
        page = pdf.pages[0]
        kind = phrase(page, KIND_WORD.get(doc, "BÁO CÁO"))
        expected = {"state": (13, 14), "party": (15, 16)}[fmt]
        assert is_bold(kind) and all(expected[0] <= s <= expected[1] for s in sizes(kind)), sizes(kind)
        if fmt == "state":
            nation, motto = phrase(page, NATION), phrase(page, MOTTO)
            assert is_bold(nation) and sizes(nation) <= {12.0, 13.0} and sizes(nation)
            assert is_bold(motto) and all(13 <= s <= 14 for s in sizes(motto))
        else:
            party = phrase(page, PARTY)
            assert is_bold(party) and all(15 <= s <= 16 for s in sizes(party))


@BOTH
@pytest.mark.parametrize("doc", PORTRAIT)
def test_signature_is_kept_with_the_body(copies, fmt, doc):
    signer = {"state": "CHỦ TỊCH", "party": "BÍ THƯ"}[fmt]
    with _pdf(copies, fmt, doc) as pdf:
        for page in pdf.pages:
            found = page.search("Nơi nhận:") or page.search(signer)
            if found:
                break
        else:
            raise AssertionError("no closing")
        above = [ln for ln in body_lines(page) if ln.bottom < found[0]["top"] - 1]
        assert any(not ln.bold for ln in above), f"the closing is alone on page {page.page_number}"


@BOTH
def test_decision_articles_start_in_bold(copies, fmt):
    with _pdf(copies, fmt, "decision") as pdf:
        for n in (1, 2, 3):
            found = [m for p in pdf.pages for m in p.search(f"Điều {n}.", return_chars=True)]
            assert found and is_bold(found[0]), f"Điều {n}."


@BOTH
def test_certificate_is_landscape_in_a_double_frame_with_the_text_inside(copies, fmt):
    with _pdf(copies, fmt, "certificate") as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (297, 210)
        left = min(e["x0"] for e in page.edges)
        right = page.width - max(e["x1"] for e in page.edges)
        top = min(e["top"] for e in page.edges)
        bottom = page.height - max(e["bottom"] for e in page.edges)
        assert abs(left - right) <= 1 and abs(top - bottom) <= 1, [round(v / MM, 1) for v in (left, right, top, bottom)]
        assert 9 * MM <= left <= 13 * MM
        ws = page.extract_words()
        assert min(w["top"] for w in ws) > top and max(w["bottom"] for w in ws) < page.height - bottom
        assert min(w["x0"] for w in ws) > left and max(w["x1"] for w in ws) < page.width - right


def test_review_tables_repeat_their_header_rows(copies):
    with open_pdf(copies[1]["party", "review-final"]) as pdf:
        pages = [p for p in pdf.pages if p.search("Phụ lục 1") or p.search("Tổng cộng")]
        assert len(pages) >= 2, "the units table should run over a page in the demo"
        for page in pages:
            first = body_lines(page)[0]
            assert first.text.startswith("STT") or "Phụ lục" in first.text, (page.page_number, first.text)


@BOTH
@pytest.mark.parametrize("kind", ["interim", "final"])
def test_review_copies_hold_every_paragraph_of_the_pdf_built_with_them(copies, fmt, kind):
    """One build writes both: every paragraph of the Word copy's body is in the stored PDF's text, in order."""
    document = read(copies[0][fmt, f"review-{kind}"])
    paragraphs = [squash(p.text) for p in document.paragraphs if squash(p.text)]
    assert len(paragraphs) > 20
    assert_in_order(body_text(copies[2][fmt, f"review-{kind}"]), paragraphs)
