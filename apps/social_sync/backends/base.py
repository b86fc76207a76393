"""What every network backend offers and the four kinds of failure the engine understands.

A backend turns one network's API into post / delete / find and each of its error shapes into
one of the classes below; the engine (delivery.py) decides what to do with them. Backends never
retry or sleep: waiting is the engine's job, done by scheduling, not by holding a worker.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from urllib3.exceptions import NameResolutionError, NewConnectionError

# Each network's backend (the networks are listed in apps.news.captions). The setting
# SOCIAL_SYNC_BACKENDS, read when a backend is needed, replaces any of them:
# {"x": "dotted.path.to.Backend"}.
BACKENDS = {
    "x": "apps.social_sync.backends.x.XBackend",
    "facebook": "apps.social_sync.backends.facebook.FacebookBackend",
    "instagram": "apps.social_sync.backends.instagram.InstagramBackend",
    "telegram": "apps.social_sync.backends.telegram.TelegramBackend",
    "dry_run": "apps.social_sync.backends.dry_run.DryRunBackend",
}

# Reconciliation reads a network's recent posts page by page back to the delivery's creation;
# past this many pages (100 posts each) it gives up for now rather than guess.
FIND_MAX_PAGES = 50


class SocialError(Exception):
    """A failure with a message an editor can read (Indonesian)."""

    kind = "permanent"

    def __init__(self, message, *, detail=""):
        super().__init__(message)
        self.message = str(message)
        self.detail = detail  # the network's own words, for the log


class TransientError(SocialError):
    """Worth trying again later.

    ``retry_after`` is the server's hint in seconds (it overrides our backoff).
    ``maybe_sent`` says the request may have reached the network (a timeout after sending,
    a 5xx, a dropped connection): the next attempt must look for the post first.
    """

    kind = "transient"

    def __init__(self, message, *, retry_after=None, maybe_sent=False, detail=""):
        super().__init__(message, detail=detail)
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent


class PermanentError(SocialError):
    """Trying again cannot help (validation, permission, content refused)."""

    kind = "permanent"


class AuthError(SocialError):
    """The account's credentials were refused or are missing: pause the account."""

    kind = "auth"


class DuplicateError(SocialError):
    """The network says this was already posted: look for it rather than post again."""

    kind = "duplicate"


@dataclass
class RemotePost:
    id: str
    url: str = ""


@dataclass
class Image:
    """The image of a post, as the networks need it: a public URL or the file's bytes."""

    url: str
    filename: str
    alt: str = ""
    open: Callable[[], bytes] | None = None


@dataclass
class Post:
    """What one delivery sends.

    ``marker`` is what identifies the post on the network when reading back (the item's
    URL). ``state`` holds what a multi-step post already created (Instagram's container);
    ``remember`` persists it before the next step, so a crash between steps is recoverable.
    """

    text: str
    link: str
    marker: str
    created_at: datetime.datetime
    image: Image | None = None
    state: dict = field(default_factory=dict)
    remember: Callable[[dict], None] = lambda state: None


class SocialBackend:
    """One network. Subclasses set ``can_find`` when the network can be read back."""

    can_find = False
    can_delete = True

    def __init__(self, account, credentials):
        self.account = account
        self.credentials = credentials

    def post(self, post: Post) -> RemotePost:
        raise NotImplementedError

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError

    def find(self, post: Post) -> RemotePost | None:
        """The post already on the network for ``post.marker``, or None if there is none."""
        raise NotImplementedError


def backend_class(network):
    """The backend class of `network`: the one SOCIAL_SYNC_BACKENDS names, or the app's own."""
    paths = {**BACKENDS, **getattr(settings, "SOCIAL_SYNC_BACKENDS", {})}
    return import_string(paths[network])


def get_backend(account):
    """The backend for `account`, with its credentials."""
    return backend_class(account.network)(account, account.credentials())


def timeout():
    return settings.SOCIAL_SYNC_TIMEOUT


def retry_after_seconds(value, *, now=None):
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if value in (None, ""):
        return None
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or timezone.now()
    return max(0.0, (when - now).total_seconds())


def transport_error(exc):
    """Classify a `requests` exception raised before any answer came back.

    A connection that was never opened cannot have posted anything; a read timeout or a
    connection dropped while waiting for the answer may have.
    """
    if isinstance(exc, requests.ConnectTimeout):
        return TransientError(_("Jaringan tidak dapat dihubungi (waktu habis)."), detail=str(exc))
    if isinstance(exc, requests.ConnectionError) and _never_connected(exc):
        return TransientError(_("Jaringan tidak dapat dihubungi."), detail=str(exc))
    if isinstance(exc, requests.Timeout):
        return TransientError(
            _("Jaringan tidak menjawab tepat waktu; kiriman mungkin sudah terkirim."),
            maybe_sent=True,
            detail=str(exc),
        )
    return TransientError(
        _("Sambungan ke jaringan terputus; kiriman mungkin sudah terkirim."),
        maybe_sent=True,
        detail=str(exc),
    )


def _never_connected(exc):
    seen, cause = set(), exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, NewConnectionError | NameResolutionError | ConnectionRefusedError):
            return True
        reason = getattr(cause, "reason", None)
        if isinstance(reason, NewConnectionError | NameResolutionError):
            return True
        nested = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = nested or cause.__cause__ or cause.__context__
    return False


def server_error(status, detail=""):
    return TransientError(
        _("Jaringan sedang bermasalah (HTTP %(status)s); kiriman mungkin sudah terkirim.")
        % {"status": status},
        maybe_sent=True,
        detail=detail,
    )


def rate_limited(retry_after, detail=""):
    return TransientError(
        _("Batas kiriman jaringan tercapai; dicoba lagi nanti."),
        retry_after=retry_after,
        detail=detail,
    )
