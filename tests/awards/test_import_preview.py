"""The nominee import tells before it imports: every row of the reference template checked, duplicates found in the
file, in the campaign (any status) and in the registry, and the clerk's choice of all, clean rows or nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import excel, services
from awards.enums import NominationStatus as S
from awards.enums import NomineeClass
from awards.models import Award, ImportBatch, Nomination
from thidua import xlsx

from .conftest import make_award, make_nomination
from .test_excel import filled_reference

D = datetime.date
pytestmark = pytest.mark.django_db
PERSON = "Khen thưởng cá nhân"
LDTT = "Lao động tiên tiến"


@pytest.fixture
def campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


def person(n, name, award=LDTT, cls="Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"):
    return (n, "Ông", name, "Chuyên viên", "UBND xã Thử", PERSON, award, cls, "Quản lý Nhà nước")


def rows_for_the_test(unit):
    classes = [c.label for c in NomineeClass] + [
        "Cơ quan Đảng và các tổ chức chính trị, xã hội",  # older versions of the template's dropdown
        "Các cấp lãnh đạo khác",
    ]
    rows = [
        person(1, "Lò Văn Một"),
        person(2, "Lò Văn Một"),  # the same person and award again in the file
        person(3, "Đã Có Dự Thảo"),  # already a draft in the campaign
        person(4, "Đã Có Quyết Định"),  # decided, in the registry
        (5, None, unit.name, None, None, "Khen thưởng tập thể", "Tập thể lao động tiên tiến", "Cơ quan Đảng", None),
        person(6, "Chưa Có Lao Động Tiên Tiến", award="Chiến sĩ thi đua cơ sở"),
        person(7, "Sai Danh Hiệu", award="Danh hiệu không có"),
    ]
    rows += [person(10 + i, f"Người Lớp {i}", cls=label) for i, label in enumerate(classes)]
    return rows, len(classes)


@pytest.fixture
def prepared(campaign, unit, unit_head, tmp_path):
    make_nomination(campaign, unit, "ldtt", name="Đã Có Dự Thảo", birth_year=None, unit_name="UBND xã Thử")
    decided = make_nomination(
        campaign, unit, "ldtt", name="Đã Có Quyết Định", birth_year=None, unit_name="UBND xã Thử", status=S.DECIDED
    )
    make_award(
        campaign, unit, "ldtt", name="Đã Có Quyết Định", birth_year=None, unit_name="UBND xã Thử", nomination=decided
    )
    rows, classes = rows_for_the_test(unit)
    data = filled_reference(tmp_path, rows)
    batch = services.preview_import(campaign, unit, unit_head, SimpleUploadedFile("ds.xlsx", data))
    batch.stt = {number: rows[number - 2][0] for number in range(2, len(rows) + 2)}  # sheet row -> STT
    return batch, classes


def by_row(batch):
    """The preview's rows by the STT typed in column A (the preview itself shows the sheet's row numbers)."""
    return {batch.stt[r["row"]]: r for r in batch.rows}


def test_preview_reports_every_row_and_imports_nothing(prepared):
    batch, classes = prepared
    rows = by_row(batch)
    assert Nomination.objects.count() == 2  # only the two made by the fixture
    assert rows[1]["verdict"] == "ok" and not rows[1]["duplicate"]
    assert rows[2]["verdict"] == "blocked" and "Trùng với dòng 2 của tệp" in rows[2]["findings"][-1]["message"]
    assert rows[3]["duplicate"] and "(dự thảo)" in rows[3]["findings"][-1]["message"]
    assert rows[4]["duplicate"] and "(đã có quyết định)" in rows[4]["findings"][-1]["message"]
    assert any("đã được khen" in f["message"] for f in rows[4]["findings"]), rows[4]["findings"]  # the registry too
    assert rows[5]["verdict"] == "warning"
    assert rows[5]["findings"][0]["message"].startswith("Sau khi nhập cần bổ sung")
    assert (
        rows[6]["verdict"] == "blocked"
        and "Chưa đạt danh hiệu «Lao động tiên tiến»" in rows[6]["findings"][0]["message"]
    )
    assert rows[7]["fields"] is None and "không tìm thấy «Danh hiệu không có»" in rows[7]["findings"][0]["message"]
    class_rows = [rows[10 + i] for i in range(classes)]
    assert all(r["verdict"] == "ok" for r in class_rows), [r["findings"] for r in class_rows if r["verdict"] != "ok"]
    assert batch.counts() == {"blocked": 5, "warning": 1, "ok": 1 + classes}


@pytest.mark.parametrize(("choice", "extra"), [("clean", 0), ("all", 1), ("none", None)])
def test_the_clerks_choice(prepared, unit_head, choice, extra):
    batch, classes = prepared
    created = services.import_batch(batch, unit_head, choice)
    expected = 0 if extra is None else 1 + 1 + classes + extra  # row 1, row 5, the class rows (+ row 6 for all)
    assert created == expected
    assert Nomination.objects.count() == 2 + expected
    assert Nomination.objects.filter(full_name="Lò Văn Một").count() == (0 if extra is None else 1)
    batch.refresh_from_db()
    assert batch.state == ("discarded" if extra is None else "imported")
    with pytest.raises(services.TransitionError):
        services.import_batch(batch, unit_head, "all")  # decided once


def test_aliased_classes_are_stored_as_our_values(prepared, unit_head):
    batch, classes = prepared
    services.import_batch(batch, unit_head, "clean")
    stored = dict(
        Nomination.objects.filter(full_name__startswith="Người Lớp").values_list("full_name", "nominee_class")
    )
    assert stored[f"Người Lớp {classes - 2}"] == NomineeClass.PARTY_BODY
    assert stored[f"Người Lớp {classes - 1}"] == NomineeClass.LEADER_DIVISION


def test_reimporting_an_export_adds_nothing(campaign, unit, unit_head, prepared):
    batch, _classes = prepared
    services.import_batch(batch, unit_head, "all")
    before = Nomination.objects.count()
    exported = xlsx.to_bytes(
        excel.export(Nomination.objects.filter(campaign=campaign).order_by("id"), with_status=True)
    )
    again = services.preview_import(campaign, unit, unit_head, SimpleUploadedFile("export.xlsx", exported))
    assert all(r["duplicate"] for r in again.rows if r["fields"]), [r for r in again.rows if not r["duplicate"]]
    assert services.import_batch(again, unit_head, "all") == 0
    assert Nomination.objects.count() == before


# --- Pages ---------------------------------------------------------------------------------------------


def test_upload_shows_the_preview_then_imports_the_clean_rows(client, campaign, unit, unit_head, tmp_path):
    rows = [person(1, "Lò Văn Một"), person(2, "Lò Văn Một"), person(3, "Sai", award="Không có")]
    client.force_login(unit_head)
    response = client.post(
        reverse("awards:import", args=[campaign.pk]),
        {"proposer": unit.pk, "file": SimpleUploadedFile("ds.xlsx", filled_reference(tmp_path, rows))},
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:import_preview", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'id="count-blocked">2<' in page and 'id="count-ok">1<' in page and "Trùng với dòng 2 của tệp" in page
    assert Nomination.objects.count() == 0
    decide = reverse("awards:import_decide", args=[batch.pk])
    assert client.get(decide).status_code == 405
    assert client.post(decide, {"choice": "clean"}).status_code == 302
    assert list(Nomination.objects.values_list("full_name", flat=True)) == ["Lò Văn Một"]


def test_preview_is_the_users_own(client, campaign, unit, unit_head, other_head, prepared):
    batch, _classes = prepared
    client.force_login(other_head)
    assert client.get(reverse("awards:import_preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("awards:import_decide", args=[batch.pk]), {"choice": "all"}).status_code == 404
    assert ImportBatch.objects.get().state == "pending"


def test_preview_query_count_does_not_grow(client, campaign, unit, unit_head, tmp_path):
    client.force_login(unit_head)

    def preview(n):
        rows = [person(i, f"Người {i}") for i in range(1, n + 1)]
        batch = services.preview_import(
            campaign, unit, unit_head, SimpleUploadedFile("d.xlsx", filled_reference(tmp_path, rows))
        )
        url = reverse("awards:import_preview", args=[batch.pk])
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        assert page.count('data-verdict="ok"') == n
        return len(ctx)

    assert preview(1) == preview(30)


def test_unusable_file_is_refused_before_any_preview(client, campaign, unit, unit_head):
    client.force_login(unit_head)
    response = client.post(
        reverse("awards:import", args=[campaign.pk]),
        {"proposer": unit.pk, "file": SimpleUploadedFile("x.xlsx", io.BytesIO(b"not a zip").getvalue())},
    )
    assert response.status_code == 400 and not ImportBatch.objects.exists()


def test_an_export_of_nominations_with_birth_years_is_recognised(campaign, unit, unit_head):
    """The template has no birth-year column: a nomination entered with one still matches its exported row."""
    make_nomination(campaign, unit, "ldtt", name="Có Năm Sinh", birth_year=1979, unit_name="UBND xã Thử")
    exported = xlsx.to_bytes(excel.export(Nomination.objects.filter(campaign=campaign)))
    again = services.preview_import(campaign, unit, unit_head, SimpleUploadedFile("export.xlsx", exported))
    (row,) = again.rows
    assert row["duplicate"] and row["verdict"] == "blocked", row
    assert services.import_batch(again, unit_head, "all") == 0


# --- Duplicates in the registry, revoked awards, every name of the reference's dropdowns ----------------------


def test_registry_duplicates_of_another_campaign_are_never_imported(
    make_campaign, people_committee, unit, unit_head, tmp_path
):
    """A title its nominee already holds that year (decided in another campaign, without the birth year the template
    lacks) is a duplicate: blocked, and skipped by «import all»; an annulled one no longer counts."""
    earlier = make_campaign(D(2024, 12, 30), people_committee)
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    make_award(earlier, unit, "ldtt", name="Đã Được Khen", unit_name="UBND xã Thử", birth_year=1980)
    annulled = make_award(earlier, unit, "ldtt", name="Đã Bị Hủy", unit_name="UBND xã Thử", birth_year=1981)
    Award.objects.filter(pk=annulled.pk).update(revoked_on=D(2025, 3, 1))
    data = filled_reference(tmp_path, [person(1, "Đã Được Khen"), person(2, "Đã Bị Hủy"), person(3, "Người Mới")])
    batch = services.preview_import(campaign, unit, unit_head, SimpleUploadedFile("ds.xlsx", data))
    rows = {r["name"]: r for r in batch.rows}
    assert rows["Ông Đã Được Khen"]["duplicate"] and rows["Ông Đã Được Khen"]["verdict"] == "blocked"
    assert "sổ khen thưởng" in rows["Ông Đã Được Khen"]["findings"][-1]["message"]
    assert not rows["Ông Đã Bị Hủy"]["duplicate"] and rows["Ông Đã Bị Hủy"]["verdict"] == "ok"
    assert services.import_batch(batch, unit_head, "all") == 2
    assert sorted(Nomination.objects.filter(campaign=campaign).values_list("full_name", flat=True)) == [
        "Người Mới",
        "Đã Bị Hủy",
    ]


def test_import_all_rechecks_the_registry_when_it_imports(make_campaign, people_committee, unit, unit_head, tmp_path):
    """Decided elsewhere between the preview and the clerk's choice: still not created."""
    earlier = make_campaign(D(2024, 12, 30), people_committee)
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    data = filled_reference(tmp_path, [person(1, "Khen Sau Khi Xem")])
    batch = services.preview_import(campaign, unit, unit_head, SimpleUploadedFile("ds.xlsx", data))
    assert batch.rows[0]["verdict"] == "ok"
    make_award(earlier, unit, "ldtt", name="Khen Sau Khi Xem", unit_name="UBND xã Thử", birth_year=1990)
    assert services.import_batch(batch, unit_head, "all") == 0


def reference_lists():
    """Every entry of the dropdowns of the reference template (sheets PLDT, LVHD, «phan loai kt») as it ships."""
    from openpyxl import load_workbook

    from .test_excel import REFERENCE

    wb = load_workbook(REFERENCE, read_only=True)

    def column(sheet):
        return [r[0] for r in wb[sheet].iter_rows(min_row=2, values_only=True) if r[0]]

    return column("PLDT"), column("LVHD"), column("phan loai kt")


def test_every_name_of_the_reference_dropdowns_and_the_aliases_is_accepted(campaign, unit, unit_head, tmp_path):
    from awards.catalogue import IMPORT_ALIASES
    from awards.enums import ActivityField

    classes, fields, kinds = reference_lists()
    assert len(classes) == 13 and len(fields) == 24 and len(kinds) == 3
    classes += [text for catalogue, text, _value, _source in IMPORT_ALIASES if catalogue == "class"]
    fields += [text for catalogue, text, _value, _source in IMPORT_ALIASES if catalogue == "field"]
    rows = [person(100 + i, f"Người Lớp {i}", cls=label) for i, label in enumerate(classes)]
    rows += [
        (200 + i, "Bà", f"Người Lĩnh Vực {i}", "Chuyên viên", "UBND xã Thử", PERSON, LDTT, "Doanh nhân", label)
        for i, label in enumerate(fields)
    ]
    data = filled_reference(tmp_path, rows)
    batch = services.preview_import(campaign, unit, unit_head, SimpleUploadedFile("ds.xlsx", data))
    refused = [f["message"] for r in batch.rows for f in r["findings"] if "không có trong danh mục" in f["message"]]
    assert refused == [] and all(r["fields"] for r in batch.rows)
    assert services.import_batch(batch, unit_head, "clean") == len(rows)
    stored_fields = set(
        Nomination.objects.filter(full_name__startswith="Người Lĩnh Vực").values_list("activity_field", flat=True)
    )
    assert stored_fields == set(ActivityField.values)  # the 24 fields, each reached
    stored_classes = set(
        Nomination.objects.filter(full_name__startswith="Người Lớp").values_list("nominee_class", flat=True)
    )
    assert stored_classes == set(NomineeClass.values)
    for label in kinds:  # «Khen thưởng cá nhân / tập thể / hộ gia đình»
        assert excel.alias_maps()[0].get(excel.key(label)), label
