"""Django settings, read from the environment through xiaoneng.conf's strict helpers.

Defaults make a fresh clone run at once on SQLite in ./var.
"""

import datetime
from pathlib import Path

from xiaoneng import conf

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = conf.data_dir()

SECRET_KEY = conf.secret_key(DATA_DIR)
DEBUG = conf.env_bool("XIAONENG_DEBUG", False)
ALLOWED_HOSTS = conf.env_list("XIAONENG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = conf.env_list("XIAONENG_CSRF_TRUSTED_ORIGINS", [])
# Only behind a reverse proxy that overwrites X-Forwarded-For may the header name the client.
XIAONENG_TRUST_X_FORWARDED_FOR = conf.env_bool("XIAONENG_TRUST_X_FORWARDED_FOR", False)

# The public portal: who may embed it, how often one address may file and look up, uploads.
XIAONENG_EMBED_ORIGINS = conf.env_list("XIAONENG_EMBED_ORIGINS", [])
XIAONENG_PUBLIC_SUBMIT_RATE = conf.env_rate("XIAONENG_PUBLIC_SUBMIT_RATE", "20/h")
XIAONENG_PUBLIC_LOOKUP_RATE = conf.env_rate("XIAONENG_PUBLIC_LOOKUP_RATE", "30/h")
XIAONENG_UPLOAD_MAX_BYTES = conf.env_int("XIAONENG_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
XIAONENG_UPLOAD_MAX_FILES = conf.env_int("XIAONENG_UPLOAD_MAX_FILES", 5)
XIAONENG_UPLOAD_STAGING_HOURS = conf.env_int("XIAONENG_UPLOAD_STAGING_HOURS", 6)
# Enforcement evidence (photos, video, signed records) is kept byte for byte, so its limit is larger.
XIAONENG_EVIDENCE_MAX_BYTES = conf.env_int("XIAONENG_EVIDENCE_MAX_BYTES", 200 * 1024 * 1024)

# The Snail Award (docs/snail.md): when a matter becomes a candidate, when a rectification has failed.
XIAONENG_SNAIL_OVERDUE_WORKDAYS = conf.env_int("XIAONENG_SNAIL_OVERDUE_WORKDAYS", 10)
XIAONENG_SNAIL_RECTIFICATION_GRACE = conf.env_int("XIAONENG_SNAIL_RECTIFICATION_GRACE", 5)
XIAONENG_SNAIL_ACCOUNTABILITY_FORM = conf.env_str("XIAONENG_SNAIL_ACCOUNTABILITY_FORM", "critical_notice")
XIAONENG_SNAIL_ACCOUNTABILITY_CLAUSE = conf.env_str("XIAONENG_SNAIL_ACCOUNTABILITY_CLAUSE", "")

# Notification channels; a channel left unset gets no deliveries (docs/notifications.md).
XIAONENG_SITE_URL = conf.env_str("XIAONENG_SITE_URL", "")
XIAONENG_SMTP_HOST = conf.env_str("XIAONENG_SMTP_HOST", "")
XIAONENG_SMTP_PORT = conf.env_int("XIAONENG_SMTP_PORT", 25)
XIAONENG_SMTP_USER = conf.env_str("XIAONENG_SMTP_USER", "")
XIAONENG_SMTP_PASSWORD = conf.env_str("XIAONENG_SMTP_PASSWORD", "")
XIAONENG_SMTP_STARTTLS = conf.env_bool("XIAONENG_SMTP_STARTTLS", False)
XIAONENG_SMTP_SSL = conf.env_bool("XIAONENG_SMTP_SSL", False)
XIAONENG_MAIL_FROM = conf.env_str("XIAONENG_MAIL_FROM", "xiaoneng@localhost")
XIAONENG_SMS_URL = conf.env_str("XIAONENG_SMS_URL", "")
XIAONENG_SMS_TOKEN = conf.env_str("XIAONENG_SMS_TOKEN", "")
XIAONENG_WECHAT_WEBHOOK_URL = conf.env_str("XIAONENG_WECHAT_WEBHOOK_URL", "")

INSTALLED_APPS = [
    "xiaoneng.web",
    "xiaoneng.org",
    "xiaoneng.calendar",
    "xiaoneng.audit",
    "xiaoneng.trace",
    "xiaoneng.matters",
    "xiaoneng.scoring",
    "xiaoneng.complaints",
    "xiaoneng.api",
    "xiaoneng.open311",
    "xiaoneng.search",
    "xiaoneng.inspections",
    "xiaoneng.procedures",
    "xiaoneng.documents",
    "xiaoneng.notifications",
    "xiaoneng.commitments",
    "xiaoneng.achievements",
    "xiaoneng.outreach",
    "xiaoneng.enterprises",
    "xiaoneng.activities",
    "xiaoneng.windows",
    "xiaoneng.assessment",
    "xiaoneng.evaluations",
    "xiaoneng.snail",
    "xiaoneng.accountability",
    "xiaoneng.notices",
    "xiaoneng.bulletin",
    "xiaoneng.reports",
    "xiaoneng.dispatch",
    "xiaoneng.demo",
    "xiaoneng.backups",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",  # serves the API docs page's Swagger UI from its own static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xiaoneng.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "xiaoneng.web.middleware.SessionIdleMiddleware",
    "xiaoneng.web.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

# internal: every route (the government network); public: public pages and APIs only (internet).
XIAONENG_ZONE = conf.env_choice("XIAONENG_ZONE", "internal", ("internal", "public"))
ROOT_URLCONF = "xiaoneng.urls_public" if XIAONENG_ZONE == "public" else "xiaoneng.urls"
WSGI_APPLICATION = "xiaoneng.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xiaoneng.web.nav.navigation",
            ],
        },
    },
]

DATABASES = {"default": conf.database(DATA_DIR)}
# The database cache is shared by every server process (rate limits must be); no extra service.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "xiaoneng_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 4},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": conf.env_int("XIAONENG_PASSWORD_MIN_LENGTH", 10)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 等保 2.0: passwords of some complexity, i.e. several kinds of character.
    {"NAME": "xiaoneng.org.passwords.CharacterKindsValidator", "OPTIONS": {"kinds": 3}},
]
# Login failures (django-axes, counted in the database so every worker shares them): this many
# failures lock the account, and separately the client address, for the cool-off time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = conf.env_int("XIAONENG_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=conf.env_int("XIAONENG_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "xiaoneng.web.auth_views.locked_out"
AXES_CLIENT_IP_CALLABLE = "xiaoneng.audit.log.client_ip"
AXES_VERBOSE = False
# The second factor (django-otp, TOTP): mandatory for these roles, optional for the others.
XIAONENG_SECOND_FACTOR_ROLES = conf.env_list(
    "XIAONENG_SECOND_FACTOR_ROLES",
    ["center_admin", "center_staff", "system_admin", "security_admin", "audit_admin"],
)
OTP_TOTP_ISSUER = conf.env_str("XIAONENG_OTP_ISSUER", "效能")
# Sessions end after this much idleness (SessionIdleMiddleware), and in any case after a day.
XIAONENG_SESSION_IDLE_MINUTES = conf.env_int("XIAONENG_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = 24 * 3600
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
# Behind HTTPS (XIAONENG_HTTPS=true, as in production): secure cookies, redirect plain HTTP, HSTS,
# and the proxy's X-Forwarded-Proto believed when the proxy is trusted.
XIAONENG_HTTPS = conf.env_bool("XIAONENG_HTTPS", False)
SESSION_COOKIE_SECURE = XIAONENG_HTTPS or conf.env_bool("XIAONENG_SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = XIAONENG_HTTPS
SECURE_HSTS_SECONDS = conf.env_int("XIAONENG_HSTS_SECONDS", 31536000) if XIAONENG_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = XIAONENG_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
if XIAONENG_HTTPS and XIAONENG_TRUST_X_FORWARDED_FOR:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# No page is framed, not even by this site; the public pages lift this for the county portal
# with CSP frame-ancestors (xiaoneng.web.public.public_page).
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": conf.env_str("XIAONENG_LOG_LEVEL", "INFO")},
}
