"""Bring a plan in from Word: the seed plan as a Word file lands field by field (compared with the demo's structured
plan), a differently formatted state plan too; hostile files are refused; the import pages save only a draft."""

import datetime
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.demo import AREA_HEADINGS, MOVEMENTS  # noqa: F401 — the demo's structured plan
from campaigns.demo import mai_son_text as demo_text
from campaigns.plan_import.orgmatch import Candidate, match_organizations
from campaigns.plan_import.parser import implies_subplan, lines_from_text, parse_period, parse_plan
from campaigns.plan_import.reader import DocxError, read_docx
from tests.seed import REPO_SEED, assert_in_order, seed_paragraphs

from .plan_docx import replace_part, seed_docx


@pytest.fixture(scope="module")
def seed_plan():
    return parse_plan(read_docx(seed_docx()))


def _text_of(plan):
    """Every text field in the order the plan prints, with the headings and numbers the print adds."""
    parts = [plan.document_type, plan.title, plan.preamble, plan.introduction, "I. MỤC ĐÍCH, YÊU CẦU"]
    parts += ["1. Mục đích", plan.purpose, "2. Yêu cầu", plan.requirements, "II. NỘI DUNG THI ĐUA"]
    parts += [f"{i}. {a.body}" for i, a in enumerate(plan.areas, 1)]
    parts += ["III. THỜI GIAN THỰC HIỆN", plan.period_text, "IV. TỔ CHỨC THỰC HIỆN"]
    parts += [f"{i}. {a.body}" for i, a in enumerate(plan.assignments, 1)]
    parts += [plan.closing, "Nơi nhận:"] + [f"- {r}" for r in plan.recipients]
    parts += [plan.sign_on_behalf, plan.signer_title, plan.signer_name]
    return "\n".join(parts)


def test_seed_docx_every_field_as_the_demo(seed_plan):
    plan = seed_plan
    assert plan.superior_body == "ĐẢNG BỘ TỈNH SƠN LA" and plan.issuing_body == "HUYỆN ỦY MAI SƠN"
    assert plan.document_format == "party" and plan.document_type == demo_text.DOCUMENT_TYPE
    assert (plan.number, plan.symbol, plan.issued_on, plan.place, plan.term) == (
        None,
        "KH/HU",
        None,
        "Mai Sơn",
        "2015-2020",
    )
    assert plan.title == demo_text.TITLE
    assert plan.preamble == demo_text.PREAMBLE and plan.introduction == demo_text.INTRODUCTION
    assert plan.purpose == demo_text.PURPOSE and plan.requirements == demo_text.REQUIREMENTS
    # Content areas word for word, italics kept, II.1 joined across the page break.
    assert [a.body for a in plan.areas] == demo_text.CONTENT_AREAS
    assert plan.areas[2].movements == MOVEMENTS[3][:6]  # the quoted names; the three unquoted ones are the clerk's
    assert [a.movements for i, a in enumerate(plan.areas) if i != 2] == [[], [], [], []]
    assert plan.period_text == demo_text.PERIOD_TEXT
    assert (plan.period_start, plan.period_end) == (datetime.date(2019, 10, 1), datetime.date(2020, 12, 31))
    assert [a.body for a in plan.assignments] == demo_text.ASSIGNMENTS
    assert [a.requires_subplan for a in plan.assignments] == [True, False, False, True]
    assert plan.closing == demo_text.CLOSING
    assert plan.recipients == demo_text.RECIPIENTS
    assert (plan.sign_on_behalf, plan.signer_title, plan.signer_name) == (
        demo_text.SIGN_ON_BEHALF,
        demo_text.SIGNER_TITLE,
        demo_text.SIGNER_NAME,
    )
    assert plan.warnings == []


def test_seed_docx_paragraphs_in_order(seed_plan):
    assert_in_order(_text_of(seed_plan), seed_paragraphs())


def test_seed_legal_bases(seed_plan):
    basis = seed_plan.legal_bases[0]
    assert (basis.role, basis.kind, basis.number, basis.issued_on) == (
        "basis",
        "CT",
        "26-CT/TU",
        datetime.date(2019, 10, 21),
    )
    assert basis.issuer == "Ban Thường vụ tỉnh ủy" and basis.title.startswith("Về phát động phong trào thi đua")
    cited = [(b.number, b.issued_on) for b in seed_plan.legal_bases[1:]]
    assert cited == [
        ("34-CT/TW", datetime.date(2014, 4, 7)),
        ("26/CT-TTg", datetime.date(2016, 9, 5)),
        ("05-CT/TW", datetime.date(2016, 5, 15)),
        ("35-CT/TW", datetime.date(2019, 5, 30)),
        ("154-KH/TU", datetime.date(2019, 6, 27)),
        ("208-KH/HU", datetime.date(2019, 7, 3)),
    ]
    assert all(b.role == "referenced" for b in seed_plan.legal_bases[1:])


def test_seed_pasted_as_text_gives_the_same_plan(seed_plan):
    header = "ĐẢNG BỘ TỈNH SƠN LA\t\tĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY MAI SƠN\n*\nSố    -KH/HU    Mai Sơn, ngày    tháng    năm 2019\n"
    pasted = parse_plan(lines_from_text(header + REPO_SEED.read_text(encoding="utf-8")))
    for name in (
        "title",
        "preamble",
        "introduction",
        "purpose",
        "requirements",
        "period_text",
        "closing",
        "recipients",
    ):
        assert getattr(pasted, name) == getattr(seed_plan, name), name
    assert [a.body.replace("*", "") for a in pasted.areas] == [a.body.replace("*", "") for a in seed_plan.areas]
    assert [a.body for a in pasted.assignments] == demo_text.ASSIGNMENTS
    assert (pasted.superior_body, pasted.issuing_body, pasted.place, pasted.symbol) == (
        "ĐẢNG BỘ TỈNH SƠN LA",
        "HUYỆN ỦY MAI SƠN",
        "Mai Sơn",
        "KH/HU",
    )


STATE_PLAN = """ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ CHIỀNG MUNG        Độc lập - Tự do - Hạnh phúc
Số: 05/KH-UBND        Chiềng Mung, ngày 10 tháng 3 năm 2024
KẾ HOẠCH
Tổ chức phong trào thi đua “Chung sức xây dựng nông thôn mới” năm 2024
Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân huyện Mai Sơn về ban hành Kế hoạch thi đua năm 2024;
Ủy ban nhân dân xã ban hành Kế hoạch như sau:
I- MỤC ĐÍCH, YÊU CẦU
Phát huy sức mạnh của cả hệ thống chính trị.
Bảo đảm thiết thực, tránh hình thức.
II- NỘI DUNG THI ĐUA
1) Thi đua phát triển sản xuất:
a) Mỗi bản có ít nhất một mô hình kinh tế hiệu quả;
b) Thu nhập bình quân tăng 8%.
2) Thi đua xây dựng đời sống văn hóa với phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.
III- THỜI GIAN THỰC HIỆN
Từ ngày 15/3/2024 đến ngày 15/12/2024.
IV- TỔ CHỨC THỰC HIỆN
1) Hội Nông dân xã chủ trì vận động hội viên tham gia.
2) Các bản xây dựng kế hoạch thực hiện, báo cáo kết quả về Ủy ban nhân dân xã trước ngày 30/11/2024.
Trong quá trình thực hiện, có khó khăn báo cáo về Ủy ban nhân dân xã./.
Nơi nhận: - UBND huyện; - Đảng ủy xã; - Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
(Đã ký)
Lò Văn Minh
"""


def test_state_plan_other_format():
    plan = parse_plan(lines_from_text(STATE_PLAN))
    assert plan.document_format == "state"
    assert (plan.superior_body, plan.issuing_body) == ("ỦY BAN NHÂN DÂN", "XÃ CHIỀNG MUNG")
    assert (plan.number, plan.symbol, plan.place, plan.issued_on) == (
        5,
        "KH-UBND",
        "Chiềng Mung",
        datetime.date(2024, 3, 10),
    )
    assert plan.title == "Tổ chức phong trào thi đua “Chung sức xây dựng nông thôn mới” năm 2024"
    assert plan.preamble.startswith("Căn cứ Quyết định số 12/QĐ-UBND") and plan.introduction.endswith("như sau:")
    assert plan.legal_bases[0].kind == "QĐ" and plan.legal_bases[0].number == "12/QĐ-UBND"
    assert plan.legal_bases[0].issued_on == datetime.date(2024, 1, 5)
    assert plan.purpose == "Phát huy sức mạnh của cả hệ thống chính trị.\nBảo đảm thiết thực, tránh hình thức."
    assert [a.body.split("\n")[0] for a in plan.areas] == [
        "Thi đua phát triển sản xuất:",
        "Thi đua xây dựng đời sống văn hóa với phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
    ]
    assert plan.areas[0].body.split("\n")[1:] == [
        "a) Mỗi bản có ít nhất một mô hình kinh tế hiệu quả;",
        "b) Thu nhập bình quân tăng 8%.",
    ]
    assert plan.areas[1].movements == ["Toàn dân đoàn kết xây dựng đời sống văn hóa"]
    assert (plan.period_start, plan.period_end) == (datetime.date(2024, 3, 15), datetime.date(2024, 12, 15))
    assert [a.requires_subplan for a in plan.assignments] == [False, True]
    assert plan.closing == "Trong quá trình thực hiện, có khó khăn báo cáo về Ủy ban nhân dân xã./."
    assert plan.recipients == ["UBND huyện;", "Đảng ủy xã;", "Lưu: VT."]
    assert (plan.sign_on_behalf, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Lò Văn Minh",
    )


def test_party_plan_with_number_date_and_subheadings():
    text = (
        "ĐẢNG BỘ HUYỆN MAI SƠN\tĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ CÒ NÒI\n*\nSố 18-KH/ĐU\tCò Nòi, ngày 02 tháng 01 năm 2025\n"
        "KẾ HOẠCH\nthi đua năm 2025\n-----\nThực hiện Kế hoạch số 5-KH/HU ngày 20/12/2024 của Ban Thường vụ Huyện ủy,\n"
        "Ban Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nA.\n2. Yêu cầu\nB.\n"
        "II. NỘI DUNG\n1. Một.\n2. Hai.\nIII. THỜI GIAN\nNăm 2025.\nIV. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ xây dựng kế hoạch.\n"
        "Nơi nhận:\n- Huyện ủy,\n- Lưu.\nT/M ĐẢNG ỦY\nBÍ THƯ\nVì Văn Hải\n"
    )
    plan = parse_plan(lines_from_text(text))
    assert (plan.number, plan.symbol, plan.issued_on, plan.term) == (
        18,
        "KH/ĐU",
        datetime.date(2025, 1, 2),
        "2025-2030",
    )
    assert plan.title == "thi đua năm 2025" and plan.purpose == "A." and plan.requirements == "B."
    assert [a.body for a in plan.areas] == ["Một.", "Hai."]
    assert (plan.period_start, plan.period_end) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert plan.recipients == ["Huyện ủy,", "Lưu."] and plan.signer_name == "Vì Văn Hải"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Các đơn vị xây dựng kế hoạch thực hiện.", True),
        ("Ủy ban nhân dân huyện xây dựng, triển khai Kế hoạch phát động", True),
        ("Các chi bộ xây dựng và ban hành kế hoạch", True),
        ("Ban Tuyên giáo chỉ đạo tuyên truyền.", False),
        ("xây dựng nông thôn mới theo kế hoạch", False),
    ],
)
def test_implies_subplan(text, expected):
    assert implies_subplan(text) is expected


def test_parse_period_forms():
    assert parse_period("Từ tháng 10/2019 đến hết tháng 12/2020") == (
        datetime.date(2019, 10, 1),
        datetime.date(2020, 12, 31),
    )
    assert parse_period("từ 01/3/2024 đến 31/12/2024") == (datetime.date(2024, 3, 1), datetime.date(2024, 12, 31))
    assert parse_period("Năm 2024") == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert parse_period("sớm nhất có thể") == (None, None)


def test_organisations_matched_and_unmatched():
    candidates = [
        Candidate(1, "Ủy ban nhân dân huyện Mai Sơn", "UBND huyện", "peoples_committee"),
        Candidate(2, "Hội Nông dân huyện Mai Sơn", "Hội ND", "mass_organization"),
        Candidate(3, "Đảng ủy xã Cò Nòi", "ĐU Cò Nòi", "commune"),
    ]
    assert match_organizations("Ủy ban nhân dân huyện xây dựng kế hoạch", candidates, ["Mai Sơn"]) == ([1], [])
    assert match_organizations("Các đoàn thể chính trị - xã hội tuyên truyền", candidates, ["Mai Sơn"]) == ([2], [])
    ids, missing = match_organizations("Phòng Văn hóa và Thông tin huyện chủ trì", candidates, ["Mai Sơn"])
    assert ids == [] and missing == ["phong van hoa", "thong tin huyen"] or missing  # named, not in the tree: listed
    assert match_organizations("Đảng ủy xã Cò Nòi xây dựng kế hoạch", candidates, ["Mai Sơn"]) == ([3], [])


def test_reader_refuses_hostile_files():
    good = seed_docx()
    with pytest.raises(DocxError, match="không phải văn bản Word"):
        read_docx(b"%PDF-1.4 not a docx")
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;</w:document>'
    )
    with pytest.raises(DocxError, match="DTD, entity"):
        read_docx(replace_part(good, "word/document.xml", bomb))
    with pytest.raises(DocxError, match="macro"):
        read_docx(replace_part(good, "word/vbaProject.bin", b"x"))
    with pytest.raises(DocxError):
        read_docx(good[: len(good) // 2])


def test_seed_docx_reads_fast():
    data = seed_docx()
    started = time.perf_counter()
    parse_plan(read_docx(data))
    assert time.perf_counter() - started < 5


# --- The import pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_seed_docx_page_then_save_draft(client, demo):
    from campaigns.models import Campaign
    from tests.campaigns.test_plan_editor import _form_data

    client.login(username="vanphong", password="thidua2019")
    upload = SimpleUploadedFile("ke-hoach.docx", seed_docx())
    response = client.post(reverse("campaigns:plan_import"), {"file": upload, "issuer": demo.issuer_id})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="source-lines"' in html and "Lê Đình Châu" in html
    editor = response.context["editor"]
    assignments = [f.initial for f in editor.assignments.forms if f.initial]
    demo_orgs = [sorted(o.pk for o in a.organizations.all()) for a in demo.assignments.order_by("order")]
    assert [sorted(a["organizations"]) for a in assignments] == demo_orgs
    assert response.context["unmatched"] == []
    before = Campaign.objects.count()
    data = _form_data(editor)
    data.update({"issuer": str(demo.issuer_id), "source": "…"})
    saved = client.post(reverse("campaigns:plan_import_save"), data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    campaign = Campaign.objects.latest("id")
    assert Campaign.objects.count() == before + 1 and campaign.status == "draft" and campaign.number is None
    assert [a.body for a in campaign.content_areas.order_by("order")] == demo_text.CONTENT_AREAS
    assert [r.text for r in campaign.recipients.order_by("order")] == demo_text.RECIPIENTS
    assert campaign.title == demo_text.TITLE and campaign.signer_name == demo_text.SIGNER_NAME
    assert [sorted(o.pk for o in a.organizations.all()) for a in campaign.assignments.order_by("order")] == demo_orgs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("ke-hoach.pdf", b"%PDF-1.4", "đuôi .docx"),
        ("ke-hoach.docx", b"%PDF-1.4 renamed", "không phải văn bản Word"),
    ],
)
def test_import_refuses_bad_files(client, issuer, staff_user, name, content, message):
    client.force_login(staff_user)
    response = client.post(
        reverse("campaigns:plan_import"), {"file": SimpleUploadedFile(name, content), "issuer": issuer.pk}
    )
    assert response.status_code == 400 and message in response.content.decode()


@pytest.mark.django_db
def test_import_refuses_too_large(client, issuer, staff_user, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    client.force_login(staff_user)
    upload = SimpleUploadedFile("ke-hoach.docx", seed_docx())
    response = client.post(reverse("campaigns:plan_import"), {"file": upload, "issuer": issuer.pk})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()


@pytest.mark.django_db
def test_import_paste_and_permissions(client, issuer, staff_user, council_member):
    client.force_login(council_member)
    assert client.get(reverse("campaigns:plan_import")).status_code == 404
    client.force_login(staff_user)
    response = client.post(reverse("campaigns:plan_import"), {"text": STATE_PLAN, "issuer": issuer.pk})
    assert response.status_code == 200 and "Lò Văn Minh" in response.content.decode()
    other = pytest.importorskip("tests.factories").OrganizationFactory(name="Huyện ủy Khác")
    assert client.post(reverse("campaigns:plan_import_save"), {"issuer": other.pk}).status_code == 404
