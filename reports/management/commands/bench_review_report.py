"""Benchmark: the final review report of a synthetic campaign, built by a real Celery worker process.

    DATABASE_URL=postgres://…/thidua_bench python manage.py migrate
    DATABASE_URL=postgres://…/thidua_bench python manage.py bench_review_report --broker redis://127.0.0.1:6379/12

Creates (or reuses) a campaign of 1,000 units, 5 content areas and 5,000 unit targets (one sub-plan per unit,
one target per unit and area), starts `celery worker --pool=solo` as a child process on the given Redis,
queues the final review build, waits for it, and prints the wall time of the build and the worker's peak
memory (VmHWM, the resident set high-water mark). Uses the configured database: never run it on production.
"""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

PREFIX = "bench-"
STATES = ["approved"] * 12 + ["submitted"] * 3 + ["returned"] * 2 + ["draft"] * 3  # 60/15/10/15 %


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class Command(BaseCommand):
    help = "Build the final review report of a synthetic 1,000-unit campaign in a Celery worker; print time and RSS."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--areas", type=int, default=5)
        parser.add_argument("--broker", default=os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/12")
        parser.add_argument("--timeout", type=int, default=300)
        parser.add_argument("--fresh", action="store_true", help="delete the synthetic campaign and build it again")

    def handle(self, *args, **opts):
        from campaigns.models import Campaign

        if not settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "sqlite3")):
            raise CommandError("unsupported database")
        if opts["fresh"]:
            self.cleanup()
        campaign = Campaign.objects.filter(issuer__code=f"{PREFIX}issuer", status="launched").first()
        if campaign is not None and campaign.subplans.count() != opts["units"]:
            self.cleanup()  # another size was asked for
            campaign = None
        if campaign is None:
            started = time.monotonic()
            campaign = Campaign.objects.get(pk=self.build_campaign(opts["units"], opts["areas"]).pk)
            self.stdout.write(f"synthetic campaign created in {time.monotonic() - started:.1f} s")
        self.report(campaign)
        wall, peak, report = self.run_in_worker(campaign, opts["broker"], opts["timeout"])
        if report.status != "done":
            raise CommandError(f"build {report.status}: {report.failure_reason}")
        pdf_size = Path(report.pdf.path).stat().st_size
        from .._pages import count_pages

        build = (report.finished_at - report.started_at).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                f"final review report: wall time {wall:.1f} s (queued to done; build in the worker {build:.1f} s), "
                f"worker peak RSS {peak / 1024:.0f} MB, "
                f"PDF {count_pages(report.pdf.path)} pages / {pdf_size / 1024:.0f} KiB"
            )
        )

    # --- data -----------------------------------------------------------------------------------------------

    def report(self, campaign):
        from campaigns.models import ProgressResult, SubPlan, SubPlanTarget

        self.stdout.write(
            f"campaign {campaign.pk}: {SubPlan.objects.filter(campaign=campaign).count()} units with sub-plans, "
            f"{campaign.content_areas.count()} content areas, "
            f"{SubPlanTarget.objects.filter(item__subplan__campaign=campaign).count()} targets, "
            f"{ProgressResult.objects.filter(report__campaign=campaign).count()} results in final progress reports"
        )

    def cleanup(self):
        from campaigns.models import Assignment, Campaign, ContentArea, SubPlan, SubPlanItem, SubPlanTarget
        from reports.models import ReviewReport
        from units.models import Organization

        with transaction.atomic():
            campaigns = Campaign.objects.filter(issuer__code=f"{PREFIX}issuer")
            ReviewReport.objects.filter(campaign__in=campaigns).delete()
            from campaigns.models import ProgressReport

            ProgressReport.objects.filter(campaign__in=campaigns).delete()
            SubPlanTarget.objects.filter(item__subplan__campaign__in=campaigns).delete()
            SubPlanItem.objects.filter(subplan__campaign__in=campaigns).delete()
            SubPlan.objects.filter(campaign__in=campaigns).delete()
            Assignment.objects.filter(campaign__in=campaigns).delete()
            ContentArea.objects.filter(campaign__in=campaigns).delete()
            campaigns.delete()
            Organization.objects.filter(code__startswith=f"{PREFIX}u").delete()  # not board.py's bench-hu, bench-cb-…
            Organization.objects.filter(code=f"{PREFIX}issuer").delete()

    @transaction.atomic
    def build_campaign(self, n_units, n_areas):
        from campaigns.models import (
            Assignment,
            Campaign,
            ContentArea,
            Movement,
            SubPlan,
            SubPlanItem,
            SubPlanTarget,
        )
        from units.models import Organization

        issuer = Organization.objects.create(
            kind="party_committee", level="district", name="Huyện ủy Thử nghiệm", code=f"{PREFIX}issuer"
        )
        Organization.objects.bulk_create(
            Organization(
                kind="party_cell",
                level="grassroots",
                parent=issuer,
                name=f"Chi bộ thử nghiệm số {i:04d}",
                short_name=f"CB {i:04d}",
                code=f"{PREFIX}u{i:04d}",
                search_key=f"chi bo thu nghiem so {i:04d}",
                sort_order=i,
            )
            for i in range(1, n_units + 1)
        )
        units = Organization.objects.filter(code__startswith=f"{PREFIX}u")
        units.update(path=Concat(Value(issuer.path), Cast("id", CharField()), Value("/")), depth=issuer.depth + 1)
        unit_ids = list(units.order_by("code").values_list("id", flat=True))
        campaign = Campaign.objects.create(
            issuer=issuer,
            superior_body="ĐẢNG BỘ TỈNH THỬ NGHIỆM",
            issuing_body="HUYỆN ỦY THỬ NGHIỆM",
            term="2020-2025",
            place="Thử Nghiệm",
            title="Phát động phong trào thi đua (dữ liệu đo hiệu năng)",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            sign_on_behalf="T/M BAN THƯỜNG VỤ",
            signer_title="BÍ THƯ",
            signer_name="Nguyễn Văn Thử",
        )
        areas = [
            ContentArea.objects.create(
                campaign=campaign, order=i, heading=f"Nội dung thi đua số {i}", body=f"Nội dung thi đua số {i}."
            )
            for i in range(1, n_areas + 1)
        ]
        for area in areas:
            Movement.objects.create(content_area=area, order=1, name=f"Phong trào của nội dung {area.order}")
        assignment = Assignment.objects.create(
            campaign=campaign,
            order=1,
            body="Các chi bộ xây dựng kế hoạch.",
            requires_subplan=True,
            due_date=datetime.date(2024, 2, 1),
        )
        assignment.organizations.set(unit_ids)
        Campaign.objects.filter(pk=campaign.pk).update(
            status="launched", launched_at=timezone.now(), number=999, issued_on=datetime.date(2024, 1, 10)
        )
        submitted = timezone.make_aware(datetime.datetime(2024, 1, 25, 9))
        late = timezone.make_aware(datetime.datetime(2024, 2, 10, 9))
        SubPlan.objects.bulk_create(
            SubPlan(
                campaign=campaign,
                organization_id=org_id,
                status=STATES[i % len(STATES)],
                due_date=datetime.date(2024, 2, 1),
                first_submitted_at=None if STATES[i % len(STATES)] == "draft" else (late if i % 7 == 0 else submitted),
            )
            for i, org_id in enumerate(unit_ids)
        )
        subplans = list(SubPlan.objects.filter(campaign=campaign).values_list("id", flat=True))
        SubPlanItem.objects.bulk_create(
            SubPlanItem(subplan_id=sp, content_area=area, measures="Biện pháp.") for sp in subplans for area in areas
        )
        SubPlanTarget.objects.bulk_create(
            SubPlanTarget(item_id=item_id, order=1, name="Chỉ tiêu thử nghiệm", value=100, unit_of_measure="%")
            for item_id in SubPlanItem.objects.filter(subplan__campaign=campaign).values_list("id", flat=True)
        )
        self.add_progress_reports(campaign)
        return campaign

    def add_progress_reports(self, campaign):
        """Final progress reports of the units whose sub-plan was approved: a result per target, some proposals."""
        from campaigns.models import CommendationProposal, ProgressReport, ProgressResult, SubPlan, SubPlanTarget

        approved = list(
            SubPlan.objects.filter(campaign=campaign, status="approved").values_list("id", "organization_id")
        )
        at = timezone.make_aware(datetime.datetime(2025, 11, 20, 9))
        ProgressReport.objects.bulk_create(
            ProgressReport(
                campaign=campaign,
                organization_id=org_id,
                subplan_id=sp_id,
                kind="final",
                status="approved" if i % 4 else "submitted",
                first_submitted_at=at,
                submitted_at=at,
                notable_examples=f"Gương điển hình của đơn vị {org_id}." if i % 10 == 0 else "",
            )
            for i, (sp_id, org_id) in enumerate(approved)
        )
        report_of = dict(ProgressReport.objects.filter(campaign=campaign, kind="final").values_list("subplan_id", "id"))
        ProgressResult.objects.bulk_create(
            ProgressResult(report_id=report_of[sp_id], target_id=t_id, achieved=60 + (t_id * 7) % 61)
            for t_id, sp_id in SubPlanTarget.objects.filter(item__subplan_id__in=report_of).values_list(
                "id", "item__subplan_id"
            )
        )
        CommendationProposal.objects.bulk_create(
            CommendationProposal(
                report_id=r_id,
                order=1,
                name=f"Tập thể tiêu biểu {r_id}",
                is_collective=True,
                award="Giấy khen",
                achievement="Hoàn thành xuất sắc các chỉ tiêu.",
            )
            for i, r_id in enumerate(sorted(report_of.values()))
            if i % 3 == 0
        )

    # --- the worker -----------------------------------------------------------------------------------------

    def run_in_worker(self, campaign, broker, timeout):
        from reports import services
        from thidua.celery import app

        user, _ = get_user_model().objects.get_or_create(username=f"{PREFIX}staff", defaults={"is_superuser": True})
        env = {
            **os.environ,
            "CELERY_BROKER_URL": broker,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "thidua.settings"),
        }
        env.setdefault("MEDIA_ROOT", str(settings.MEDIA_ROOT))
        celery = str(Path(sys.executable).with_name("celery"))
        worker = subprocess.Popen(
            [
                celery,
                "-A",
                "thidua",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-l",
                "warning",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"bench-{os.getpid()}@%h",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            app.conf.update(CELERY_BROKER_URL=broker, CELERY_TASK_ALWAYS_EAGER=False)
            app._pool = None
            time.sleep(3)  # let the worker import Django and connect
            started = time.monotonic()
            report, _ = services.request_review_report(campaign, "final", user)
            deadline = started + timeout
            while time.monotonic() < deadline:
                report.refresh_from_db()
                if not report.is_active:
                    break
                time.sleep(0.2)
            wall = time.monotonic() - started
            peak = peak_rss_kib(worker.pid)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        if report.is_active:
            from reports.services import fail_build

            fail_build(report.pk, "benchmark timeout")
            raise CommandError(f"no result after {timeout} s")
        return wall, peak, report
