"""Settings shared by every environment.

The environment is read here and only here, through django-environ. Nothing in this
module holds a secret: the development key lives in ``dev.py`` and production refuses
to start without one (see ``production.py``).
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

# site/config/settings/base.py -> the repository root is three levels up from config/.
CONFIG_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = CONFIG_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "apps.core",
    "apps.news",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "django_social_share",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # After wagtail.admin: their ready() replaces some of Wagtail's signal receivers
    # (synchronous notification mails), which must be connected first to be removed.
    "apps.sop_audit",
    "apps.social_sync",
    # On top of every other app: the demo loader uses them all, and none of them uses it.
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "apps.core.middleware.RejectNulBytesMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before sessions and auth: a cache hit for an anonymous reader needs neither.
    "apps.core.page_cache.AnonymousPageCacheMiddleware",
    "apps.core.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def tune_sqlite(database):
    """Let a SQLite file serve the web process and the worker at once, as PostgreSQL would.

    WAL lets readers go on while one writes; IMMEDIATE takes the write lock when a transaction
    starts, so a transaction that reads then writes waits for the lock (up to the timeout)
    instead of failing at once with "database is locked".
    """
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return database
    database["CONN_MAX_AGE"] = 0
    database["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    return database


DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
tune_sqlite(DATABASES["default"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "warta",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_DIRS = [BASE_DIR / "static_src"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work, Wagtail's own indexing included, goes through the database queue.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Periodic tasks the worker enqueues on its own clock (apps/core/management/commands/run_worker.py).
WARTA_PERIODIC_TASKS = [
    ("apps.core.tasks.record_heartbeat", 30),
    ("apps.social_sync.sweep.sweep", 60),
    ("apps.sop_audit.tasks.send_step_warnings", 60),
    # Scheduled publications and expiries (Wagtail's publish_scheduled), on the SOP's terms.
    ("apps.sop_audit.tasks.publish_due", 60),
]
WARTA_WORKER_STALE_AFTER = 120  # seconds without a heartbeat before /healthz says so

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Warta <warta@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(api|feeds)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Anonymous page cache, invalidated on every publish (apps.core.page_cache).
WARTA_PAGE_CACHE_SECONDS = env.int("WARTA_PAGE_CACHE_SECONDS", default=300)
WARTA_PAGE_CACHE_SKIP_PREFIXES = [
    "/admin/",
    "/healthz/",
    "/ping/",
    "/documents/",
    "/cari/",
    "/static/",
    "/media/",
]

# Wagtail
WAGTAIL_SITE_NAME = "Warta"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILIMAGES_IMAGE_MODEL = "core.WartaImage"
WAGTAILDOCS_DOCUMENT_MODEL = "wagtaildocs.Document"
WAGTAILSEARCH_BACKENDS = {
    # Picks PostgreSQL full-text search when the database is PostgreSQL.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: every admin page would send a hash of the official's e-mail address to a third
# party, and where that host cannot be reached the browser holds the page's load event until
# the lookup gives up. Wagtail shows its default avatar, or the one the user uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_FINISH_WORKFLOW_ACTION = "apps.sop_audit.publishing.publish_through_sop"
WAGTAILAPI_BASE_URL = env.str("WAGTAILAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_SEARCH_ENABLED = True

# Uploads: an allow-list of formats, a byte limit and a pixel limit. Wagtail checks the
# real content against the extension and refuses what Pillow would treat as a
# decompression bomb once the pixel count is past WAGTAILIMAGES_MAX_IMAGE_PIXELS.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "csv",
    "txt",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Images and documents that live or in-review SOP news uses are not edited in place
# (apps/sop_audit/media.py): their edit forms refuse and say to upload a new one.
WAGTAILIMAGES_IMAGE_FORM_BASE = "apps.sop_audit.media.SopImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "apps.sop_audit.media.SopDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Social sync (apps.social_sync). Credentials are not settings: each account names the prefix
# of its environment variables (see .env.example). Each network's backend is the app's own
# (apps.social_sync.backends.base.BACKENDS); SOCIAL_SYNC_BACKENDS = {"x": "dotted.path"}
# replaces the ones it names.
SOCIAL_SYNC_TIMEOUT = env.float("SOCIAL_SYNC_TIMEOUT", default=10.0)  # seconds, every call
SOCIAL_SYNC_GRAPH_API_VERSION = "v25.0"  # pinned; change deliberately, after testing
SOCIAL_SYNC_GRAPH_URL = env.str("SOCIAL_SYNC_GRAPH_URL", default="https://graph.facebook.com")
SOCIAL_SYNC_TELEGRAM_URL = env.str("SOCIAL_SYNC_TELEGRAM_URL", default="https://api.telegram.org")
SOCIAL_SYNC_X_API_URL = env.str("SOCIAL_SYNC_X_API_URL", default="")  # empty: X's own hosts
# Container status checks per attempt, seconds apart.
SOCIAL_SYNC_INSTAGRAM_POLL = (
    env.int("SOCIAL_SYNC_INSTAGRAM_POLLS", default=10),
    env.float("SOCIAL_SYNC_INSTAGRAM_POLL_INTERVAL", default=3.0),
)
# Seconds before the 2nd attempt, doubled each time, jittered; capped.
SOCIAL_SYNC_BACKOFF_BASE = env.float("SOCIAL_SYNC_BACKOFF_BASE", default=30)
SOCIAL_SYNC_BACKOFF_CAP = env.float("SOCIAL_SYNC_BACKOFF_CAP", default=3600)
SOCIAL_SYNC_MAX_ATTEMPTS = 10
SOCIAL_SYNC_MAX_AGE = 2 * 24 * 3600  # an item not out by then is not posted late
# Seconds after which a claim belongs to a worker that died.
SOCIAL_SYNC_LEASE = env.float("SOCIAL_SYNC_LEASE", default=300)
SOCIAL_SYNC_SWEEP_BATCH = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
