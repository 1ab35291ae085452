from django.core.management.base import BaseCommand
from django.db import transaction

import campaigns.demo
import units.demo

# Later steps (sub-plans, reviews, awards) build on the launched campaign:
# each is a callable (orgs, campaign, stdout) appended here in order.
DEMO_STEPS = []

import campaigns.demo.progress  # noqa: E402
import campaigns.demo.subplans  # noqa: E402

DEMO_STEPS.append(campaigns.demo.subplans.load)
DEMO_STEPS.append(campaigns.demo.progress.load)

import registrations.demo  # noqa: E402  (registrations for the campaign's year, in every state)

DEMO_STEPS.append(registrations.demo.load)


class Command(BaseCommand):
    help = "Load the Mai Sơn demo: organisation tree, demo users, the 2019 plan. Running it twice changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            orgs = units.demo.load(stdout=self.stdout)
            campaign = campaigns.demo.load(orgs, stdout=self.stdout)
            for step in DEMO_STEPS:
                step(orgs, campaign, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Dữ liệu mẫu đã sẵn sàng. Mật khẩu mọi tài khoản mẫu: {units.demo.DEMO_PASSWORD}")
        )
        for username, full_name, _email, memberships, is_superuser in units.demo.USERS:
            role = "quản trị hệ thống" if is_superuser else "; ".join(position for _c, _r, position in memberships)
            self.stdout.write(f"  {username:<15} {full_name:<22} {role}")


import awards.demo  # noqa: E402  (commendation: nominations through every state to a decision)

DEMO_STEPS.append(awards.demo.load)

import thidua.documents.demo  # noqa: E402  (last: reprint the issued documents stored before codes existed)

DEMO_STEPS.append(thidua.documents.demo.load)
