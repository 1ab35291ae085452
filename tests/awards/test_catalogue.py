import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from awards.catalogue import seed_catalogue
from awards.excel import key
from awards.models import AwardType

D = datetime.date
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "MauTDKT_20231004.xlsx"  # the template as published

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent(catalogue):
    count = AwardType.objects.count()
    assert seed_catalogue() == 0
    assert AwardType.objects.count() == count


def test_every_name_of_the_reference_htkt_sheet_is_in_the_catalogue(catalogue):
    ws = load_workbook(REFERENCE, read_only=True)["HTKT"]
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]]
    assert len(names) == 89
    known = {key(n) for t in AwardType.objects.all() for n in t.names()}
    missing = [n for n in names if key(n) not in known]
    assert missing == []


def test_versions_of_one_code_do_not_overlap(catalogue):
    for code in AwardType.objects.values_list("code", flat=True).distinct():
        for version in AwardType.objects.filter(code=code):
            version.clean()  # raises on overlap


@pytest.mark.parametrize(
    ("day", "source", "authorities"),
    [
        (D(2020, 12, 31), "91/2017", {"district_pc", "agency_head", "province_pc"}),
        (D(2023, 12, 31), "91/2017", {"district_pc", "agency_head", "province_pc"}),
        (D(2024, 1, 1), "98/2023", {"district_pc", "agency_head", "province_pc"}),
        (D(2025, 6, 30), "98/2023", {"district_pc", "agency_head", "province_pc"}),
        (D(2025, 7, 1), "152/2025", {"commune_pc", "agency_head", "province_pc"}),
    ],
)
def test_cstdcs_rules_follow_the_date(catalogue, day, source, authorities):
    version = AwardType.objects.valid_on(day).get(code="cstdcs")
    assert source in version.legal_source
    assert set(version.authorities) == authorities
    assert version.prerequisite_codes == ["ldtt"] and version.requires_initiative
    assert version.quota_percent == 15 and version.quota_base_code == "ldtt"


def test_party_certificate_of_the_standing_committee_is_seeded(catalogue):
    gk = AwardType.objects.valid_on(D(2020, 12, 31)).get(code="giay-khen-btv-huyen-uy")
    assert gk.is_party and gk.authorities == ["party_district"]
    assert gk.for_individual and gk.for_collective


def test_district_chairman_certificate_ends_with_the_district_level(catalogue):
    assert AwardType.objects.valid_on(D(2025, 6, 30)).filter(code="giay-khen-ubnd-huyen").exists()
    assert not AwardType.objects.valid_on(D(2025, 7, 1)).filter(code="giay-khen-ubnd-huyen").exists()
