"""Settings for Overdue Help. One file, in startproject order; every unusual line says why.

Development defaults are safe to run locally. Production reads its values from the environment.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development by default; deploy mode is DJANGO_DEBUG=0 (gunicorn.conf.py sets it).
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
# A fixed key is fine for local development only; deploy mode refuses to start without one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Deploy mode (DJANGO_DEBUG=0) needs a long random secret, "
        'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    # No auth, sessions, admin or database apps: the site keeps no user data.
    "django.contrib.staticfiles",
    "django_htmx",
    "stages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "overdue_help.middleware.extra_security_headers",
    # Answers static files before the rest runs; they come precompressed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Everything past whitenoise may carry answers: Cache-Control: no-store.
    "overdue_help.middleware.no_store",
    # Pages are small but compress ~4x; Django's gzip pads against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Guards any future form that changes something; sets no cookie until a form asks for a token.
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Bad headers and unwanted bodies get a page in the person's language, with every header
    # above; still before any body is read (CSRF reads one later, in its process_view).
    "overdue_help.middleware.refuse_unreadable_requests",
]

ROOT_URLCONF = "overdue_help.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "stages.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "overdue_help.wsgi.application"

# Nothing is stored: no database at all.
DATABASES: dict = {}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
# Dates and deadlines are computed for people in mainland China.
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# collectstatic writes here; tests and the benchmark point it at a temporary folder.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "staticfiles": {
        # Hashed, compressed files in production; plain files while developing and testing.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        # The manifest (staticfiles.json) lists every file: kept beside STATIC_ROOT, not served.
        "OPTIONS": {}
        if DEBUG
        else {"manifest_storage": FileSystemStorage(f"{STATIC_ROOT}-manifest")},
    },
}

# Request bodies: the scam check's form is the only one. A message at its 3,000-character limit
# is at most ~36 KB form-encoded; this leaves room to tell someone their paste is too long,
# and anything larger is refused unread (413, overdue_help/middleware.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 128 * 1024
# No upload handler at all: a file part is never kept, in memory or on disk (multipart is
# refused before parsing anyway; this holds if anything ever parses it).
FILE_UPLOAD_HANDLERS: list[str] = []

# Content (YAML) lives outside the code so authors can edit it without touching Python.
CONTENT_DIR = Path(os.environ.get("OVERDUE_HELP_CONTENT_DIR", BASE_DIR / "content"))

# Strict CSP: only our own files; the one script tag carries a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the site never uses are switched off (overdue_help/middleware.py).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), publickey-credentials-get=(), usb=(), "
    "browsing-topics=()"
)

# Behind a TLS-terminating proxy (DJANGO_HTTPS=1): redirect to https, trust the proxy's
# X-Forwarded-Proto, and send HSTS. Off by default so plain-http local runs keep working.
if os.environ.get("DJANGO_HTTPS") == "1":
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers probe instances over plain http.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_COOKIE_SECURE = True

# Answers live in URLs: never log requests with their query strings (see gunicorn.conf.py too).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Tracebacks and warnings lose any query string and network address (overdue_help/logs.py).
    "filters": {"keep_secrets": {"()": "overdue_help.logs.KeepSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["keep_secrets"]}},
    "loggers": {
        # django.server logs full request lines in runserver; keep it quiet about paths.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}
