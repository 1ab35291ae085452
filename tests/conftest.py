"""Shared fixtures: one per role, the demo, and the browser."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from units.enums import Role

from .factories import (
    AssignmentFactory,
    CampaignFactory,
    ContentAreaFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))


@pytest.fixture
def issuer():
    return OrganizationFactory(kind="party_committee", level="district", name="Huyện ủy Thử", code="hu-thu")


@pytest.fixture
def unit(issuer):
    return OrganizationFactory(parent=issuer, name="Đảng ủy xã Chiềng Mung", code="du-chieng-mung-test")


@pytest.fixture
def other_unit(issuer):
    return OrganizationFactory(parent=issuer, name="Đảng ủy xã Cò Nòi", code="du-co-noi-test")


@pytest.fixture
def staff_user(issuer):
    return MembershipFactory(organization=issuer, role=Role.STAFF, user=UserFactory(username="staff")).user


@pytest.fixture
def unit_head(unit):
    return MembershipFactory(organization=unit, role=Role.HEAD, user=UserFactory(username="head")).user


@pytest.fixture
def other_head(other_unit):
    return MembershipFactory(organization=other_unit, role=Role.HEAD, user=UserFactory(username="otherhead")).user


@pytest.fixture
def council_member(issuer):
    return MembershipFactory(organization=issuer, role=Role.COUNCIL, user=UserFactory(username="council")).user


@pytest.fixture
def council_members(issuer, council_member):
    """Three council members (the fewest a secret ballot allows), `council_member` first."""
    others = [
        MembershipFactory(organization=issuer, role=Role.COUNCIL, user=UserFactory(username=f"council{i}")).user
        for i in (2, 3)
    ]
    return [council_member, *others]


@pytest.fixture
def draft_campaign(issuer, unit, other_unit):
    campaign = CampaignFactory(issuer=issuer)
    ContentAreaFactory(campaign=campaign, order=1)
    ContentAreaFactory(campaign=campaign, order=2)
    AssignmentFactory(campaign=campaign, organizations=[unit, other_unit])
    return campaign


@pytest.fixture
def launched_campaign(draft_campaign, staff_user):
    import datetime

    from campaigns.services import launch_campaign

    return launch_campaign(draft_campaign, staff_user, issued_on=datetime.date(2024, 1, 15))


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open(os.devnull, "w"))
    from campaigns.models import Campaign

    return Campaign.objects.get(issuer__code="hu-mai-son")


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# Playwright drives Debian's Chromium: `playwright install` cannot download browsers here.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1366, "height": 900},
    }


@pytest.fixture
def login(live_server, page):
    """Log a user in through the login form; returns the page."""

    def _login(username, password="secret-pass-123"):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


@pytest.fixture
def fonts_missing(monkeypatch, tmp_path):
    """fontconfig sees only DejaVu (as on a machine without fonts-liberation2): the print font guard must refuse.

    Only fontconfig's command-line answer changes (FONTCONFIG_FILE); fonts the process has loaded stay loaded."""
    from thidua.documents import fonts

    (tmp_path / "fc-cache").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    fonts.clear_cache()
    yield
    fonts.clear_cache()
