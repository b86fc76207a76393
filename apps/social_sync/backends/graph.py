"""The Graph API, shared by the Facebook Page and Instagram backends: one pinned version,
one timeout, and one reading of its error body.

Error body: ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id",
"is_transient"}}``. Codes per docs/social-apis.md.
"""

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from .base import (
    AuthError,
    DuplicateError,
    PermanentError,
    TransientError,
    rate_limited,
    retry_after_seconds,
    server_error,
    timeout,
    transport_error,
)

RATE_LIMIT_CODES = {4, 17, 32, 613}
# Throttling and spam-prevention blocks: nothing was posted, wait and try again.
TRANSIENT_NOT_SENT_CODES = {341, 368}
# "Unknown error" / "service temporarily unavailable": the post may or may not exist.
TRANSIENT_UNKNOWN_CODES = {1, 2}
AUTH_CODES = {190}
DUPLICATE_CODES = {506}
PERMISSION_CODES = {10, *range(200, 300)}

# Instagram content publishing subcodes.
IG_RETRY_SUBCODES = {2207003, 2207001, 2207032}
IG_CONTAINER_EXPIRED = 2207020
IG_PERMANENT_SUBCODES = {2207004}


class ContainerExpired(TransientError):
    """Instagram forgot the container: make a new one."""


def graph_url(path):
    base = settings.SOCIAL_SYNC_GRAPH_URL.rstrip("/")
    return f"{base}/{settings.SOCIAL_SYNC_GRAPH_API_VERSION}/{path.lstrip('/')}"


def call(method, path, *, token, params=None, data=None):
    """One Graph request; the decoded JSON on success, a classified error otherwise."""
    params = dict(params or {})
    payload = None
    if method == "GET" or method == "DELETE":
        params["access_token"] = token
    else:
        payload = {**(data or {}), "access_token": token}
    try:
        response = requests.request(
            method, graph_url(path), params=params, data=payload, timeout=timeout()
        )
    except requests.RequestException as exc:
        raise transport_error(exc) from exc
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.ok and isinstance(body, dict) and "error" not in body:
        return body
    raise classify(response, body)


def classify(response, body):
    error = (body or {}).get("error") if isinstance(body, dict) else None
    status = response.status_code
    if not isinstance(error, dict):
        if status >= 500:
            return server_error(status, detail=response.text[:500])
        if status == 429:
            return rate_limited(retry_after_seconds(response.headers.get("Retry-After")))
        return PermanentError(
            _("Jaringan menolak kiriman (HTTP %(status)s).") % {"status": status},
            detail=response.text[:500],
        )
    code = error.get("code")
    subcode = error.get("error_subcode")
    detail = f"{code}/{subcode}: {error.get('message', '')} ({error.get('fbtrace_id', '')})"
    hint = retry_after_seconds(response.headers.get("Retry-After"))
    if code in AUTH_CODES:
        return AuthError(
            _("Token akses ditolak atau kedaluwarsa; akun dijeda sampai token diperbarui."),
            detail=detail,
        )
    if subcode == IG_CONTAINER_EXPIRED:
        return ContainerExpired(_("Kontainer Instagram kedaluwarsa; dibuat ulang."), detail=detail)
    if subcode in IG_RETRY_SUBCODES:
        return TransientError(
            _("Instagram gagal memproses gambar; dicoba lagi nanti."),
            retry_after=hint,
            detail=detail,
        )
    if subcode in IG_PERMANENT_SUBCODES:
        return PermanentError(_("Gambar terlalu besar untuk Instagram."), detail=detail)
    if code in DUPLICATE_CODES:
        return DuplicateError(_("Jaringan menyebut kiriman ini duplikat."), detail=detail)
    if code in RATE_LIMIT_CODES or code in TRANSIENT_NOT_SENT_CODES:
        return rate_limited(hint, detail=detail)
    if code in TRANSIENT_UNKNOWN_CODES or error.get("is_transient"):
        return TransientError(
            _("Jaringan sedang bermasalah; kiriman mungkin sudah terkirim."),
            retry_after=hint,
            maybe_sent=True,
            detail=detail,
        )
    if code in PERMISSION_CODES:
        return PermanentError(
            _("Akun tidak memiliki izin untuk mengunggah (kode %(code)s).") % {"code": code},
            detail=detail,
        )
    if status >= 500:
        return server_error(status, detail=detail)
    return PermanentError(
        _("Jaringan menolak kiriman: %(message)s") % {"message": error.get("message", "")},
        detail=detail,
    )
