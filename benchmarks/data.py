"""Synthetic province for `benchmarks/pages.py`: 10,000 units, campaigns of 1,000 and 10,000 units, 50,000 awards.

Built once in bulk (states are set directly: this measures reading, not the workflows) and reused by later runs;
`--fresh` in pages.py deletes it first. Everything it creates has a code, username or title starting with `pv-` /
"PV " so that it can be found and removed again. Needs a configured Django (pages.py sets it up).
"""

import datetime

PREFIX = "pv-"
PASSWORD = "bench-pass-123"
STAFF = f"{PREFIX}staff"  # committee staff of the province committee: a membership, not a superuser
HEAD = f"{PREFIX}head"  # head of unit 0, which takes part in both campaigns
KINDS = ["party_cell", "village", "commune", "agency", "mass_organization"]
# 60 % approved, 15 % submitted, 10 % returned, 15 % draft, every state among the first four units: every board
# filter finds rows even in a province of five units (tests/test_query_counts.py).
STATES = (
    ["draft", "submitted", "returned", "approved"]
    + ["approved"] * 11
    + ["submitted"] * 2
    + ["returned", "draft", "draft"]
)
NOMINATION_STATES = ["submitted", "checked", "approved", "decided", "returned", "draft"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Lò", "Cầm", "Quàng", "Tòng"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hương", "Lan", "Long", "Mai", "Nam", "Sơn", "Thủy", "Tú"]


def campaign_title(units, prefix=PREFIX):
    return f"{prefix.upper()} Phong trào thi đua toàn tỉnh ({units} đơn vị)"


def exists(prefix=PREFIX):
    from units.models import Organization

    return Organization.objects.filter(code=f"{prefix}tinh").exists()


def remove(prefix=PREFIX):
    """Delete everything `build` made (in dependency order; awards and decisions first)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from awards.models import Award, Decision, Nomination, NominationLog
    from campaigns.models import Campaign
    from units.models import Organization

    with transaction.atomic():
        campaigns = Campaign.objects.filter(issuer__code=f"{prefix}tinh")
        Award.objects.filter(decision__campaign__in=campaigns).delete()
        NominationLog.objects.filter(subject__campaign__in=campaigns).delete()
        Nomination.objects.filter(campaign__in=campaigns).delete()
        Decision.objects.filter(campaign__in=campaigns).delete()
        ids = list(campaigns.values_list("pk", flat=True))
        if ids:
            with connection.cursor() as cursor:
                for table in (
                    "registrations_registration",
                    "campaigns_progressreport",
                    "campaigns_subplan",
                ):
                    cursor.execute(f"DELETE FROM {table} WHERE campaign_id = ANY(%s)", [ids])
        for campaign in campaigns:
            campaign.delete()
        get_user_model().objects.filter(username__startswith=prefix).delete()
        Organization.objects.filter(code__startswith=f"{prefix}u").delete()
        Organization.objects.filter(code__startswith=f"{prefix}khoi").delete()
        Organization.objects.filter(code=f"{prefix}tinh").delete()


def build(scales=(1000, 10000), awards=50000, past_campaigns=32, prefix=PREFIX, log=print):
    """Create the province once; return {scale: campaign}. Users: f"{prefix}staff", f"{prefix}head"."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.utils import timezone

    from campaigns.models import Assignment, Campaign, ContentArea, ProgressReport, SubPlan
    from thidua.text import fold
    from units.models import Membership, Organization

    if exists(prefix):
        return {s: Campaign.objects.get(title=campaign_title(s, prefix)) for s in scales}
    User = get_user_model()
    n_units = max(scales)
    with transaction.atomic():
        issuer = Organization.objects.create(
            kind="party_committee", level="province", name="Tỉnh ủy Đo Đạc", code=f"{prefix}tinh"
        )
        branches = []
        for b in range(20):
            branch = Organization(
                parent=issuer,
                kind="party_committee",
                level="commune",
                name=f"Đảng bộ khối {b}",
                code=f"{prefix}khoi{b}",
            )
            branch.save()
            branches.append(branch)
        names = [f"Chi bộ bản Nà Sản {i}" for i in range(n_units)]
        Organization.objects.bulk_create(
            Organization(
                parent=branches[i % len(branches)],
                kind=KINDS[i % len(KINDS)],
                level="grassroots",
                name=names[i],
                code=f"{prefix}u{i:05d}",
                email="" if i % 3 == 0 else f"u{i}@example.test",
                search_key=fold(f"{names[i]}  {prefix}u{i:05d}"),
                sort_order=i,
            )
            for i in range(n_units)
        )
        for branch in branches:  # paths as Organization.save() writes them
            Organization.objects.filter(parent=branch).update(
                path=Concat(Value(branch.path), Cast("id", CharField()), Value("/")), depth=branch.depth + 1
            )
        unit_ids = list(
            Organization.objects.filter(code__startswith=f"{prefix}u").order_by("code").values_list("id", flat=True)
        )
        staff = User.objects.create_user(f"{prefix}staff", email="staff@example.test", password=PASSWORD)
        head = User.objects.create_user(f"{prefix}head", email="head@example.test", password=PASSWORD)
        Membership.objects.create(user=staff, organization=issuer, role="staff")
        Membership.objects.create(user=head, organization_id=unit_ids[0], role="head")
        # Unit heads (a third without an address: the board marks who cannot be mailed).
        heads = User.objects.bulk_create(
            User(username=f"{prefix}h{i}", email="" if i % 3 == 1 else f"h{i}@example.test") for i in range(1, n_units)
        )
        Membership.objects.bulk_create(
            Membership(user=u, organization_id=unit_ids[i + 1], role="head") for i, u in enumerate(heads)
        )
        log(f"  {n_units} units, {n_units} unit heads")

        # Dozens of campaigns a year: past ones of the province, closed, without units.
        for n in range(past_campaigns):
            year, k = 2016 + n // 4, n % 4
            Campaign.objects.create(
                issuer=issuer,
                issuing_body="TỈNH ỦY ĐO ĐẠC",
                term="2020-2025",
                place="Đo Đạc",
                title=f"{prefix.upper()} Phong trào thi đua năm {year} số {k}",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                status="closed",
                number=1000 + (year - 2000) * 10 + k,
                issued_on=datetime.date(year, 1, 5),
            )
        now = timezone.now()
        campaigns = {}
        for scale in scales:
            campaign = Campaign.objects.create(
                issuer=issuer,
                superior_body="ĐẢNG BỘ TỈNH ĐO ĐẠC",
                issuing_body="TỈNH ỦY ĐO ĐẠC",
                term="2020-2025",
                place="Đo Đạc",
                title=campaign_title(scale, prefix),
                period_start=datetime.date(2025, 1, 1),
                period_end=datetime.date(2026, 12, 31),
                sign_on_behalf="T/M BAN THƯỜNG VỤ",
                signer_title="BÍ THƯ",
                signer_name="Người Ký",
            )
            for order in range(1, 6):
                ContentArea.objects.create(
                    campaign=campaign, order=order, heading=f"Nội dung {order}", body="Nội dung."
                )
            assignment = Assignment.objects.create(
                campaign=campaign, order=1, body="Các đơn vị xây dựng kế hoạch.", requires_subplan=True
            )
            Campaign.objects.filter(pk=campaign.pk).update(
                status="launched", launched_at=now, number=scale // 100, issued_on=datetime.date(2025, 1, 10)
            )
            campaign.refresh_from_db()
            # As launching does: the assignment names every unit.
            Assignment.organizations.through.objects.bulk_create(
                Assignment.organizations.through(assignment_id=assignment.pk, organization_id=o)
                for o in unit_ids[:scale]
            )
            due = datetime.date(2025, 2, 1)
            SubPlan.objects.bulk_create(
                SubPlan(
                    campaign=campaign,
                    organization_id=org_id,
                    status=STATES[i % len(STATES)],
                    # Some later deadlines, so that "overdue" is a real filter.
                    due_date=datetime.date(2099, 1, 1) if i % 5 == 4 else due,
                    first_submitted_at=None if STATES[i % len(STATES)] == "draft" else now,
                    submitted_at=None if STATES[i % len(STATES)] == "draft" else now,
                )
                for i, org_id in enumerate(unit_ids[:scale])
            )
            approved = list(
                SubPlan.objects.filter(campaign=campaign, status="approved").values_list("id", "organization_id")
            )
            ProgressReport.objects.bulk_create(
                ProgressReport(
                    campaign=campaign,
                    organization_id=org_id,
                    subplan_id=sp_id,
                    kind="final",
                    status=STATES[i % len(STATES)],
                    due_date=datetime.date(2026, 11, 30),
                    first_submitted_at=None if STATES[i % len(STATES)] == "draft" else now,
                    submitted_at=None if STATES[i % len(STATES)] == "draft" else now,
                )
                for i, (sp_id, org_id) in enumerate(approved)
            )
            # Half the units registered (đăng ký thi đua), in every state.
            from registrations.models import Registration

            Registration.objects.bulk_create(
                (
                    Registration(
                        campaign=campaign,
                        organization_id=org_id,
                        year=campaign.period_end.year,
                        status=STATES[i % len(STATES)],
                        due_date=datetime.date(2025, 3, 1),
                        first_submitted_at=None if STATES[i % len(STATES)] == "draft" else now,
                        submitted_at=None if STATES[i % len(STATES)] == "draft" else now,
                        targets="Hoàn thành xuất sắc nhiệm vụ.",
                    )
                    for i, org_id in enumerate(unit_ids[: max(scale // 2, 4)])
                ),
                batch_size=2000,
            )
            _nominations(campaign, unit_ids[:scale], staff, count=scale // 5)
            campaigns[scale] = campaign
            log(f"  campaign of {scale} units: {len(approved)} final progress reports, {scale // 5} nominations")
        _registry(issuer, campaigns[min(scales)], unit_ids, staff, awards)
        log(f"  registry: {awards} awards")
        people = _staff_record(issuer, branches, n_units)
        log(f"  staff record (forms 0604/0605): {len(branches) + 1} organisations, {people} people")
    return campaigns


def _staff_record(issuer, branches, n_units):
    """The province's record of who does emulation work: its own board, one division per branch, and a person for
    every fifth unit (forms 0604.N/0605.N grow with the province)."""
    from awards.models import EmulationOffice, EmulationWorker

    offices = [EmulationOffice.objects.create(owner=issuer, name="Ban Thi đua", kind="dedicated", level="province")]
    offices += EmulationOffice.objects.bulk_create(
        EmulationOffice(owner=issuer, name=f"Bộ phận thi đua {b.name}", kind="division", level="commune")
        for b in branches
    )
    people = max(3, n_units // 5)
    EmulationWorker.objects.bulk_create(
        (
            EmulationWorker(
                office=offices[i % len(offices)],
                full_name=f"Cán bộ thi đua {i}",
                gender=("male", "female")[i % 2],
                ethnic_minority=i % 3 == 0,
                birth_year=1965 + i % 35,
                training=("postgraduate", "university", "college", "intermediate", "other")[i % 5],
                started_year=1995 + i % 30,
                full_time=i % 4 != 0,
            )
            for i in range(people)
        ),
        batch_size=2000,
    )
    return people


def _award_types(day):
    from awards.models import AwardType

    types = list(AwardType.objects.valid_on(day).filter(for_individual=True).order_by("sort_order", "id")[:12])
    return types or list(AwardType.objects.filter(for_individual=True)[:12])


def _person(i):
    return f"{SURNAMES[i % len(SURNAMES)]} {MIDDLE[i % len(MIDDLE)]} {GIVEN[i % len(GIVEN)]}"


def _nominations(campaign, unit_ids, staff, count):
    from awards.models import Nomination

    types = _award_types(campaign.period_end)
    rows = []
    for i in range(count):
        n = Nomination(
            campaign=campaign,
            proposer_id=unit_ids[i % len(unit_ids)],
            award_type=types[i % len(types)],
            nominee_kind="individual",
            full_name=_person(i),
            position="Bí thư chi bộ",
            unit_name=f"Chi bộ bản Nà Sản {i % len(unit_ids)}",
            gender="female" if i % 2 else "male",
            ethnicity="Thái" if i % 3 else "Kinh",
            birth_year=1960 + i % 40,
            year=2026,
            achievement="Hoàn thành xuất sắc nhiệm vụ.",
            status=NOMINATION_STATES[i % len(NOMINATION_STATES)],
            created_by=staff,
        )
        n.fill_keys()
        rows.append(n)
    Nomination.objects.bulk_create(rows, batch_size=2000)


def _registry(issuer, campaign, unit_ids, staff, count):
    from awards.models import Award, Decision

    decisions = [
        Decision.objects.create(
            issuer=issuer,
            campaign=campaign,
            issuing_body="TỈNH ỦY ĐO ĐẠC",
            number=n,
            place="Đo Đạc",
            issued_on=datetime.date(2015 + n % 11, 12, 20),
            signer_name="Người Ký",
            status="issued",
        )
        for n in range(1, min(count, 100) + 1)
    ]
    types = _award_types(datetime.date(2024, 12, 31))
    # People come back: 20,000 names receive 50,000 awards over the years (history pages have a few rows).
    people = [(_person(i), 1950 + i % 50, f"Chi bộ bản Nà Sản {i % len(unit_ids)}") for i in range(count * 2 // 5)]
    batch = []
    for i in range(count):
        decision = decisions[i % len(decisions)]
        name, born, unit = people[i % len(people)]
        award = Award(
            decision=decision,
            award_type=types[i % len(types)],
            proposer_id=unit_ids[i % len(unit_ids)],
            decided_on=decision.issued_on,
            nominee_kind="individual",
            full_name=name,
            birth_year=born,
            unit_name=unit,
            position="Đảng viên",
            gender="female" if i % 2 else "male",
            ethnicity=["Kinh", "Thái", "Mông", "Mường"][i % 4],
            nominee_class="direct_worker",
            year=decision.issued_on.year,
            achievement="Hoàn thành xuất sắc nhiệm vụ.",
        )
        award.fill_keys()
        batch.append(award)
        if len(batch) == 5000:
            Award.objects.bulk_create(batch)
            batch = []
    if batch:
        Award.objects.bulk_create(batch)
