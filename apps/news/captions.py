"""Captions per network: how they are made from an item, how long each network counts them,
and what an editor is told when one does not fit.

They live with the news item (its ``social_caption_*`` fields are part of every revision the
SOP's moderators approve); apps.social_sync sends what they compose.

X counts "weighted" length (twitter-text v3 configuration): 280 at most, most Latin, Greek,
Cyrillic and general punctuation weigh 1, everything else (CJK, emoji...) 2, an emoji sequence
(skin tone, ZWJ family, flag, keycap) 2 in all, and every URL 23 whatever its length.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

X_MAX = 280
X_URL_LENGTH = 23
# twitter-text v3: code point ranges of weight 1 (scale 100, weight 100); default weight 2.
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


@dataclass(frozen=True)
class SocialNetwork:
    """One network Warta posts to, as the news item's captions know it."""

    key: str  # stored on social accounts and deliveries; names the item's caption field
    name: str  # in the messages an editor reads ("Teks untuk Facebook terlalu panjang")
    label: str  # an account's network in the admin (apps.social_sync's choices)
    limit: int  # the longest post (X: weighted length)
    caption: bool = True  # the editor writes a caption for it; otherwise the automatic text


# Every network, in the order editors and operators see them: the one list of them. The dry
# run posts nothing; it records the automatic text (or, simulating a network, that network's).
SOCIAL_NETWORKS = (
    SocialNetwork("x", "X", "X (Twitter)", X_MAX),
    SocialNetwork("facebook", "Facebook", gettext_lazy("Halaman Facebook"), 63206),
    SocialNetwork("instagram", "Instagram", "Instagram", 2200),
    SocialNetwork("telegram", "Telegram", gettext_lazy("Kanal Telegram"), 4096),
    SocialNetwork(
        "dry_run", "uji coba", gettext_lazy("Uji coba (tidak mengirim)"), 63206, caption=False
    ),
)
# The networks an editor writes a caption for.
NETWORKS = tuple(network.key for network in SOCIAL_NETWORKS if network.caption)
LIMITS = {network.key: network.limit for network in SOCIAL_NETWORKS}
NETWORK_NAMES = {network.key: network.name for network in SOCIAL_NETWORKS}

TELEGRAM_CAPTION_MAX = 1024
INSTAGRAM_MAX_HASHTAGS = 30
INSTAGRAM_NEEDS_IMAGE = gettext_lazy("Instagram memerlukan gambar; berita ini tidak punya gambar.")

URL_RE = re.compile(
    r"https?://[^\s]+"
    r"|\bwww\.[^\s]+"
    # Bare domains count as links on X too ("bekasikota.go.id/berita").
    r"|\b(?:[a-z0-9-]+\.)+(?:go\.id|co\.id|ac\.id|or\.id|id|com|org|net|info|io)\b(?:/[^\s]*)?",
    re.IGNORECASE,
)
_EMOJI_MOD = "(?:\ufe0f|[\U0001f3fb-\U0001f3ff])*"
_EMOJI_BASE = "[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
EMOJI_RE = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}"  # a flag: two regional indicators
    "|[#*0-9]\ufe0f?\u20e3"  # keycap
    f"|{_EMOJI_BASE}{_EMOJI_MOD}(?:\u200d{_EMOJI_BASE}{_EMOJI_MOD})*"
)
HASHTAG_RE = re.compile(r"(?<!\w)#\w+")


def _char_weight(char):
    point = ord(char)
    return 1 if any(start <= point <= end for start, end in X_LIGHT_RANGES) else 2


def x_weighted_length(text):
    """The length X counts for `text`, in characters of weight 1."""
    text = unicodedata.normalize("NFC", text)
    length, position = 0, 0
    for url in URL_RE.finditer(text):
        length += _plain_weight(text[position : url.start()]) + X_URL_LENGTH
        position = url.end()
    return length + _plain_weight(text[position:])


def _plain_weight(text):
    length, position = 0, 0
    for emoji in EMOJI_RE.finditer(text):
        length += sum(_char_weight(c) for c in text[position : emoji.start()]) + 2
        position = emoji.end()
    return length + sum(_char_weight(c) for c in text[position:])


def caption_length(network, text):
    return x_weighted_length(text) if network == "x" else len(text)


def caption_limit(network, *, with_image=False):
    if network == "telegram" and with_image:
        return TELEGRAM_CAPTION_MAX
    return LIMITS[network]


def validate_caption(network, text, *, with_image=False):
    """Indonesian messages for what the network would refuse; empty when it fits."""
    errors = []
    limit = caption_limit(network, with_image=with_image)
    length = caption_length(network, text)
    if length > limit:
        if network == "x":
            errors.append(
                _(
                    "Teks untuk X terlalu panjang: %(length)s dari %(limit)s karakter "
                    "(setiap tautan dihitung 23, emoji dan aksara CJK dihitung 2)."
                )
                % {"length": length, "limit": limit}
            )
        else:
            errors.append(
                _("Teks untuk %(network)s terlalu panjang: %(length)s dari %(limit)s karakter.")
                % {"network": NETWORK_NAMES[network], "length": length, "limit": limit}
            )
    if network == "instagram" and len(HASHTAG_RE.findall(text)) > INSTAGRAM_MAX_HASHTAGS:
        errors.append(
            _("Instagram menerima paling banyak %(max)s tagar.") % {"max": INSTAGRAM_MAX_HASHTAGS}
        )
    if network == "instagram" and not with_image:
        errors.append(str(INSTAGRAM_NEEDS_IMAGE))
    if not text.strip():
        errors.append(_("Teks untuk %(network)s kosong.") % {"network": NETWORK_NAMES[network]})
    return errors


def normalise_hashtags(value):
    """'#Bekasi, kota bekasi' → '#Bekasi #kotabekasi'."""
    tags = []
    for part in re.split(r"[,\s]+(?=#)|,", value or ""):
        word = re.sub(r"[^\w]", "", part.strip().lstrip("#"))
        if word and f"#{word}" not in tags:
            tags.append(f"#{word}")
    return " ".join(tags)


def compose(network, *, title, summary, link, custom="", hashtags="", with_image=False):
    """The text one network receives.

    An editor's caption is used as written, with the link and hashtags added when missing;
    a caption made from the item is shortened to fit, never the editor's.
    """
    tags = normalise_hashtags(hashtags)
    wants_link = network != "instagram"  # links in Instagram captions are not clickable
    if custom.strip():
        parts = [custom.strip()]
        if wants_link and link and link not in custom:
            parts.append(link)
        if tags and not all(tag in custom for tag in tags.split()):
            parts.append(tags)
        return "\n\n".join(parts) if network != "x" else " ".join(parts)
    if network == "x":
        tail = " ".join(p for p in (link, tags) if p)
        return _fit_x(title, tail)
    body = f"{title}\n\n{summary}".strip()
    parts = [body]
    if wants_link and link:
        parts.append(link)
    if tags:
        parts.append(tags)
    text = "\n\n".join(parts)
    limit = caption_limit(network, with_image=with_image)
    if len(text) > limit:
        spare = len(text) - limit + 1
        body = body[: max(0, len(body) - spare)].rstrip() + "…"
        text = "\n\n".join([body, *parts[1:]])
    return text


def _fit_x(title, tail):
    text = f"{title} {tail}".strip()
    if x_weighted_length(text) <= X_MAX:
        return text
    words = title.split()
    while words:
        words.pop()
        text = f"{' '.join(words)}… {tail}".strip()
        if x_weighted_length(text) <= X_MAX:
            return text
    return tail
