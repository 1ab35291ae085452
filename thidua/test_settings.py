"""Settings for the test suite: the real settings with test defaults in the environment.

Tests run against PostgreSQL (DATABASE_URL, default the local server) like production.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="thidua-test-media-"))
# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.pop("CELERY_BROKER_URL", None)  # eager by default; the worker test starts a real one on Redis

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DOCUMENT_FORMATS_CACHE_SECONDS = None  # format settings: loaded once per process (thidua/documents/formats.py)
