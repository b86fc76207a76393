"""An X account through tweepy 4.17, OAuth 1.0a user context (keys that do not expire).

Posting is two calls: the image through the v1.1 upload (``API.media_upload``), then the post
through v2 (``Client.create_tweet``). tweepy's ``Client`` sends without any timeout and lets
`requests` errors through, ``API`` wraps them in ``TweepyException``; both get a session that
applies SOCIAL_SYNC_TIMEOUT. Neither is allowed to wait or retry on its own.
"""

import datetime
import io

import requests
import tweepy
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .base import (
    FIND_MAX_PAGES,
    AuthError,
    DuplicateError,
    PermanentError,
    Post,
    RemotePost,
    SocialBackend,
    SocialError,
    TransientError,
    rate_limited,
    server_error,
    timeout,
    transport_error,
)

DUPLICATE_MESSAGE = "duplicate content"
DUPLICATE_CODE = 187
HOSTS = ("https://api.twitter.com", "https://upload.twitter.com")


class XSession(requests.Session):
    """Every request with our timeout; the API host swapped when SOCIAL_SYNC_X_API_URL is set
    (tweepy hard-codes it), which is how the benchmarks point X at a local fake."""

    def request(self, method, url, *args, **kwargs):
        kwargs["timeout"] = timeout()
        override = settings.SOCIAL_SYNC_X_API_URL
        if override:
            for host in HOSTS:
                if url.startswith(host):
                    url = override.rstrip("/") + url[len(host) :]
                    break
        return super().request(method, url, *args, **kwargs)


class XBackend(SocialBackend):
    can_find = True

    def __init__(self, account, credentials):
        super().__init__(account, credentials)
        keys = (
            credentials["consumer_key"],
            credentials["consumer_secret"],
            credentials["access_token"],
            credentials["access_token_secret"],
        )
        self.client = tweepy.Client(*keys)
        self.client.session = XSession()
        # retry_count=0 and no wait_on_rate_limit: the engine schedules retries itself.
        self.api = tweepy.API(tweepy.OAuth1UserHandler(*keys), retry_count=0, timeout=timeout())
        self.api.session = XSession()

    def post(self, post: Post) -> RemotePost:
        media_ids = None
        if post.image is not None:
            media_ids = [self.upload(post.image)]
        with translate_errors(maybe_sent=True):
            response = self.client.create_tweet(text=post.text, media_ids=media_ids, user_auth=True)
        tweet_id = str(response.data["id"])
        return RemotePost(id=tweet_id, url=permalink(tweet_id))

    def upload(self, image):
        """Upload the image and return its media id. Kept in one function: X is retiring the
        v1.1 upload for some tiers, and only this needs to change when it does."""
        with translate_errors(maybe_sent=False):
            media = self.api.media_upload(image.filename, file=io.BytesIO(image.open()))
            if image.alt:
                self.api.create_media_metadata(media.media_id_string, image.alt[:1000])
        return media.media_id_string

    def delete(self, remote_id):
        with translate_errors(maybe_sent=False):
            self.client.delete_tweet(remote_id, user_auth=True)

    def find(self, post: Post):
        """The account's tweet carrying the item's link, since the delivery was made.

        Every page of the timeline back to then is read: a busy account may have posted more
        than a page since, and missing the tweet here would post it twice.
        """
        start_time = (
            (post.created_at - datetime.timedelta(minutes=5))
            .astimezone(datetime.UTC)
            .strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        with translate_errors(maybe_sent=False):
            user_id = self.credentials.get("user_id")
            if not user_id:
                user_id = self.client.get_me(user_auth=True).data.id
            token = None
            for _page in range(FIND_MAX_PAGES):
                response = self.client.get_users_tweets(
                    user_id,
                    start_time=start_time,
                    max_results=100,
                    tweet_fields=["entities", "created_at"],
                    pagination_token=token,
                    user_auth=True,
                )
                found = _matching_tweet(response.data or [], post.marker)
                if found is not None:
                    return found
                token = (response.meta or {}).get("next_token")
                if not token:
                    return None
        raise TransientError(
            _("Linimasa X terlalu panjang untuk diperiksa; dicoba lagi nanti."), maybe_sent=True
        )


def _matching_tweet(tweets, marker):
    for tweet in tweets:
        tweet = tweet.data  # tweepy.Tweet keeps the raw JSON object here
        urls = (tweet.get("entities") or {}).get("urls") or []
        for url in urls:
            if marker in (url.get("expanded_url"), url.get("unwound_url")):
                return RemotePost(id=str(tweet["id"]), url=permalink(tweet["id"]))
        if marker in tweet.get("text", ""):
            return RemotePost(id=str(tweet["id"]), url=permalink(tweet["id"]))
    return None


def permalink(tweet_id):
    return f"https://x.com/i/web/status/{tweet_id}"


class translate_errors:
    """Turn whatever tweepy or requests raises into our error classes."""

    def __init__(self, *, maybe_sent):
        self.maybe_sent = maybe_sent

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, SocialError):
            return False
        error = classify(exc, maybe_sent=self.maybe_sent)
        if error is None:
            return False
        raise error from exc


def classify(exc, *, maybe_sent):
    if isinstance(exc, tweepy.TooManyRequests):
        retry_after = None
        if exc.reset_time is not None:
            retry_after = max(0, exc.reset_time - timezone.now().timestamp())
        return rate_limited(retry_after, detail=str(exc))
    if isinstance(exc, tweepy.Unauthorized):
        return AuthError(
            _("Kredensial X ditolak; akun dijeda sampai kunci diperbarui."), detail=str(exc)
        )
    if isinstance(exc, tweepy.Forbidden):
        messages = " ".join(exc.api_messages).lower()
        if DUPLICATE_MESSAGE in messages or DUPLICATE_CODE in exc.api_codes:
            return DuplicateError(_("X menyebut kiriman ini duplikat."), detail=str(exc))
        return PermanentError(
            _("X menolak kiriman: %(message)s") % {"message": " ".join(exc.api_messages)},
            detail=str(exc),
        )
    if isinstance(exc, tweepy.TwitterServerError):
        error = server_error(exc.response.status_code, detail=str(exc))
        error.maybe_sent = maybe_sent
        return error
    if isinstance(exc, tweepy.HTTPException):
        return PermanentError(
            _("X menolak kiriman: %(message)s")
            % {"message": " ".join(exc.api_messages) or exc.response.status_code},
            detail=str(exc),
        )
    if isinstance(exc, requests.RequestException):
        error = transport_error(exc)
    elif isinstance(exc, tweepy.TweepyException) and isinstance(
        exc.__context__, requests.RequestException
    ):
        error = transport_error(exc.__context__)  # API wraps the requests error
    else:
        return None
    if not maybe_sent and isinstance(error, TransientError):
        error.maybe_sent = False
    return error
