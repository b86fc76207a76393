"""A Telegram channel through the Bot API (plain requests).

``sendPhoto`` (the image uploaded, so it need not be publicly reachable; caption up to 1024
characters) or ``sendMessage`` (text up to 4096), both in HTML parse mode. A channel cannot be
read back by a bot, so an attempt whose outcome is unknown is flagged for a person.
"""

import html

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from .base import (
    AuthError,
    PermanentError,
    Post,
    RemotePost,
    SocialBackend,
    rate_limited,
    server_error,
    timeout,
    transport_error,
)


class TelegramBackend(SocialBackend):
    can_find = False

    @property
    def chat_id(self):
        return self.credentials["chat_id"]

    def post(self, post: Post) -> RemotePost:
        text = html.escape(post.text, quote=False)
        if post.image is not None:
            data = {"chat_id": self.chat_id, "caption": text, "parse_mode": "HTML"}
            files = None
            if post.image.open is not None:
                files = {"photo": (post.image.filename, post.image.open())}
            else:
                data["photo"] = post.image.url
            result = self.call("sendPhoto", data=data, files=files)
        else:
            result = self.call(
                "sendMessage", data={"chat_id": self.chat_id, "text": text, "parse_mode": "HTML"}
            )
        message_id = str(result["message_id"])
        username = (result.get("chat") or {}).get("username")
        url = f"https://t.me/{username}/{message_id}" if username else ""
        return RemotePost(id=message_id, url=url)

    def delete(self, remote_id):
        self.call("deleteMessage", data={"chat_id": self.chat_id, "message_id": remote_id})

    def call(self, method, *, data, files=None):
        token = self.credentials["bot_token"]
        base = settings.SOCIAL_SYNC_TELEGRAM_URL.rstrip("/")
        try:
            response = requests.post(
                f"{base}/bot{token}/{method}", data=data, files=files, timeout=timeout()
            )
        except requests.RequestException as exc:
            error = transport_error(exc)
            # requests puts the URL, and with it the bot token, into its messages.
            error.detail = error.detail.replace(token, "<token>")
            raise error from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.ok and body.get("ok"):
            return body["result"]
        raise classify(response, body)


def classify(response, body):
    code = body.get("error_code") or response.status_code
    description = body.get("description", "")
    detail = f"{code}: {description}"
    if code == 429:
        retry_after = (body.get("parameters") or {}).get("retry_after")
        return rate_limited(retry_after, detail=detail)
    if code == 401:
        return AuthError(_("Token bot Telegram ditolak; akun dijeda."), detail=detail)
    if code == 403:
        # The bot was removed from the channel or lost its right to post: nothing sent to
        # this channel can succeed until someone fixes it.
        return AuthError(
            _("Bot Telegram tidak berhak mengirim ke kanal ini; akun dijeda."), detail=detail
        )
    if code >= 500 or response.status_code >= 500:
        return server_error(code, detail=detail)
    return PermanentError(
        _("Telegram menolak kiriman: %(description)s") % {"description": description},
        detail=detail,
    )
