"""Reports adds its card to the committee staff's home page through campaigns.home's registry."""

import pytest

from campaigns.home import STAFF_SECTIONS
from reports.home import builds_in_progress
from reports.models import ReviewReport

pytestmark = pytest.mark.django_db


def test_builds_in_progress_show_on_the_staff_home_page(client, launched_campaign, staff_user, other_head):
    assert builds_in_progress in STAFF_SECTIONS
    report = ReviewReport.objects.create(campaign=launched_campaign, kind="interim", version=1)
    client.force_login(staff_user)
    html = client.get("/").content.decode()
    assert 'id="queue-builds"' in html and f"/bao-cao/{report.pk}/" in html
    # Another body's staff: no card with this build (a unit head has no staff overview at all).
    client.force_login(other_head)
    assert f"/bao-cao/{report.pk}/" not in client.get("/").content.decode()
