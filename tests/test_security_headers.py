"""Security headers: CSP on every page (DEBUG too), and behind the TLS proxy HSTS, the HTTPS redirect and secure
cookies by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def policy(response):
    header = response.headers["Content-Security-Policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip())


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client, settings):
    for url in ("/dang-nhap/", "/khong-co-trang-nay/"):
        directives = policy(client.get(url))
        assert directives["script-src"] == "'self'"  # no inline script, no eval
        assert directives["style-src-elem"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'" and directives["form-action"] == "'self'"


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_event_handler(client, demo):
    """What the policy would block must not be in our pages: <script> without src, on…= attributes."""
    import re

    from django.contrib.auth import get_user_model

    from awards.models import CouncilSession, Nomination

    client.force_login(get_user_model().objects.get(username="vanphong"))
    session = CouncilSession.objects.filter(status="open").first()
    nomination = Nomination.objects.filter(status="submitted").first()
    urls = [
        "/",
        f"/phong-trao/{demo.pk}/",
        f"/phong-trao/{demo.pk}/tong-quan/",
        f"/khen-thuong/hoi-dong/{session.pk}/",
        f"/khen-thuong/de-nghi/{nomination.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url


def settings_from(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "BEHIND_TLS_PROXY", "SECURE_COOKIES")}
    base.update({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "thidua.example.vn", **env})
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='thidua.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_behind_the_tls_proxy_https_is_enforced_by_default():
    assert settings_from(BEHIND_TLS_PROXY="true") == (
        "True 31536000 True True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    assert settings_from() == "False 0 False False False None"
    assert settings_from(BEHIND_TLS_PROXY="true", SECURE_SSL_REDIRECT="false").startswith("False 31536000")


@pytest.mark.django_db
def test_https_redirect_and_hsts_on_a_response(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/dang-nhap/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert client.get("/health/").status_code != 301  # compose's health check stays on plain HTTP
    secure = client.get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Content-Security-Policy" in secure.headers
