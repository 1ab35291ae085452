"""Benchmark of the sub-plan board: a campaign with 1,000 obligated units on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres thidua_bench_board   # any empty database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench_board .venv/bin/python benchmarks/board.py

Migrates the database, builds (once) a launched campaign whose 1,000 units hold sub-plans in every
state (states are set in bulk: this measures reading, not the workflow), then requests the board as a
committee staff member through Django's test client and prints, per page, the median response time
over --repeat runs and the number of SQL queries. Options: --units N, --repeat N.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup():
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(units):
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from campaigns import services
    from campaigns.models import Assignment, Campaign, ContentArea, Recipient, SubPlan
    from units.models import Membership, Organization

    User = get_user_model()
    issuer, _ = Organization.objects.get_or_create(
        code="bench-hu", defaults={"kind": "party_committee", "level": "district", "name": "Huyện ủy Đo Đạc"}
    )
    staff, created = User.objects.get_or_create(username="bench-staff", defaults={"email": "bench@example.test"})
    if created:
        staff.set_password("bench-pass-123")
        staff.save()
        Membership.objects.create(user=staff, organization=issuer, role="staff")
    campaign = Campaign.objects.filter(issuer=issuer, title="Phong trào đo đạc bảng theo dõi").first()
    if campaign is None:
        campaign = Campaign.objects.create(
            issuer=issuer,
            issuing_body="HUYỆN ỦY ĐO ĐẠC",
            term="2020-2025",
            place="Đo Đạc",
            title="Phong trào đo đạc bảng theo dõi",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
        )
        for order in range(1, 6):
            ContentArea.objects.create(campaign=campaign, order=order, heading=f"Nội dung {order}", body="Nội dung.")
        Assignment.objects.create(
            campaign=campaign, order=1, body="Các đơn vị xây dựng kế hoạch.", requires_subplan=True
        )
        Recipient.objects.create(campaign=campaign, order=1, text="Lưu.")
        campaign.signer_title, campaign.signer_name = "BÍ THƯ", "Người Ký"
        campaign.save()
        services.launch_campaign(campaign, staff, issued_on=datetime.date(2024, 1, 10))
    have = SubPlan.objects.filter(campaign=campaign).count()
    if have < units:
        branches = [
            Organization.objects.get_or_create(
                code=f"bench-khoi-{b}",
                defaults={"parent": issuer, "kind": "party_committee", "level": "commune", "name": f"Đảng bộ khối {b}"},
            )[0]
            for b in range(10)
        ]
        orgs = []
        for i in range(have, units):
            org = Organization(
                parent=branches[i % 10],
                kind=random.choice(["commune", "party_cell", "village"]),
                level="grassroots",
                name=f"Chi bộ bản Nà Sản {i}",
                code=f"bench-cb-{i}",
            )
            org.save()
            orgs.append(org)
        services.create_obligations(campaign, orgs, staff, due_date=datetime.date(2024, 2, 1))
        heads = [User(username=f"bench-head-{o.pk}", email=f"h{o.pk}@example.test" if o.pk % 3 else "") for o in orgs]
        User.objects.bulk_create(heads)
        Membership.objects.bulk_create(
            Membership(user=u, organization=o, role="head") for u, o in zip(heads, orgs, strict=True)
        )
        now = timezone.now()
        for state, share in (("submitted", 0.3), ("returned", 0.1), ("approved", 0.3)):
            ids = list(SubPlan.objects.filter(campaign=campaign, status="draft").values_list("pk", flat=True))
            chosen = random.sample(ids, int(units * share))
            SubPlan.objects.filter(pk__in=chosen).update(status=state, submitted_at=now, first_submitted_at=now)
    return campaign, staff


def measure(campaign, staff, repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(staff)
    base = f"/phong-trao/{campaign.pk}/ke-hoach-don-vi/"
    pages = [
        ("board, page 1 (50 rows)", base),
        ("board, page 20", base + "?page=20"),
        ("board, search 'na san 99' without diacritics", base + "?q=na+san+99"),
        ("board, state=draft, kind=village", base + "?state=draft&kind=village"),
        ("board, overdue", base + "?state=late"),
        ("xlsx export, all units", base + "xuat-excel/"),
    ]
    print(f"Campaign {campaign.reference}: {campaign.subplans.count()} obligated units; {repeat} runs each\n")
    print(f"{'page':<50} {'median ms':>10} {'max ms':>8} {'queries':>8} {'bytes':>9}")
    for label, url in pages:
        client.get(url)  # warm up
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        print(
            f"{label:<50} {statistics.median(times):>10.1f} {max(times):>8.1f} {len(ctx.captured_queries):>8}"
            f" {len(response.content):>9}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    setup()
    campaign, staff = build(args.units)
    measure(campaign, staff, args.repeat)
