from .base import *  # noqa: F403
from .base import BASE_DIR, env, tune_sqlite

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "testserver"]

# SQLite unless TEST_DATABASE_URL names another database (CI points it at PostgreSQL).
DATABASES = {
    "default": env.db("TEST_DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'test-db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's default in-memory test database: that one is a single connection,
    # which the live server's request threads would share, so the browser tests' concurrent
    # requests (autosave, editing-session pings) could interleave their transactions on it.
    # pytest-xdist gives each worker a file of its own (test-db.sqlite3_gw0...).
    tune_sqlite(DATABASES["default"])
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SECURE_SSL_REDIRECT = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://localhost"
WAGTAILAPI_BASE_URL = "http://localhost"
