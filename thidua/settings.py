"""Settings for Thi đua, read from the environment (12-factor).

Every value has a safe first-run default except SECRET_KEY, which production
(DEBUG off) must provide. Bad values fail loudly at start-up.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = Path(env.str("ENV_FILE", default=str(BASE_DIR / ".env")))  # values already in the environment win
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY, or DEBUG=true for local work."
        )
    SECRET_KEY = _DEV_SECRET
# Seals council ballots while a sitting is open (awards/ballots.py). Do not change it while a sitting is open.
BALLOT_KEY = env.str("BALLOT_KEY", default="")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # with FORM_RENDERER below: templates/django/forms/ overrides widget templates
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "thidua",
    "thidua.documents",
    "units",
    "campaigns",
    "reports",
    "awards",
    "registrations",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thidua.middleware.NulCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.middleware.MethodNotAllowedPageMiddleware",
    "csp.middleware.CSPMiddleware",  # outside the error-page middleware, so its pages carry the policy too
    "thidua.middleware.AppErrorPagesInDebugMiddleware",  # only with DEBUG: the app's 404 page, not Django's
    "thidua.middleware.OutboxNoticeMiddleware",
    "thidua.middleware.PrintFontMissingMiddleware",  # a print without its font: a 503 page naming the fix
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the Vietnamese lockout page
]
# With DEBUG on, Django's technical 404 page (URL list) only when asked for.
DEBUG_TECHNICAL_404 = env.bool("DEBUG_TECHNICAL_404", default=False)
CSRF_FAILURE_VIEW = "thidua.views.csrf_failure"
# `make benchmark` only: a bare one-query view and a query-count header (thidua/benchmark.py). Never in production.
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)
if BENCHMARK_VIEWS:
    MIDDLEWARE.insert(0, "thidua.benchmark.QueryCountMiddleware")

AUTHENTICATION_BACKENDS = [
    "thidua.throttling.ThrottledLoginBackend",  # first: refuses locked accounts and addresses
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: an SQLite file by default so the first run needs nothing installed.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web and eager tasks (or a worker) write at once: WAL, a busy timeout and
    # IMMEDIATE transactions avoid "database is locked" on concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Front-end packages come from npm (package.json) and are served as our own files.
NODE_MODULES = Path(env.str("NODE_MODULES_DIR", default=str(BASE_DIR / "node_modules")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Uploaded and generated files on S3-compatible object storage when S3_BUCKET is set (several web and worker
# machines share them); else the local MEDIA_ROOT folder. Either way they are read only through permission-checked
# views (no public URLs: private objects, short-lived signed URLs only if a URL is ever asked for).
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    _s3_endpoint = env.str("S3_ENDPOINT_URL", default="") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": _s3_endpoint,
            "region_name": env.str("S3_REGION", default="") or None,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, instance role...).
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path" if _s3_endpoint else "") or None,
            "default_acl": None,  # private objects (bucket default)
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,  # a name in use gets a suffix, as on the local disk
            "max_memory_size": 5 * 1024 * 1024,  # downloads larger than this spool to a temporary file
        },
    }
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "backups")))  # manage.py backup
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_SIZE + 1024 * 1024

# A nomination for an emulation title the nominee did not register for (registrations/, awards/eligibility.py):
# "warn" (a finding that needs a written justification), "block" (refused) or "off". One installation serves one
# level (commune, district or province) and practice differs by level, so it is a setting, not catalogue data.
REGISTRATION_CHECK = env.str("REGISTRATION_CHECK", default="warn")
if REGISTRATION_CHECK not in ("warn", "block", "off"):
    raise ImproperlyConfigured("REGISTRATION_CHECK must be warn, block or off.")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Widgets render through TEMPLATES, so the project's templates/django/forms/widgets/ override Django's
# (the empty choice "---------" is shown as "— Chọn —").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console unless an SMTP URL is given.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Thi đua <thidua@localhost>")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Issued documents (thidua/documents): uploads to the public verification page per address and hour; the key that
# encrypts the organisation's PKCS#12 and its passphrase (default: derived from SECRET_KEY).
VERIFY_UPLOADS_PER_HOUR = env.int("VERIFY_UPLOADS_PER_HOUR", default=20)
DOCUMENT_SIGNING_KEY = env.str("DOCUMENT_SIGNING_KEY", default="")

# Celery: without a broker, tasks run eagerly in-process (first run, no Redis).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# PDF rendering keeps memory until the process ends: recycle workers.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=600_000)  # KiB
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis keeps a task taken by a worker that died (acks_late) and hands it out again after this many seconds:
# above the longest build (the hard time limit), or a build still running would be handed to a second worker.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * CELERY_TASK_TIME_LIMIT)
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be above CELERY_TASK_TIME_LIMIT.")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# DatabaseScheduler copies this into its PeriodicTask table when beat starts (setup_schedule).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "subplan-reminders-daily": {
        "task": "campaigns.tasks.send_subplan_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "registration-reminders-daily": {
        "task": "registrations.tasks.send_registration_reminders",
        "schedule": crontab(hour=7, minute=5),
    },
    # Side effects kept while the broker was down (thidua.outbox) go out once it is back.
    "outbox-flush": {"task": "thidua.tasks.flush_outbox", "schedule": 60.0},
}

# HTTPS: behind the TLS proxy (BEHIND_TLS_PROXY=true) cookies are secure, plain HTTP is redirected and HSTS is sent,
# unless each is turned off on its own. /health/ is exempt from the redirect (compose checks it over plain HTTP).
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=BEHIND_TLS_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=BEHIND_TLS_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31536000 if BEHIND_TLS_PROXY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=BEHIND_TLS_PROXY)
SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=BEHIND_TLS_PROXY)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp), always on, DEBUG too: scripts and style sheets only from the app's own
# static files (no inline script, no event-handler attribute: static/js/app.js does confirmations and print);
# style attributes are allowed (progress bars and widths computed on the server), style elements are not.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],  # Bootstrap's form icons are data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes, thidua/throttling.py): LOGIN_FAILURE_LIMIT wrong passwords lock the account
# (from any address) and the address (for any account) for LOGIN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thidua.throttling.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "thidua.throttling.client_ip"
# Behind the proxy the client's address is the last one the proxy appended to X-Forwarded-For.
TRUST_X_FORWARDED_FOR = BEHIND_TLS_PROXY

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO (even on import); thidua/documents/pdf.py listens to its
    # progress logger directly for page progress, so the application log keeps only warnings.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
