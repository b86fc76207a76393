"""A loopback fake of X, the Graph API (Facebook Page, Instagram) and the Telegram Bot API,
shared by the social_sync benchmarks.

One threaded ``http.server`` on 127.0.0.1 (a random port) answers the calls the backends in
``apps/social_sync/backends`` make, with the success and error bodies of
``tests/social_sync/conftest.py``, under three prefixes the settings point at:

    SOCIAL_SYNC_X_API_URL     http://127.0.0.1:<port>/x      (api. and upload.twitter.com)
    SOCIAL_SYNC_GRAPH_URL     http://127.0.0.1:<port>/graph
    SOCIAL_SYNC_TELEGRAM_URL  http://127.0.0.1:<port>/telegram

Every post it creates is kept, so a benchmark can count them per item: the networks' read-back
endpoints (X's user timeline, the Page's published_posts, an Instagram container's status)
answer from the same store, newest first and at most ``page_limit`` per page (100 is both
APIs' maximum), with the next page's token as the real APIs give it.

Faults (``fault_rate``, a seeded RNG): a time-out (the answer comes after the client's
time-out, with or without the post made), a 5xx (before or after making the post), a 429 with
the network's hint, and a connection closed without an answer (before or after making it).
``delay`` holds every answer back that many seconds (the slow-network benchmark).
"""

import contextlib
import datetime
import email.parser
import email.policy
import itertools
import json
import random
import re
import socket
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

GRAPH_VERSION = "v25.0"
X_USER_ID = "1234567890"
FB_PAGE_ID = "104857600"
IG_USER_ID = "17841400008460056"
TELEGRAM_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
TELEGRAM_CHAT = "@kominfobekasi"
NETWORKS = ("x", "facebook", "instagram", "telegram")
PREFIXES = {
    "x": "SOCIAL_BENCH_X",
    "facebook": "SOCIAL_BENCH_FB",
    "instagram": "SOCIAL_BENCH_IG",
    "telegram": "SOCIAL_BENCH_TG",
}
CREDENTIALS = {
    "SOCIAL_BENCH_X_CONSUMER_KEY": "ck",
    "SOCIAL_BENCH_X_CONSUMER_SECRET": "cs",
    "SOCIAL_BENCH_X_ACCESS_TOKEN": "at",
    "SOCIAL_BENCH_X_ACCESS_TOKEN_SECRET": "ats",
    "SOCIAL_BENCH_X_USER_ID": X_USER_ID,
    "SOCIAL_BENCH_FB_PAGE_ID": FB_PAGE_ID,
    "SOCIAL_BENCH_FB_ACCESS_TOKEN": "EAAGpage",
    "SOCIAL_BENCH_IG_IG_USER_ID": IG_USER_ID,
    "SOCIAL_BENCH_IG_ACCESS_TOKEN": "EAAGig",
    "SOCIAL_BENCH_TG_BOT_TOKEN": TELEGRAM_TOKEN,
    "SOCIAL_BENCH_TG_CHAT_ID": TELEGRAM_CHAT,
}
FAULT_KINDS = (
    # (kind, weight): what a faulty request meets. "-after" kinds make the post first.
    ("timeout-before", 1),
    ("timeout-after", 1),
    ("5xx-before", 1),
    ("5xx-after", 1),
    ("429", 2),
    ("drop-before", 1),
    ("drop-after", 1),
)
URL_RE = re.compile(r"https?://[^\s<>\"]+")


def environment(base_url):
    """The settings and credentials that point the app at a fake served at ``base_url``."""
    return {
        "SOCIAL_SYNC_X_API_URL": f"{base_url}/x",
        "SOCIAL_SYNC_GRAPH_URL": f"{base_url}/graph",
        "SOCIAL_SYNC_TELEGRAM_URL": f"{base_url}/telegram",
        **CREDENTIALS,
    }


def create_accounts(site):
    """One account per network for `site`, its credentials named by PREFIXES."""
    from apps.social_sync.models import SocialAccount

    return {
        network: SocialAccount.objects.create(
            site=site, network=network, name=f"Bench {network}", credentials_env=prefix
        )
        for network, prefix in PREFIXES.items()
    }


def make_share_image(title="Gambar bench media sosial"):
    """A 1200×800 JPEG in the image library, with the renditions the networks get made now
    (so that concurrent workers do not race to make them)."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    from apps.core.models import WartaImage
    from apps.social_sync.delivery import rendition_spec

    buffer = BytesIO()
    PILImage.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "JPEG", quality=85)
    image = WartaImage(
        title=title, file=ImageFile(BytesIO(buffer.getvalue()), name="bench-social.jpg")
    )
    if hasattr(image, "_set_image_file_metadata"):
        image._set_image_file_metadata()
    image.save()
    for network in NETWORKS:
        image.get_rendition(rendition_spec(network, image))
    return image


def share_with_image(page, image):
    """`image` as the item's social image, in a new revision: the posts are made from the
    revision that goes live. The default accounts: all four."""
    page.social_image = image
    page.save_revision()


# The store -----------------------------------------------------------------------------------


class FakeNetworks:
    def __init__(self, *, seed=0, fault_rate=0.0, client_timeout=10.0, delay=0.0, page_limit=100):
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.client_timeout = client_timeout
        self.delay = delay
        self.page_limit = page_limit
        self.lock = threading.Lock()
        self.posts = {network: [] for network in NETWORKS}  # each: dict with "text", "id"...
        self.containers = {}  # Instagram container id -> dict(status, caption, created, media)
        self.media = set()  # X media ids uploaded
        self.faults = Counter()  # (network, kind)
        self.requests = Counter()  # (network, endpoint)
        self.in_flight = 0  # requests received and not yet answered
        self.anomalies = Counter()  # requests the real API would refuse, by kind
        self.ids = itertools.count(1)
        self.server = None
        self.thread = None

    # Life -----------------------------------------------------------------------------------

    def start(self):
        fake = self

        class Handler(FakeHandler):
            networks = fake

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 128
        self.thread = threading.Thread(target=self.server.serve_forever, name="fake", daemon=True)
        self.thread.start()
        return self

    @property
    def base_url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # Faults ---------------------------------------------------------------------------------

    def pick_fault(self, network, endpoint):
        with self.lock:
            self.requests[(network, endpoint)] += 1
            if self.fault_rate <= 0 or self.rng.random() >= self.fault_rate:
                return None
            kinds, weights = zip(*FAULT_KINDS, strict=True)
            kind = self.rng.choices(kinds, weights)[0]
            self.faults[(network, kind)] += 1
            hint = self.rng.randint(1, 3)
        return kind, hint

    def hang(self):
        """Longer than the client waits."""
        time.sleep(self.client_timeout + 0.3)

    def next_id(self, base):
        with self.lock:
            return str(base + next(self.ids))

    # What a benchmark reads ---------------------------------------------------------------------

    def posts_by_text(self):
        """(network, text) -> the posts made with that text."""
        found = defaultdict(list)
        with self.lock:
            for network, posts in self.posts.items():
                for post in posts:
                    found[(network, post["text"])].append(post)
        return found

    def post_count(self):
        with self.lock:
            return sum(len(posts) for posts in self.posts.values())

    def fault_counts(self):
        with self.lock:
            by_kind = Counter()
            for (_network, kind), count in self.faults.items():
                by_kind[kind] += count
            return dict(by_kind), dict(self.faults)

    def request_count(self):
        with self.lock:
            return sum(self.requests.values())

    def busy(self):
        """Whether a request is being answered (or held back by ``delay``) right now."""
        with self.lock:
            return self.in_flight > 0


def _utcnow():
    return datetime.datetime.now(datetime.UTC)


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# The HTTP side -------------------------------------------------------------------------------


class Answer:
    def __init__(self, status, body=None, headers=None, raw=None):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.raw = raw


class FakeHandler(BaseHTTPRequestHandler):
    networks: FakeNetworks
    protocol_version = "HTTP/1.0"  # one request per connection: a drop hits only its own

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_DELETE(self):
        self.dispatch("DELETE")

    # Plumbing -------------------------------------------------------------------------------

    def read_request(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(split.query).items()}
        content_type = self.headers.get("Content-Type", "")
        form = {}
        if content_type.startswith("application/json") and raw:
            form = json.loads(raw)
        elif content_type.startswith("multipart/form-data"):
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {content_type}\r\n\r\n".encode() + raw
            )
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if part.get_filename():
                    form[name] = payload
                else:
                    form[name] = payload.decode("utf-8")
        elif raw:
            form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}
        return split.path, query, form

    def send(self, answer):
        try:
            if answer.raw is not None:
                data = answer.raw.encode()
                content_type = "text/html"
            elif answer.body is None:
                data = b""
                content_type = "text/plain"
            else:
                data = json.dumps(answer.body).encode()
                content_type = "application/json; charset=utf-8"
            self.send_response(answer.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in answer.headers.items():
                self.send_header(name, str(value))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (time-out): what it missed is the point

    def drop(self):
        """Close the connection without a word."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def dispatch(self, method):
        fake = self.networks
        with fake.lock:
            fake.in_flight += 1
        try:
            self.answer(method)
        finally:
            with fake.lock:
                fake.in_flight -= 1

    def answer(self, method):
        fake = self.networks
        path, query, form = self.read_request()
        route = self.route(method, path)
        if route is None:
            fake.anomalies[f"unknown {method} {path}"] += 1
            self.send(Answer(404, {"error": "no such endpoint in the fake"}))
            return
        network, endpoint, handler = route
        fault = fake.pick_fault(network, endpoint)
        kind = fault[0] if fault else None
        if kind == "429":
            self.send(rate_limited(network, fault[1]))
            return
        if kind == "5xx-before":
            self.send(server_error(network, fake.rng))
            return
        if kind == "drop-before":
            self.drop()
            return
        if kind == "timeout-before":
            fake.hang()
            self.drop()
            return
        answer = handler(query, form)
        if kind == "5xx-after":
            self.send(server_error(network, fake.rng))
        elif kind == "drop-after":
            self.drop()
        elif kind == "timeout-after":
            fake.hang()
            self.send(answer)
        else:
            if fake.delay:
                time.sleep(fake.delay)
            self.send(answer)

    def route(self, method, path):
        parts = [p for p in path.split("/") if p]
        if not parts:
            return None
        head, rest = parts[0], parts[1:]
        if head == "x":
            return self.route_x(method, "/".join(rest))
        if head == "graph" and rest and rest[0] == GRAPH_VERSION:
            return self.route_graph(method, rest[1:])
        if head == "telegram" and len(rest) == 2 and rest[0] == f"bot{TELEGRAM_TOKEN}":
            if rest[1] in ("sendMessage", "sendPhoto"):
                return "telegram", rest[1], self.telegram_send
            if rest[1] == "deleteMessage":
                return "telegram", "deleteMessage", lambda q, f: telegram_ok(True)
        return None

    # X ----------------------------------------------------------------------------------------

    def route_x(self, method, path):
        if method == "POST" and path == "1.1/media/upload.json":
            return "x", "media/upload", self.x_upload
        if method == "POST" and path == "1.1/media/metadata/create.json":
            return "x", "media/metadata", lambda q, f: Answer(200)
        if method == "POST" and path == "2/tweets":
            return "x", "tweets", self.x_tweet
        if method == "GET" and path == f"2/users/{X_USER_ID}/tweets":
            return "x", "timeline", self.x_timeline
        if method == "GET" and path == "2/users/me":
            return (
                "x",
                "me",
                lambda q, f: Answer(
                    200, {"data": {"id": X_USER_ID, "name": "Bench", "username": "bench"}}
                ),
            )
        if method == "DELETE" and path.startswith("2/tweets/"):
            return "x", "delete", lambda q, f: Answer(200, {"data": {"deleted": True}})
        return None

    def x_upload(self, query, form):
        fake = self.networks
        if not form.get("media"):
            fake.anomalies["x upload without media"] += 1
        media_id = fake.next_id(710511363345354753)
        with fake.lock:
            fake.media.add(media_id)
        return Answer(
            200,
            {
                "media_id": int(media_id),
                "media_id_string": media_id,
                "size": len(form.get("media") or b""),
                "expires_after_secs": 86400,
                "image": {"image_type": "image/jpeg", "w": 1200, "h": 800},
            },
        )

    def x_tweet(self, query, form):
        fake = self.networks
        text = form.get("text", "")
        media_ids = (form.get("media") or {}).get("media_ids") or []
        with fake.lock:
            unknown_media = [m for m in media_ids if m not in fake.media]
        if unknown_media:
            return Answer(
                400,
                {
                    "errors": [{"parameters": {"media.media_ids": unknown_media}}],
                    "title": "Invalid Request",
                    "detail": "One or more parameters to your request was invalid.",
                    "type": "https://api.twitter.com/2/problems/invalid-request",
                },
            )
        tweet_id = fake.next_id(1500000000000000000)
        shown, urls = text, []
        for number, url in enumerate(URL_RE.findall(text)):
            short = f"https://t.co/b{tweet_id[-6:]}{number}"
            start = shown.index(url)
            shown = shown[:start] + short + shown[start + len(url) :]
            urls.append(
                {
                    "start": start,
                    "end": start + len(short),
                    "url": short,
                    "expanded_url": url,
                    "display_url": url.split("://", 1)[-1][:20] + "…",
                }
            )
        tweet = {
            "id": tweet_id,
            "text": shown,
            "edit_history_tweet_ids": [tweet_id],
            "created_at": _iso(_utcnow()),
            "entities": {"urls": urls},
        }
        with fake.lock:
            fake.posts["x"].append(
                {"id": tweet_id, "text": text, "created": _utcnow(), "tweet": tweet}
            )
        return Answer(
            201, {"data": {"id": tweet_id, "text": shown, "edit_history_tweet_ids": [tweet_id]}}
        )

    def x_timeline(self, query, form):
        fake = self.networks
        start = query.get("start_time")
        since = (
            datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            if start
            else None
        )
        limit = max(5, min(int(query.get("max_results", 10)), 100))
        if fake.page_limit:
            limit = min(limit, fake.page_limit)
        with fake.lock:
            tweets = [p for p in fake.posts["x"] if since is None or p["created"] >= since]
        tweets.reverse()  # newest first
        offset = int(query.get("pagination_token", "0") or 0)
        page = tweets[offset : offset + limit]
        if not page:
            return Answer(200, {"meta": {"result_count": 0}})
        meta = {"result_count": len(page), "newest_id": page[0]["id"], "oldest_id": page[-1]["id"]}
        if offset + limit < len(tweets):
            meta["next_token"] = str(offset + limit)
        return Answer(200, {"data": [p["tweet"] for p in page], "meta": meta})

    # Graph ------------------------------------------------------------------------------------

    def route_graph(self, method, parts):
        if len(parts) == 2 and parts[0] == FB_PAGE_ID and method == "POST":
            if parts[1] == "feed":
                return "facebook", "feed", self.fb_feed
            if parts[1] == "photos":
                return "facebook", "photos", self.fb_photos
        if len(parts) == 2 and parts[0] == FB_PAGE_ID and parts[1] == "published_posts":
            return "facebook", "published_posts", self.fb_published_posts
        if len(parts) == 2 and parts[0] == IG_USER_ID and method == "POST":
            if parts[1] == "media":
                return "instagram", "media", self.ig_container
            if parts[1] == "media_publish":
                return "instagram", "media_publish", self.ig_publish
        if len(parts) == 1 and method == "GET":
            node = parts[0]
            if node in self.networks.containers:
                return "instagram", "container", self.ig_status
            return "instagram", "media_get", self.ig_media
        if len(parts) == 1 and method == "DELETE":
            return "facebook", "delete", lambda q, f: Answer(200, {"success": True})
        return None

    def fb_post(self, text, photo):
        fake = self.networks
        post_id = f"{FB_PAGE_ID}_{fake.next_id(122100000000000000)}"
        with fake.lock:
            fake.posts["facebook"].append(
                {"id": post_id, "text": text, "created": _utcnow(), "photo": photo}
            )
        return post_id

    def fb_feed(self, query, form):
        return Answer(200, {"id": self.fb_post(form.get("message", ""), False)})

    def fb_photos(self, query, form):
        post_id = self.fb_post(form.get("caption", ""), True)
        return Answer(200, {"id": self.networks.next_id(900000000000000), "post_id": post_id})

    def fb_published_posts(self, query, form):
        fake = self.networks
        since = query.get("since")
        since = datetime.datetime.fromtimestamp(int(since), datetime.UTC) if since else None
        limit = max(1, min(int(query.get("limit", 25)), 100))
        if fake.page_limit:
            limit = min(limit, fake.page_limit)
        with fake.lock:
            posts = [p for p in fake.posts["facebook"] if since is None or p["created"] >= since]
        posts.reverse()
        offset = int(query.get("after", "0") or 0)
        page = posts[offset : offset + limit]
        body = {
            "data": [
                {
                    "id": p["id"],
                    "message": p["text"],
                    "permalink_url": f"https://www.facebook.com/{p['id']}",
                    "created_time": p["created"].strftime("%Y-%m-%dT%H:%M:%S+0000"),
                }
                for p in page
            ]
        }
        if page:
            body["paging"] = {"cursors": {"before": str(offset), "after": str(offset + limit)}}
            if offset + limit < len(posts):
                next_query = {**query, "after": str(offset + limit)}
                body["paging"]["next"] = (
                    f"https://graph.facebook.com/{GRAPH_VERSION}/{FB_PAGE_ID}/published_posts?"
                    + urlencode(next_query)
                )
        return Answer(200, body)

    def ig_container(self, query, form):
        fake = self.networks
        container = fake.next_id(17900000000000000)
        with fake.lock:
            fake.containers[container] = {
                "status": "IN_PROGRESS",
                "caption": form.get("caption", ""),
                "created": time.monotonic(),
                "media": None,
            }
        return Answer(200, {"id": container})

    def _container_status(self, container):
        # Caller holds the lock. Processing takes 50 ms.
        if container["status"] == "IN_PROGRESS" and time.monotonic() - container["created"] > 0.05:
            container["status"] = "FINISHED"
        return container["status"]

    def ig_status(self, query, form):
        fake = self.networks
        node = urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1]
        with fake.lock:
            status = self._container_status(fake.containers[node])
        return Answer(200, {"status_code": status, "id": node})

    def ig_publish(self, query, form):
        fake = self.networks
        creation_id = form.get("creation_id", "")
        with fake.lock:
            container = fake.containers.get(creation_id)
            status = self._container_status(container) if container else None
            if status == "FINISHED":
                media_id = str(17950000000000000 + next(fake.ids))
                container["status"] = "PUBLISHED"
                container["media"] = media_id
                fake.posts["instagram"].append(
                    {
                        "id": media_id,
                        "container": creation_id,
                        "text": container["caption"],
                        "created": _utcnow(),
                    }
                )
                return Answer(200, {"id": media_id})
            fake.anomalies[f"instagram media_publish on a container {status}"] += 1
        return Answer(
            400,
            graph_error(
                9007,
                "The media is not ready for publishing, please wait for a moment",
                subcode=2207027,
                transient=False,
            ),
        )

    def ig_media(self, query, form):
        node = urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1]
        return Answer(200, {"permalink": f"https://www.instagram.com/p/B{node[-8:]}/", "id": node})

    # Telegram ---------------------------------------------------------------------------------

    def telegram_send(self, query, form):
        fake = self.networks
        photo = "photo" in form
        text = form.get("caption" if photo else "text", "")
        with fake.lock:
            message_id = len(fake.posts["telegram"]) + 1000
            fake.posts["telegram"].append(
                {"id": str(message_id), "text": text, "created": _utcnow(), "photo": photo}
            )
        chat = {"id": -1001234567890, "title": "Kominfo Bekasi", "username": "kominfobekasi"}
        result = {
            "message_id": message_id,
            "sender_chat": {**chat, "type": "channel"},
            "chat": {**chat, "type": "channel"},
            "date": int(time.time()),
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
            result["caption"] = text
        else:
            result["text"] = text
        return telegram_ok(result)


# The networks' error answers (shapes from tests/social_sync/conftest.py) ---------------------


def graph_error(code, message, *, subcode=None, transient=None, type_="OAuthException"):
    error = {"message": message, "type": type_, "code": code, "fbtrace_id": "AzQ8rW1nB2x"}
    if subcode is not None:
        error["error_subcode"] = subcode
    if transient is not None:
        error["is_transient"] = transient
    return {"error": error}


def x_problem(status, title, detail, type_="about:blank"):
    return {"title": title, "detail": detail, "type": type_, "status": status}


def telegram_ok(result):
    return Answer(200, {"ok": True, "result": result})


def telegram_error(code, description, retry_after=None):
    body = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def rate_limited(network, hint):
    if network == "x":
        return Answer(
            429,
            x_problem(429, "Too Many Requests", "Too Many Requests"),
            {
                "x-rate-limit-limit": 200,
                "x-rate-limit-remaining": 0,
                "x-rate-limit-reset": int(time.time()) + hint,
            },
        )
    if network == "telegram":
        return Answer(
            429, telegram_error(429, f"Too Many Requests: retry after {hint}", retry_after=hint)
        )
    return Answer(
        429,
        graph_error(4, "(#4) Application request limit reached", transient=True),
        {"Retry-After": hint},
    )


def server_error(network, rng):
    if network == "x":
        return Answer(503, x_problem(503, "Service Unavailable", "Service Unavailable"))
    if network == "telegram":
        if rng.random() < 0.5:
            return Answer(502, raw="<html><head><title>502 Bad Gateway</title></head></html>")
        return Answer(500, telegram_error(500, "Internal Server Error"))
    return Answer(
        500,
        graph_error(
            2, "An unexpected error has occurred. Please retry your request later.", transient=True
        ),
    )
