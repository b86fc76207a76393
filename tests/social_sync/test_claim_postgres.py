"""Two workers claiming the same delivery at once: exactly one gets it (PostgreSQL's
SELECT ... FOR UPDATE SKIP LOCKED; SQLite's single writer would prove nothing)."""

import threading

import pytest
from django.db import connection, connections

from apps.social_sync.delivery import claim
from apps.social_sync.models import Delivery, SocialAccount

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks (set TEST_DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_concurrent_claims_have_one_winner(wagtail_root):
    from wagtail.models import Site

    site = Site.objects.create(
        hostname="klaim.localhost", root_page=wagtail_root, is_default_site=False
    )
    account = SocialAccount.objects.create(site=site, network="dry_run", name="Uji")
    rows = [
        Delivery.objects.create(
            page_key=n,
            page_title=f"Berita {n}",
            account=account,
            publication=1,
            next_attempt_at="2020-01-01T00:00:00Z",
        )
        for n in range(20)
    ]
    for delivery in rows:
        barrier = threading.Barrier(4)
        won = []

        def run(pk=delivery.pk, barrier=barrier, won=won):
            try:
                barrier.wait(timeout=10)
                if claim(pk) is not None:
                    won.append(pk)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert len(won) == 1
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
