"""The admin loads nothing from third parties: an official's browser tells no outside host
which pages they work on, and no page waits on a host that cannot be reached."""

import re

import pytest
from django.urls import reverse

from tests.sop_audit import conftest as sop_fixtures

pytestmark = pytest.mark.django_db

sop_newsroom = sop_fixtures.sop_newsroom

# What a browser fetches on its own: images, scripts, frames, stylesheets, icons.
LOADED = re.compile(
    r'<(?:img|script|iframe|source)\b[^>]*\ssrc="([^"]+)"|<link\b[^>]*\shref="([^"]+)"'
)


def third_party_resources(html):
    found = (src or href for src, href in LOADED.findall(html))
    return [url for url in found if re.match(r"(https?:)?//", url)]


def test_admin_pages_load_nothing_from_other_hosts(client, sop_newsroom):
    agency = sop_newsroom.kominfo
    draft = agency.draft("Pasar murah di Bekasi Timur")
    client.force_login(agency.editor)

    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:add", args=("news", "newspage", agency.index.pk)),
        reverse("wagtailadmin_pages:edit", args=(draft.pk,)),
        reverse("wagtailadmin_account"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert third_party_resources(response.content.decode()) == [], url
