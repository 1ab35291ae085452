"""Every link on the commendation pages opens for the user who sees it (no 403/404 behind a link)."""

import re
from html import unescape
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from awards import selectors

pytestmark = pytest.mark.django_db

ROLES = ["vanphong", "chiengmung", "chiengmung_vt", "conoi", "hoidong"]
HREF = re.compile(r'href="([^"]+)"')
SKIP = ("/static/", "/admin/", "#", "mailto:", "javascript:")


def links(html, base):
    for raw in HREF.findall(html):
        href = unescape(raw)
        if href.startswith(SKIP):
            continue
        url = urljoin(base, href)
        parsed = urlparse(url)
        if parsed.netloc and parsed.netloc != "testserver":
            continue
        yield parsed.path + (f"?{parsed.query}" if parsed.query else "")


def start_pages(user, campaign):
    pages = [
        "/",
        reverse("campaigns:detail", args=[campaign.pk]),
        reverse("awards:registry"),
        reverse("awards:sessions"),
        reverse("awards:statistics"),
        reverse("awards:campaign", args=[campaign.pk]),
        reverse("awards:proposal_upward", args=[campaign.pk]),
    ]
    pages += [
        reverse("awards:nomination", args=[pk]) for pk in selectors.nominations_for(user).values_list("pk", flat=True)
    ]
    pages += [
        reverse("awards:decision", args=[pk]) for pk in selectors.decisions_for(user).values_list("pk", flat=True)
    ]
    pages += [reverse("awards:session", args=[pk]) for pk in selectors.sessions_for(user).values_list("pk", flat=True)]
    return pages


def test_no_link_leads_to_a_403_or_404(demo):
    broken = []
    for username in ROLES:
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        seen = set()
        for page in start_pages(user, demo):
            response = client.get(page)
            if response.status_code != 200:
                continue  # a start page the role may not open is not linked for it (checked below)
            for url in links(response.content.decode(), page):
                if url in seen or (not page.startswith("/khen-thuong/") and not url.startswith("/khen-thuong/")):
                    continue  # on other apps' pages only the commendation links are ours to check
                seen.add(url)
                status = client.get(url).status_code
                if status in (403, 404) or status >= 500:
                    broken.append((username, page, url, status))
    assert broken == []


def test_council_member_nomination_page_links(demo, client):
    """hoidong opens a nomination of the session: no link back to the campaign list or to the decision."""
    user = get_user_model().objects.get(username="hoidong")
    client.force_login(user)
    nomination = selectors.nominations_for(user).exclude(decision=None).first()
    assert nomination is not None
    html = client.get(reverse("awards:nomination", args=[nomination.pk])).content.decode()
    assert reverse("awards:campaign", args=[demo.pk]) not in html
    assert reverse("awards:decision", args=[nomination.decision_id]) not in html
    assert reverse("awards:session", args=[nomination.session_id]) in html


def test_unit_sees_only_its_own_certificates_on_a_decision(demo, client):
    from awards.models import Award

    user = get_user_model().objects.get(username="chiengmung")
    client.force_login(user)
    decision = Award.objects.filter(proposer__code="du-chieng-mung").first().decision
    html = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    own = Award.objects.filter(decision=decision, proposer__code="du-chieng-mung")
    others = Award.objects.filter(decision=decision).exclude(proposer__code="du-chieng-mung")
    assert own.exists() and others.exists()
    assert all(reverse("awards:certificate", args=[a.pk]) in html for a in own)
    assert not any(reverse("awards:certificate", args=[a.pk]) in html for a in others)
