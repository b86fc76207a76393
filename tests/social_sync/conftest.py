"""Fakes of the four networks at the HTTP layer, and accounts of the Diskominfostandi site.

Every network is answered by ``responses`` with the bodies the real APIs send (success and
error shapes from docs/social-apis.md and the networks' documentation); nothing of ours is
mocked. Credentials come from environment variables, as in production.
"""

import json

import pytest
import responses
from django.conf import settings

from apps.social_sync.models import SocialAccount

X_API = "https://api.twitter.com"
X_UPLOAD = "https://upload.twitter.com/1.1/media/upload.json"
X_METADATA = "https://upload.twitter.com/1.1/media/metadata/create.json"
X_TWEETS = f"{X_API}/2/tweets"
X_USER_ID = "1234567890"
X_TIMELINE = f"{X_API}/2/users/{X_USER_ID}/tweets"
TELEGRAM_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
TELEGRAM_API = f"https://api.telegram.org/bot{TELEGRAM_TOKEN}"
FB_PAGE_ID = "104857600"
IG_USER_ID = "17841400008460056"

CREDENTIALS = {
    "SOCIAL_UJI_X_CONSUMER_KEY": "ck",
    "SOCIAL_UJI_X_CONSUMER_SECRET": "cs",
    "SOCIAL_UJI_X_ACCESS_TOKEN": "at",
    "SOCIAL_UJI_X_ACCESS_TOKEN_SECRET": "ats",
    "SOCIAL_UJI_X_USER_ID": X_USER_ID,
    "SOCIAL_UJI_FB_PAGE_ID": FB_PAGE_ID,
    "SOCIAL_UJI_FB_ACCESS_TOKEN": "EAAGpage",
    "SOCIAL_UJI_IG_IG_USER_ID": IG_USER_ID,
    "SOCIAL_UJI_IG_ACCESS_TOKEN": "EAAGig",
    "SOCIAL_UJI_TG_BOT_TOKEN": TELEGRAM_TOKEN,
    "SOCIAL_UJI_TG_CHAT_ID": "@kominfobekasi",
}
PREFIXES = {
    "x": "SOCIAL_UJI_X",
    "facebook": "SOCIAL_UJI_FB",
    "instagram": "SOCIAL_UJI_IG",
    "telegram": "SOCIAL_UJI_TG",
    "dry_run": "",
}


def graph(path):
    return f"https://graph.facebook.com/{settings.SOCIAL_SYNC_GRAPH_API_VERSION}/{path}"


# Real answers ----------------------------------------------------------------------------------


def x_media_body():
    return {
        "media_id": 710511363345354753,
        "media_id_string": "710511363345354753",
        "size": 11065,
        "expires_after_secs": 86400,
        "image": {"image_type": "image/jpeg", "w": 800, "h": 450},
    }


def x_tweet_body(tweet_id="1445880548472328192", text="..."):
    return {"data": {"id": tweet_id, "text": text, "edit_history_tweet_ids": [tweet_id]}}


def x_problem(status, title, detail, type_="about:blank"):
    return {"title": title, "detail": detail, "type": type_, "status": status}


X_DUPLICATE = x_problem(
    403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
)
X_UNAUTHORIZED = x_problem(401, "Unauthorized", "Unauthorized")
X_TOO_MANY = x_problem(429, "Too Many Requests", "Too Many Requests")
X_UNAVAILABLE = x_problem(503, "Service Unavailable", "Service Unavailable")
X_INVALID = {
    "errors": [
        {
            "parameters": {"text": ["a" * 10]},
            "message": "The text of your Tweet is too long.",
        }
    ],
    "title": "Invalid Request",
    "detail": "One or more parameters to your request was invalid.",
    "type": "https://api.twitter.com/2/problems/invalid-request",
}


def x_timeline_body(tweet_id, expanded_url):
    return {
        "data": [
            {
                "id": tweet_id,
                "text": "Judul https://t.co/AbCdEf123",
                "edit_history_tweet_ids": [tweet_id],
                "created_at": "2026-03-02T03:00:05.000Z",
                "entities": {
                    "urls": [
                        {
                            "start": 6,
                            "end": 29,
                            "url": "https://t.co/AbCdEf123",
                            "expanded_url": expanded_url,
                            "display_url": expanded_url.split("://", 1)[-1][:20] + "…",
                        }
                    ]
                },
            }
        ],
        "meta": {"result_count": 1, "newest_id": tweet_id, "oldest_id": tweet_id},
    }


def graph_error(code, message, *, subcode=None, transient=None, type_="OAuthException"):
    error = {"message": message, "type": type_, "code": code, "fbtrace_id": "AzQ8rW1nB2x"}
    if subcode is not None:
        error["error_subcode"] = subcode
    if transient is not None:
        error["is_transient"] = transient
    return {"error": error}


GRAPH_TOKEN_EXPIRED = graph_error(
    190,
    "Error validating access token: Session has expired on Tuesday, 03-Mar-26 04:00:00 PST.",
    subcode=463,
)
GRAPH_RATE_LIMIT = graph_error(4, "(#4) Application request limit reached", transient=True)
GRAPH_DUPLICATE = graph_error(506, "Duplicate status message", subcode=1455006)
GRAPH_PERMISSION = graph_error(
    200, "(#200) The user hasn't authorized the application to perform this action"
)
GRAPH_UNKNOWN = graph_error(
    2, "An unexpected error has occurred. Please retry your request later.", transient=True
)
IG_TOO_LARGE = graph_error(36003, "The image size is too large.", subcode=2207004, transient=False)
IG_EXPIRED = graph_error(-1, "The media container has expired.", subcode=2207020)


def telegram_message(message_id=42, *, photo=True):
    chat = {"id": -1001234567890, "title": "Kominfo Bekasi", "username": "kominfobekasi"}
    result = {
        "message_id": message_id,
        "sender_chat": {**chat, "type": "channel"},
        "chat": {**chat, "type": "channel"},
        "date": 1772420405,
    }
    if photo:
        result["photo"] = [
            {
                "file_id": "AgACAgUAAx0",
                "file_unique_id": "AQADb7",
                "file_size": 1234,
                "width": 90,
                "height": 51,
            }
        ]
        result["caption"] = "..."
    else:
        result["text"] = "..."
    return {"ok": True, "result": result}


def telegram_error(code, description, retry_after=None):
    body = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


# Fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def social_settings(settings, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.SOCIAL_SYNC_INSTAGRAM_POLL = (3, 0)
    settings.SOCIAL_SYNC_X_API_URL = ""
    settings.SOCIAL_SYNC_GRAPH_URL = "https://graph.facebook.com"
    settings.SOCIAL_SYNC_TELEGRAM_URL = "https://api.telegram.org"
    return settings


@pytest.fixture
def fake():
    """The networks. Any request nobody registered an answer for fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def social_account(kominfo):
    def make(network, name=None, **fields):
        return SocialAccount.objects.create(
            site=kominfo.site,
            network=network,
            name=name or f"Uji {network}",
            credentials_env=PREFIXES[network],
            **fields,
        )

    return make


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a news item (or a page already made) as Wagtail does, then run what was
    handed to the worker after commit (the test settings' tasks run immediately)."""

    def run(agency, title=None, *, page=None, execute=True, **fields):
        if page is None:
            page = agency.publish_news(title, publish=False, **fields)
        with django_capture_on_commit_callbacks(execute=execute):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return run


def sent_json(call):
    return json.loads(call.request.body)


def form(call):
    from urllib.parse import parse_qs

    body = call.request.body
    if isinstance(body, bytes):
        body = body.decode()
    return {key: values[0] for key, values in parse_qs(body).items()}
