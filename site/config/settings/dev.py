from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Throwaway key for a developer's machine; production.py refuses to start without its own.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1"])
