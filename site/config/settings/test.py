from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "testserver"]

# SQLite unless TEST_DATABASE_URL names another database (CI points it at PostgreSQL).
DATABASES = {
    "default": env.db("TEST_DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'test-db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = 0

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
